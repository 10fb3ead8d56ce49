import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocStore } from '../../server/documents/doc-store';
import { StateMerger, type Merger } from '../../server/documents/state-merger';
import { converged, Harness, waitFor, type HarnessOptions, type UserName } from './documents.harness';

let h: Harness;
afterEach(async () => h?.close());
const start = async (options?: HarnessOptions) => (h = await Harness.start(options));

describe('document sync with the stock y-websocket client', () => {
  it('two providers converge, and the store holds the same text', async () => {
    await start();
    const [a, b] = [h.connect('note:two', 'alice'), h.connect('note:two', 'bob')];
    await Promise.all([a.synced(), b.synced()]);
    a.text.insert(0, 'Investment ');
    b.text.insert(0, 'Workforce ');
    const text = await converged([a, b]);
    expect(text).toMatch(/Investment|Workforce/);
    expect(text.length).toBe('Investment Workforce '.length);
    expect(await h.storedText('note:two')).toBe(text);
  });

  it('six providers converge on concurrent edits', async () => {
    await start();
    const who: UserName[] = ['alice', 'bob', 'carol', 'dave', 'alice', 'bob'];
    const clients = who.map((w) => h.connect('note:six', w));
    await Promise.all(clients.map((c) => c.synced()));
    clients.forEach((c, i) => c.text.insert(0, `[${i}]`));
    clients.forEach((c, i) => c.text.insert(c.text.length, `<${i}>`));
    const text = await converged(clients);
    expect(text.length).toBe(6 * 6);
    expect(await h.storedText('note:six')).toBe(text);
    expect(await h.serverText('note:six')).toBe(text);
  });

  it('accepts the document name percent-encoded or not', async () => {
    await start();
    const plain = await h.connectSynced('note:enc', 'alice');
    const encoded = await h.connectSynced('note%3Aenc', 'bob');
    plain.text.insert(0, 'same doc');
    await waitFor(() => encoded.text.toString() === 'same doc', 'encoded name to see the edit');
    expect(h.docs.stats()).toEqual({ documents: 1, connections: 2 });
  });

  it('leaves other paths to the caller', async () => {
    await start();
    const { default: WebSocket } = await import('ws');
    const ws = new WebSocket(h.url.replace('/yjs', '/other/x'));
    await new Promise((resolve) => ws.on('error', resolve));
    expect(h.notOurs).toEqual(['/other/x']);
  });

  it('a new client gets a document with content from a previous session', async () => {
    await start();
    const a = await h.connectSynced('note:again');
    a.text.insert(0, 'kept');
    await waitFor(async () => (await h.storedText('note:again')) === 'kept', 'the edit to be stored');
    await h.restart();
    const b = await h.connectSynced('note:again', 'bob');
    expect(b.text.toString()).toBe('kept');
  });
});

describe('loading and unloading', () => {
  it('sends no sync reply before the document is loaded, and loads it once for concurrent clients', async () => {
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    let loads = 0;
    await start({
      wrapStore: (s): DocStore => ({ ...s, load: async (name) => (loads++, await gate, s.load(name)) }),
    });
    await h.store.append('note:slow', stateWith('stored before'));
    const raw = await h.raw('note:slow');
    const a = h.connect('note:slow', 'bob');
    await waitFor(() => h.docs.stats().connections === 2, 'both connections');
    raw.ws.send(new Uint8Array([0, 0, 1, 0])); // sync step 1 with an empty state vector
    // Nothing can be awaited for a non-event: give the server a moment to (wrongly) answer.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(raw.received).toEqual([]);
    expect(a.provider.synced).toBe(false);
    openGate();
    await a.synced();
    expect(a.text.toString()).toBe('stored before');
    await waitFor(() => raw.received.some((m) => m[0] === 0 && m[1] === 1), 'the step 2 reply');
    expect(loads).toBe(1);
  });

  it('a failed load caches nothing and closes with a reason; the retry loads the stored doc', async () => {
    let failNext = true;
    await start({
      wrapStore: (s): DocStore => ({
        ...s,
        load: async (name) => {
          if (failNext) throw ((failNext = false), new Error('disk unplugged'));
          return s.load(name);
        },
      }),
    });
    await h.store.append('note:flaky', stateWith('safe'));
    const a = h.connect('note:flaky');
    await waitFor(() => a.closes.length > 0, 'the failed load to close the connection');
    expect(a.closes[0]).toEqual({ code: 1011, reason: 'The document could not be loaded; retrying.' });
    // The stock client reconnects by itself (1011 is transient) and finds the stored text.
    await a.synced();
    expect(a.text.toString()).toBe('safe');
    expect(await h.storedText('note:flaky')).toBe('safe');
  });

  it('unloads an idle document and reloads it identically', async () => {
    await start({ idleUnloadMs: 50 });
    const a = await h.connectSynced('note:idle');
    a.text.insert(0, 'before unload');
    await waitFor(async () => (await h.storedText('note:idle')) === 'before unload', 'stored');
    const rows = await h.store.count('note:idle');
    a.destroy();
    await waitFor(() => h.docs.stats().documents === 0, 'the document to unload');
    expect(await h.store.count('note:idle')).toBe(rows);
    const b = await h.connectSynced('note:idle', 'bob');
    expect(b.text.toString()).toBe('before unload');
    expect(h.docs.stats().documents).toBe(1);
  });

  // Kept while a session is on it, however long: test/unit/server/documents/registry.test.ts, on fake timers.
});

