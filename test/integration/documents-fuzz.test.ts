import * as Y from 'yjs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { COMMENTS_FIELD, commentsDocName } from '../../shared/comments';
import { systemClock } from '../../server/clock';
import type { DocStore } from '../../server/documents/doc-store';
import { MemoryEphemeral } from '../../server/ephemeral/memory';
import { Harness, waitFor, type Client } from './documents.harness';
import { mulberry32 } from '../helpers/random';

/**
 * Seeded fuzzing (tldraw's syncFuzz shape): peers edit at random, drop off and come back,
 * the log compacts and the document unloads along the way; at the end every client, the
 * live server and a fresh server on the same database file agree.
 */
const seeds = Array.from({ length: 20 }, (_, i) => i + 1);
const opsPerSeed = 60;

let h: Harness;
afterEach(async () => h?.close());

/** Across all seeds, the run must have exercised what it claims to (not a per-seed rule). */
const seen = { loads: 0, compactions: 0, offlineEdits: 0 };
afterAll(() => {
  expect(seen.loads).toBeGreaterThan(seeds.length * 2); // documents unloaded and reloaded mid-run
  expect(seen.compactions).toBeGreaterThan(seeds.length);
  expect(seen.offlineEdits).toBeGreaterThan(seeds.length);
});
const counting = (s: DocStore): DocStore => ({
  ...s,
  load: (name) => (seen.loads++, s.load(name)),
  compact: (...args) => (seen.compactions++, s.compact(...args)),
});

let second: Harness | undefined;
afterEach(async () => {
  await second?.close();
  second = undefined;
});

describe('randomized convergence', () => {
  it.each(seeds)('seed %i: 4 peers with random edits and disconnects converge', async (seed) => {
    await fuzz(seed, false);
  });

  it.each(seeds.slice(0, 8))('seed %i, two instances sharing the store and pub/sub: 4 peers converge', async (seed) => {
    await fuzz(seed, true);
  });

  it.each(seeds.slice(0, 12))('seed %i: 2 writers and 2 commenters converge, and no comment is refused', async (seed) => {
    await fuzz(seed, seed % 3 === 0, true);
  });
});

/**
 * With `commenters`, every peer also has the comments' document open: carol and dave may
 * only comment (they read the text), and add, answer, resolve and delete threads, offline
 * too, while alice and bob write and comment; a comment refused would never converge.
 */
async function fuzz(seed: number, twoInstances: boolean, commenters = false): Promise<void> {
  const random = mulberry32(seed);
  const int = (n: number) => Math.floor(random() * n);
  // Small numbers so that compaction and unloading happen during the run.
  const options = { compactEvery: 7, idleUnloadMs: 5, wrapStore: counting, ephemeral: new MemoryEphemeral(systemClock) };
  h = await Harness.start(options);
  if (twoInstances) second = await Harness.start({ ...options, dir: h.dir });
  if (commenters) for (const harness of [h, second]) for (const who of ['carol', 'dave'] as const) harness?.kind.rules.set(who, 'comment');
  const name = `note:fuzz-${seed}`;
  const peers: Peer[] = (['alice', 'bob', 'carol', 'dave'] as const).map((who, i) => {
    const server = i % 2 && second ? second : h;
    return { text: server.connect(name, who), comments: commenters ? server.connect(commentsDocName(name), who) : undefined, writes: !commenters || i < 2 };
  });
  const clients = peers.flatMap((p) => (p.comments ? [p.text, p.comments] : [p.text]));
  await Promise.all(clients.map((c) => c.synced()));

  for (let op = 0; op < opsPerSeed; op++) {
    const peer = peers[int(peers.length)]!;
    const roll = random();
    if (roll < 0.75 && !peer.text.provider.wsconnected) seen.offlineEdits++;
    if (roll < 0.75 && peer.comments && (!peer.writes || random() < 0.3)) comment(peer.comments, int, randomWord(int));
    else if (roll < 0.5 && peer.writes) peer.text.text.insert(int(peer.text.text.length + 1), randomWord(int));
    else if (roll < 0.75 && peer.writes) deleteSome(peer.text, int);
    else if (roll >= 0.75) toggleConnection(peer);
    // Let the network run between some operations, not all: both interleavings matter.
    if (random() < 0.6) await new Promise((resolve) => setTimeout(resolve, int(4)));
  }

  for (const client of clients) if (!client.provider.shouldConnect) client.provider.connect();
  const servers = [h, second].filter((x) => x !== undefined);
  const serverContents = async (x: Harness) => contents(await x.serverDoc(name), commenters ? await x.serverDoc(commentsDocName(name)) : undefined);
  const { expected } = await waitFor(
    async () => {
      const all = new Set([...peers.map((p) => contents(p.text.doc, p.comments?.doc)), ...(await Promise.all(servers.map(serverContents)))]);
      return all.size === 1 ? { expected: [...all][0]! } : null;
    },
    `seed ${seed} to converge`,
    10_000,
  );
  expect(contents(await h.storedDoc(name), commenters ? await h.storedDoc(commentsDocName(name)) : undefined)).toBe(expected);
  if (commenters) expect(JSON.parse(expected).comments.length).toBeGreaterThan(0);
  await second?.close();
  second = undefined;
  await h.restart();
  expect(await serverContents(h)).toBe(expected);
}

/** One person: the text, and (with commenters) the comments' document; `writes` when they may edit the text. */
interface Peer {
  text: Client;
  comments: Client | undefined;
  writes: boolean;
}

/** A person goes offline or comes back: both their connections at once, as a page does. */
function toggleConnection(peer: Peer): void {
  const online = peer.text.provider.shouldConnect;
  for (const client of peer.comments ? [peer.text, peer.comments] : [peer.text]) {
    if (online) client.provider.disconnect();
    else client.provider.connect();
  }
}

/** What must converge: the text, and the comment threads with their replies and state (map keys sorted: their order is not). */
const contents = (text: Y.Doc, comments?: Y.Doc): string =>
  JSON.stringify({ text: text.getText('t').toString(), comments: comments?.getArray(COMMENTS_FIELD).toJSON() ?? [] }, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b))) : value,
  );

/** A random comment operation: a new thread (most often), a reply, resolve or reopen, or a deletion. */
function comment(peer: Client, int: (n: number) => number, body: string): void {
  const threads = peer.doc.getArray<Y.Map<unknown>>(COMMENTS_FIELD);
  const roll = int(10);
  if (threads.length === 0 || roll < 4) {
    const thread = new Y.Map<unknown>();
    thread.set('body', body);
    thread.set('replies', new Y.Array<string>());
    threads.insert(int(threads.length + 1), [thread]);
    return;
  }
  const at = int(threads.length);
  const thread = threads.get(at);
  if (roll < 7) (thread.get('replies') as Y.Array<string>).push([body]);
  else if (roll < 9) thread.set('resolved', thread.get('resolved') !== true);
  else threads.delete(at, 1);
}

function randomWord(int: (n: number) => number): string {
  return Array.from({ length: 1 + int(5) }, () => 'abcdefghij가나다'[int(13)]).join('');
}

function deleteSome(peer: Client, int: (n: number) => number): void {
  const length = peer.text.length;
  if (length === 0) return;
  const at = int(length);
  peer.text.delete(at, 1 + int(Math.min(5, length - at)));
}
