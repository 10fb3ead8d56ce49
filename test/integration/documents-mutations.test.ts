import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeSyncStep1, encodeSyncStep2, encodeUpdate } from '../../server/documents/messages';
import { mulberry32 } from '../helpers/random';
import { Mutator, mutationKinds, type MutationKind } from '../helpers/mutations';
import { converged, Harness, waitFor, type Client } from './documents.harness';

/**
 * Seeded fuzz of the update path: 10,000 updates made from valid edits of a live document
 * and then damaged (bits flipped, cut short, two spliced together, an origin's clock shifted)
 * are sent over real sockets, while two stock clients type. Whatever the server refuses must
 * not reach the log; whatever it takes must apply. A fresh document every 1,000 mutations (a
 * refusal rebuilds the server's replica, which costs the size of the document): at its end,
 * the clients converge with the server and the log replays cleanly to the same text; every
 * 2,500 the document is unloaded, then the server restarts, and every document so far loads
 * with its text.
 */
const seed = 1301;
const mutations = Number(process.env.FUZZ_MUTATIONS ?? 10_000);
const checkEvery = 1_000;
const reloadEvery = 2_500;
const attackers = 8;
let docName = 'note:mutations-0';

let h: Harness;
afterEach(async () => h?.close());

type Outcome = 'accepted' | 'malformed' | 'not-applicable' | 'unresolved' | 'other-close';

/** A raw socket that sends one update (as an update or a sync reply) and learns whether the server took it. */
class Attacker {
  private ws: WebSocket | null = null;
  private waiting: ((outcome: { closed: number | null }) => void) | null = null;

  constructor(private readonly url: () => string) {}

  async send(update: Uint8Array, asSyncReply: boolean): Promise<number | null> {
    const ws = this.ws ?? (await this.open());
    ws.send(asSyncReply ? encodeSyncStep2(update) : encodeUpdate(update));
    // Sync step 1 is answered at once, while the update waits for its write round (the end of
    // that turn at the latest); a second one, sent after the first answer, is read after that
    // round has taken or refused the update.
    const first = await this.roundTrip(ws);
    return first !== null ? first : this.roundTrip(ws);
  }

  private async roundTrip(ws: WebSocket): Promise<number | null> {
    if (this.ws !== ws) return 1006;
    const answered = new Promise<{ closed: number | null }>((resolve) => (this.waiting = resolve));
    ws.send(encodeSyncStep1(new Uint8Array([0])));
    return (await answered).closed;
  }

  close(): void {
    this.ws?.terminate();
    this.ws = null;
  }

  private async open(): Promise<WebSocket> {
    const ws = new WebSocket(`${this.url()}/${docName}?token=token-alice`);
    ws.on('message', (data: Buffer) => {
      if (data[0] === 0 && data[1] === 1) this.settle({ closed: null });
    });
    ws.on('close', (code) => {
      if (this.ws === ws) this.ws = null;
      this.settle({ closed: code });
    });
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
    this.ws = ws;
    return ws;
  }

  private settle(outcome: { closed: number | null }): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.(outcome);
  }
}

const outcomeOf = (closed: number | null): Outcome =>
  closed === null ? 'accepted' : closed === 4400 ? 'malformed' : closed === 4422 ? 'not-applicable' : closed === 1013 ? 'unresolved' : 'other-close';

const hex = (u: Uint8Array) => Buffer.from(u).toString('hex');