describe('compaction', () => {
  it('folds the log into one row once it exceeds compactEvery, and reloads identically', async () => {
    await start({ compactEvery: 10 });
    const a = await h.connectSynced('note:compact');
    for (let i = 0; i < 10; i++) {
      a.text.insert(a.text.length, `${i},`);
      await waitFor(async () => (await h.store.count('note:compact')) === i + 1, `update ${i} stored`);
    }
    a.text.delete(0, 2);
    await waitFor(async () => (await h.store.count('note:compact')) === 1, 'compaction to one row');
    const expected = a.text.toString();
    expect(expected).toBe('1,2,3,4,5,6,7,8,9,');
    expect(await h.storedText('note:compact')).toBe(expected);
    await h.restart();
    const b = await h.connectSynced('note:compact', 'bob');
    expect(b.text.toString()).toBe(expected);
  });
});

describe('compaction beside live writes', () => {
  it('keeps every update appended while a compaction runs, on two writers', async () => {
    await start({ compactEvery: 20 });
    const a = await h.connectSynced('note:busy', 'alice');
    const b = await h.connectSynced('note:busy', 'bob');
    // Many rounds, each folding into a log that keeps growing meanwhile.
    for (let i = 0; i < 150; i++) {
      (i % 2 ? a : b).text.insert(0, '가나다라'[i % 4]!);
      if (i % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const text = await converged([a, b]);
    expect(text.length).toBe(150);
    await waitFor(async () => (await h.storedText('note:busy')) === text, 'the store to hold every update');
    await waitFor(async () => (await h.store.count('note:busy')) <= 21, 'the log to be folded');
    await h.restart();
    const c = await h.connectSynced('note:busy', 'carol');
    expect(c.text.toString()).toBe(text);
  });
});

describe('server-side changes', () => {
  it('change() is stored and reaches clients; state() returns the whole doc', async () => {
    await start();
    const a = await h.connectSynced('note:server');
    a.text.insert(0, 'client');
    await waitFor(async () => (await h.store.count('note:server')) === 1, 'stored');
    await h.docs.change('note:server', (doc) => doc.getText('t').insert(0, 'server+'));
    expect(await h.store.count('note:server')).toBe(2);
    await waitFor(() => a.text.toString() === 'server+client', 'the client to see the change');
    expect(await h.serverText('note:server')).toBe('server+client');
  });

  it('change() on a document nobody has open loads it and stores the change', async () => {
    await start({ idleUnloadMs: 20 });
    await h.store.append('note:cold', stateWith('v1'));
    await h.docs.change('note:cold', (doc) => {
      const t = doc.getText('t');
      t.delete(0, t.length);
      t.insert(0, 'restored');
    });
    expect(await h.storedText('note:cold')).toBe('restored');
    await waitFor(() => h.docs.stats().documents === 0, 'unload after the change');
  });

  it('close() closes clients with 1001 and a reason', async () => {
    await start();
    const a = await h.connectSynced('note:bye');
    await h.docs.close();
    await waitFor(() => a.closes.length > 0, 'the close');
    expect(a.closes[0]).toEqual({ code: 1001, reason: 'The server is restarting.' });
    expect(h.docs.stats()).toEqual({ documents: 0, connections: 0 });
  });

  it('warms the compaction worker with the first connection, before the first compaction needs it', async () => {
    // The real worker, watched: what the server asked of it, in order.
    const worker = new StateMerger();
    const asked: string[] = [];
    const merger: Merger = {
      warm: () => (asked.push('warm'), worker.warm()),
      merge: (updates) => (asked.push('merge'), worker.merge(updates)),
      close: () => worker.close(),
    };
    await start({ merger, compactEvery: 3 });
    expect(asked).toEqual([]);
    const a = await h.connectSynced('note:warm');
    expect(asked).toEqual(['warm']);
    for (const word of ['투자 ', '분과 ', '초안 ', '검토']) a.text.insert(a.text.length, word);
    await waitFor(async () => (await h.store.count('note:warm')) === 1, 'the log compacted');
    expect(asked[0]).toBe('warm');
    expect(asked).toContain('merge');
    expect(await h.storedText('note:warm')).toBe('투자 분과 초안 검토');
  });
});

/** A full state update holding `text`, as a client would have written it. */
function stateWith(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}
