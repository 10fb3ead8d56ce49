import { afterAll, afterEach, describe, expect, it } from 'vitest';
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
});

async function fuzz(seed: number, twoInstances: boolean): Promise<void> {
  const random = mulberry32(seed);
  const int = (n: number) => Math.floor(random() * n);
  // Small numbers so that compaction and unloading happen during the run.
  const options = { compactEvery: 7, idleUnloadMs: 5, wrapStore: counting, ephemeral: new MemoryEphemeral(systemClock) };
  h = await Harness.start(options);
  if (twoInstances) second = await Harness.start({ ...options, dir: h.dir });
  const name = `note:fuzz-${seed}`;
  const peers = (['alice', 'bob', 'carol', 'dave'] as const).map((who, i) => (i % 2 && second ? second : h).connect(name, who));
  await Promise.all(peers.map((p) => p.synced()));

  for (let op = 0; op < opsPerSeed; op++) {
    const peer = peers[int(peers.length)]!;
    const roll = random();
    if (roll < 0.75 && !peer.provider.wsconnected) seen.offlineEdits++;
    if (roll < 0.5) peer.text.insert(int(peer.text.length + 1), randomWord(int));
    else if (roll < 0.75) deleteSome(peer, int);
    else if (peer.provider.shouldConnect) peer.provider.disconnect();
    else peer.provider.connect();
    // Let the network run between some operations, not all: both interleavings matter.
    if (random() < 0.6) await new Promise((resolve) => setTimeout(resolve, int(4)));
  }

  for (const peer of peers) if (!peer.provider.shouldConnect) peer.provider.connect();
  const { expected } = await waitFor(
    async () => {
      const servers = await Promise.all([h, second].filter((x) => x !== undefined).map((x) => x.serverText(name)));
      const texts = new Set([...peers.map((p) => p.text.toString()), ...servers]);
      return texts.size === 1 ? { expected: [...texts][0]! } : null;
    },
    `seed ${seed} to converge`,
    10_000,
  );
  expect(await h.storedText(name)).toBe(expected);
  await second?.close();
  second = undefined;
  await h.restart();
  expect(await h.serverText(name)).toBe(expected);
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