describe('seeded fuzz of mutated updates', () => {
  it(`${mutations} mutated updates: nothing refused is stored, the document always loads, everyone converges`, async () => {
    const started = performance.now();
    const random = mulberry32(seed);
    const int = (n: number) => Math.floor(random() * n);
    h = await Harness.start({ idleUnloadMs: 20 });
    let [bob, carol] = [await h.connectSynced(docName, 'bob'), await h.connectSynced(docName, 'carol')];
    bob.text.insert(0, '산업대전환 포럼 회의록');
    await converged([bob, carol]);

    const mutator = new Mutator(random);
    const refused = new Set<string>();
    const counts: Record<string, number> = {};
    const count = (key: string) => (counts[key] = (counts[key] ?? 0) + 1);
    const sockets = Array.from({ length: attackers }, () => new Attacker(() => h.url));
    const texts = new Map<string, string>();

    for (let done = 0; done < mutations; ) {
      mutator.setBase(Y.encodeStateAsUpdate(bob.doc));
      // A few mutations at once, one per socket, and the clients type meanwhile.
      const batch = await Promise.all(
        sockets.map(async (socket) => {
          const kind = mutationKinds[int(mutationKinds.length)]! as MutationKind;
          const update = mutator.make(kind);
          const closed = await socket.send(update, random() < 0.2);
          return { kind, update, outcome: outcomeOf(closed) };
        }),
      );
      for (const { kind, update, outcome } of batch) {
        count(`${kind} → ${outcome}`);
        if (outcome !== 'accepted') refused.add(hex(update));
      }
      done += batch.length;
      if (done % 40 === 0) typeSomething(int, bob, carol);
      if (done % checkEvery === 0) {
        texts.set(docName, await checkpoint(refused, [bob, carol]));
        sockets.forEach((s) => s.close());
        if (done % reloadEvery === 0) await reload([bob, carol], texts);
        else [bob, carol].forEach((c) => c.destroy());
        docName = `note:mutations-${done}`;
        [bob, carol] = [await h.connectSynced(docName, 'bob'), await h.connectSynced(docName, 'carol')];
        bob.text.insert(0, '산업대전환 포럼 회의록');
      }
    }

    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`mutation fuzz, seed ${seed}: ${mutations} updates in ${seconds} s`, counts);
    expect(Object.keys(counts).some((k) => k.endsWith('other-close'))).toBe(false);
    // The run exercised each way of being refused, and took some.
    for (const outcome of ['accepted', 'malformed', 'not-applicable', 'unresolved']) expect(Object.keys(counts).some((k) => k.endsWith(outcome))).toBe(true);
  }, 900_000);
});

function typeSomething(int: (n: number) => number, bob: Client, carol: Client): void {
  bob.text.insert(int(bob.text.length + 1), '위원장');
  if (carol.text.length > 40) carol.text.delete(int(carol.text.length - 5), 3);
  else carol.text.insert(carol.text.length, ' 산업부');
}

/** The clients converge with the server, and the log replays, in full, to the same text and holds nothing refused. */
async function checkpoint(refused: Set<string>, clients: Client[]): Promise<string> {
  const text = await converged(clients, 'the clients to converge', 20_000);
  await waitFor(async () => (await h.serverText(docName)) === text, 'the server to have the clients’ text', 20_000);
  const rows = await h.store.load(docName);
  expect(rows.filter((row) => refused.has(hex(row)))).toEqual([]);
  const stored = new Y.Doc();
  Y.transact(stored, () => rows.forEach((row) => Y.applyUpdate(stored, row)));
  expect(stored.store.pendingStructs).toBeNull();
  expect(stored.store.pendingDs).toBeNull();
  expect(stored.getText('t').toString()).toBe(text);
  expect(await h.store.listQuarantined()).toEqual([]);
  return text;
}

/** Unloads the documents, loads each again, then restarts the server: the same text each time. */
async function reload(clients: Client[], texts: Map<string, string>): Promise<void> {
  clients.forEach((c) => c.destroy());
  await waitFor(() => h.docs.stats().documents === 0, 'the documents to unload', 20_000);
  for (const [name, text] of texts) {
    const again = await h.connectSynced(name, 'dave');
    expect(again.text.toString()).toBe(text);
    again.destroy();
  }
  await h.restart();
  for (const [name, text] of texts) {
    const again = await h.connectSynced(name, 'bob');
    expect(again.text.toString()).toBe(text);
    again.destroy();
  }
}
