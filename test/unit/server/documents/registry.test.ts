/**
 * When a loaded document leaves memory (server/documents/registry.ts): never while a session
 * is on it, however long; `idleUnloadMs` after the last one leaves, to the millisecond; and
 * not while a write is still in flight. In memory (session pairs), on fake timers.
 */
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../../../shared/domain';
import { DocRegistry } from '../../../../server/documents/registry';
import { createLogger } from '../../../../server/logger';
import { MemoryClient, MemoryDocStore, MemorySession } from '../../../helpers/session-pair';

const user: User = { id: 'alice', email: 'alice@forum.test', name: 'alice', role: 'chair', subcommittee: 'investment', createdAt: '2026-01-01T00:00:00.000Z' };

// Not setInterval: y-protocols' awareness keeps one running for the room's life (it is destroyed with it).
beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'performance', 'Date'] }));
afterEach(() => vi.useRealTimers());

function registry(store = new MemoryDocStore()) {
  return new DocRegistry({
    store,
    logger: createLogger('silent'),
    idleUnloadMs: 20,
    compactEvery: 1000,
    merge: async (updates) => Y.mergeUpdates(updates),
    admissionOf: () => undefined,
    onLoaded: () => {},
  });
}

async function join(docs: DocRegistry, name: string) {
  const doc = await docs.get(name);
  const client = new MemoryClient();
  const session = new MemorySession(name, user, 'write');
  client.connect(session);
  doc.attach(session);
  client.flush();
  return { doc, client, session };
}

describe('DocRegistry', () => {
  it('keeps a document while a session is on it, and unloads it idleUnloadMs after the last one leaves', async () => {
    const docs = registry();
    const { doc, session } = await join(docs, 'note:kept');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(docs.peek('note:kept')).toBe(doc);
    session.close(1000, 'gone');
    await vi.advanceTimersByTimeAsync(19);
    expect(docs.size).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(docs.size).toBe(0);
    await docs.close();
  });

  it('unloads a document nobody attached to, and loads it again, identical, when asked', async () => {
    const store = new MemoryDocStore();
    const docs = registry(store);
    const { client, session } = await join(docs, 'note:idle');
    client.text.insert(0, 'before unload');
    client.flush();
    await docs.peek('note:idle')!.drain();
    session.close(1000, 'gone');
    await vi.advanceTimersByTimeAsync(20);
    expect(docs.peek('note:idle')).toBeUndefined();
    const again = await docs.get('note:idle');
    expect(again.doc.getText('t').toString()).toBe('before unload');
    await vi.advanceTimersByTimeAsync(20);
    expect(docs.size).toBe(0);
    await docs.close();
  });

  it('waits for a write in flight before unloading', async () => {
    const store = new MemoryDocStore();
    let finishAppend!: () => void;
    const appendBatch = store.appendBatch.bind(store);
    store.appendBatch = async (...args) => {
      await new Promise<void>((resolve) => (finishAppend = resolve));
      return appendBatch(...args);
    };
    const docs = registry(store);
    const doc = await docs.get('note:busy');
    const change = doc.change((d) => d.getText('t').insert(0, 'server-side'));
    await vi.advanceTimersByTimeAsync(100);
    expect(docs.peek('note:busy')).toBe(doc);
    finishAppend();
    await change;
    await vi.advanceTimersByTimeAsync(20);
    expect(docs.size).toBe(0);
    await expect(store.count('note:busy')).resolves.toBe(1);
    await docs.close();
  });
});
