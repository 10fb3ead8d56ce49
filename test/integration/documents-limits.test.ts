import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/close-codes';
import { limits } from '../../shared/limits';
import type { DocStore } from '../../server/documents/doc-store';
import { Harness, waitFor, type HarnessOptions } from './documents.harness';

let h: Harness;
afterEach(async () => h?.close());
const start = async (options?: HarnessOptions) => (h = await Harness.start(options));

describe('message and document limits', () => {
  it('closes with messageTooLarge when a message exceeds the limit; nothing changes', async () => {
    await start();
    const watcher = await h.connectSynced('note:big', 'bob');
    const raw = await h.raw('note:big');
    raw.ws.send(new Uint8Array(limits.yjsMessageBytes + 1));
    expect(await raw.closedWith).toEqual({ code: CloseCode.messageTooLarge, reason: `A message may not exceed ${limits.yjsMessageBytes} bytes.` });
    // The stock client is told the same way, and stops retrying.
    const writer = await h.connectSynced('note:big', 'alice');
    writer.text.insert(0, 'x'.repeat(limits.yjsMessageBytes));
    expect((await writer.closed()).code).toBe(CloseCode.messageTooLarge);
    await watcher.roundTrip();
    expect(watcher.text.toString()).toBe('');
    expect(await h.store.count('note:big')).toBe(0);
  });

  it('refuses an update that would make the document too large; the doc and the log are untouched', async () => {
    await start();
    const writer = await h.connectSynced('note:huge', 'alice');
    const watcher = await h.connectSynced('note:huge', 'bob');
    const chunk = 1_000_000; // each update stays under the message limit
    const fits = Math.floor(limits.yjsDocumentBytes / (chunk + 100));
    for (let i = 0; i < fits; i++) {
      writer.text.insert(writer.text.length, String(i % 10).repeat(chunk));
      await waitFor(async () => (await h.store.count('note:huge')) === i + 1, `chunk ${i} stored`);
    }
    writer.text.insert(0, 'z'.repeat(chunk));
    expect(await writer.closed()).toEqual({
      code: CloseCode.documentTooLarge,
      reason: 'The document may not exceed 8 MiB; this change was not saved.',
    });
    await watcher.roundTrip();
    expect(watcher.text.length).toBe(fits * chunk);
    expect(watcher.text.toString().startsWith('z')).toBe(false);
    expect(await h.store.count('note:huge')).toBe(fits);
    // Deleting still works at the limit, so the document can be trimmed.
    watcher.text.delete(0, chunk);
    await waitFor(async () => (await h.store.count('note:huge')) === fits + 1, 'the deletion stored');
    expect((await h.serverText('note:huge')).length).toBe((fits - 1) * chunk);
  });

  it.each([
    ['an unknown message type', [7, 1, 2]],
    ['a truncated varint', [0xff, 0xff]],
    ['an unknown sync message', [0, 9, 0]],
    ['a garbage update', [0, 2, 4, 0xde, 0xad, 0xbe, 0xef]],
    ['a sync step 2 with a garbage update', [0, 1, 3, 200, 1, 7]],
    ['a length longer than the message', [0, 2, 50, 1, 2]],
    ['trailing bytes', [3, 0]],
    ['an awareness update with broken JSON', [1, 6, 1, 5, 1, 2, 0x7b, 0x7b]],
  ])('closes with invalidMessage on %s; nothing is stored and the server keeps serving', async (_what, bytes) => {
    await start();
    const raw = await h.raw('note:garbage');
    raw.ws.send(new Uint8Array(bytes));
    const close = await raw.closedWith;
    expect(close.code).toBe(CloseCode.invalidMessage);
    expect(close.reason).toMatch(/^Malformed message: /);
    expect(await h.store.count('note:garbage')).toBe(0);
    const ok = await h.connectSynced('note:garbage', 'bob');
    ok.text.insert(0, 'fine');
    await waitFor(async () => (await h.storedText('note:garbage')) === 'fine', 'a good edit after garbage');
  });

  it('closes with invalidMessage on a text frame', async () => {
    await start();
    const raw = await h.raw('note:text');
    raw.ws.send('hello');
    expect(await raw.closedWith).toEqual({ code: CloseCode.invalidMessage, reason: 'Only binary y-websocket messages are accepted.' });
  });
});

describe('durability', () => {
  it('an update that cannot be stored is not forwarded; the client reconnects and it is stored then', async () => {
    let failAppends = false;
    await start({
      wrapStore: (s): DocStore => ({
        ...s,
        appendBatch: async (name, updates) => {
          if (failAppends) throw new Error('disk full');
          return s.appendBatch(name, updates);
        },
      }),
    });
    const a = await h.connectSynced('note:durable', 'alice');
    const b = await h.connectSynced('note:durable', 'bob');
    failAppends = true;
    a.text.insert(0, 'precious');
    await waitFor(() => a.closes.length > 0, 'the failed append to close the connection');
    expect(a.closes[0]).toEqual({ code: 1011, reason: 'Your change could not be saved; reconnecting.' });
    await b.roundTrip();
    expect(b.text.toString()).toBe('');
    expect(await h.serverText('note:durable')).toBe('');
    failAppends = false;
    // The stock client reconnects by itself and sends what the server lacks.
    await waitFor(() => b.text.toString() === 'precious', 'the edit after the reconnect');
    expect(await h.storedText('note:durable')).toBe('precious');
  });

  it('the update log is written before anyone sees an update', async () => {
    await start();
    const a = await h.connectSynced('note:order', 'alice');
    const b = await h.connectSynced('note:order', 'bob');
    const storedWhenSeen: string[] = [];
    b.text.observe(() => {
      // Synchronous SQLite read: what was durable at the moment b saw the change.
      const rows = h.db.prepare('SELECT COUNT(*) AS n FROM doc_updates WHERE doc_name = ?').get('note:order') as { n: number };
      storedWhenSeen.push(`${b.text.toString()}@${rows.n}`);
    });
    a.text.insert(0, 'one');
    await waitFor(() => b.text.toString() === 'one', 'b to see one');
    a.text.insert(3, ' two');
    await waitFor(() => b.text.toString() === 'one two', 'b to see two');
    expect(storedWhenSeen).toEqual(['one@1', 'one two@2']);
  });
});
