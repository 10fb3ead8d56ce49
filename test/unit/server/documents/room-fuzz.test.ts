/**
 * A deterministic fuzz of the document room alone (LiveDoc), without sockets: in-memory
 * session pairs that move messages only when flushed, an in-memory store whose appends can
 * fail, fake timers. Each seed: writers edit, access flips between writer and reader,
 * appends fail, sessions drop and come back, the document is unloaded and loaded again, and
 * the log compacts along the way; in the end every client, the room and a fresh load agree.
 */
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../../../shared/domain';
import { LiveDoc } from '../../../../server/documents/document';
import { createLogger } from '../../../../server/logger';
import { mulberry32 } from '../../../helpers/random';
import { MemoryClient, MemoryDocStore, MemorySession } from '../../../helpers/session-pair';

const seeds = Array.from({ length: 1000 }, (_, i) => i + 1);
const opsPerSeed = 40;
const name = 'note:fuzz';
const user = (id: string): User => ({ id, email: `${id}@forum.test`, name: id, role: 'chair', subcommittee: 'investment', createdAt: '2026-01-01T00:00:00.000Z' });

// Not setInterval: y-protocols' awareness keeps one running for the room's life (it is destroyed with it).
beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'performance', 'Date'] }));
afterEach(() => vi.useRealTimers());

/** Across all seeds, the run must have done what it claims (not a per-seed rule). */
const seen = { failedAppends: 0, unloads: 0, compactions: 0, flips: 0 };

describe('the document room under a seeded fuzz', () => {
  it(`${seeds.length} seeds: edits, access flips, failed appends, drops and unloads converge`, async () => {
    for (const seed of seeds) await fuzz(seed);
    expect(seen.failedAppends).toBeGreaterThan(seeds.length / 10);
    expect(seen.unloads).toBeGreaterThan(seeds.length / 4);
    expect(seen.flips).toBeGreaterThan(seeds.length);
    expect(seen.compactions).toBeGreaterThan(seeds.length / 10);
  }, 600_000);
});

async function fuzz(seed: number): Promise<void> {
  const random = mulberry32(seed);
  const int = (n: number) => Math.floor(random() * n);
  const store = new MemoryDocStore();
  const compact = store.compact.bind(store);
  const appendBatch = store.appendBatch.bind(store);
  store.appendBatch = (...args) => appendBatch(...args).catch((error: unknown) => (seen.failedAppends++, Promise.reject(error)));
  store.compact = async (...args) => (seen.compactions++, compact(...args));
  const load = () =>
    LiveDoc.load(name, { store, logger: createLogger('silent'), compactEvery: 5, merge: async (updates) => Y.mergeUpdates(updates), onIdle: () => {} });
  let room = await load();
  const clients = ['alice', 'bob', 'carol'].map((id) => ({ id, client: new MemoryClient(), access: 'write' as 'write' | 'read' }));
  const connect = (c: (typeof clients)[number]) => {
    const session = new MemorySession(name, user(c.id), c.access);
    c.client.connect(session);
    room.attach(session);
  };
  clients.forEach(connect);
  const settle = async () => {
    for (let round = 0; round < 50; round++) {
      // A client closed with 1011 or 1013 reconnects, as the stock provider does (44xx codes are final).
      for (const c of clients) if (!c.client.connected && (c.client.session?.closedWith?.code ?? 0) < 4400) connect(c);
      await vi.runAllTimersAsync();
      const moved = clients.map((c) => c.client.flush()).some(Boolean);
      await room.drain();
      if (!moved) return;
    }
    throw new Error(`seed ${seed}: the room never went quiet`);
  };

  for (let op = 0; op < opsPerSeed; op++) {
    const c = clients[int(clients.length)]!;
    const roll = random();
    if (roll < 0.45) {
      // Readers do not type: the editor is read-only for them.
      if (c.access === 'write') edit(c.client.text, int);
    } else if (roll < 0.65) {
      c.client.flush();
    } else if (roll < 0.75) {
      c.access = c.access === 'write' ? 'read' : 'write';
      seen.flips++;
      if (c.client.session?.isOpen) room.setAccess(c.client.session, c.access);
    } else if (roll < 0.82) {
      store.failAppends = 1;
    } else if (roll < 0.9) {
      if (c.client.connected) c.client.session!.close(1000, 'gone');
      else connect(c);
    } else if (roll < 0.95) {
      await vi.runAllTimersAsync();
    } else {
      // Unload: every session goes, the room is dropped, and loaded again from the store.
      for (const { client } of clients) client.session?.close(1001, 'restarting');
      await room.drain();
      room.destroy();
      room = await load();
      seen.unloads++;
    }
  }

  // Everyone back, as writers, until nothing moves.
  store.failAppends = 0;
  for (const c of clients) {
    if (c.access !== 'write') {
      c.access = 'write';
      if (c.client.session?.isOpen) room.setAccess(c.client.session, 'write');
    }
    if (!c.client.connected) connect(c);
  }
  await settle();
  const expected = room.doc.getText('t').toString();
  for (const { client } of clients) expect(client.text.toString(), `seed ${seed}`).toBe(expected);
  const fresh = await load();
  expect(fresh.doc.getText('t').toString(), `seed ${seed}: a fresh load`).toBe(expected);
  fresh.destroy();
  room.destroy();
}

function edit(text: Y.Text, int: (n: number) => number): void {
  if (text.length > 0 && int(3) === 0) {
    const at = int(text.length);
    text.delete(at, 1 + int(Math.min(4, text.length - at)));
  } else {
    text.insert(int(text.length + 1), 'abcdef가나'.slice(int(8), 8 + int(3)) || 'x');
  }
}
