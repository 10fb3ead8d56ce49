/**
 * The storage contract (issue 16.1), document update logs and versions, on SQLite and
 * PostgreSQL; then what only a shared, networked store must add: two instances appending to
 * and compacting one document lose nothing, and a compaction waits for the document's lock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Store } from '../../../server/store/store';
import { waitFor } from '../../helpers/server';
import { backends, postgresBackend, type OpenedStore } from '../../helpers/stores';

const bytes = (...b: number[]) => new Uint8Array(b);
const plain = (updates: Uint8Array[]) => updates.map((u) => [...u]);

describe.each(backends)('$kind store: documents', (backend) => {
  let opened: OpenedStore;
  beforeAll(async () => {
    opened = await backend.open();
  });
  afterAll(() => opened?.close());
  const docs = () => opened.store.docs;

  it('appends in order per document, with increasing sequence numbers', async () => {
    const s1 = await docs().append('proposal:1', bytes(1));
    await docs().append('proposal:2', bytes(9));
    const s2 = await docs().append('proposal:1', bytes(2, 2));
    expect(s2).toBeGreaterThan(s1);
    expect(plain(await docs().load('proposal:1'))).toEqual([[1], [2, 2]]);
    expect(await docs().count('proposal:1')).toBe(2);
    expect(await docs().load('proposal:none')).toEqual([]);
    expect(await docs().count('proposal:none')).toBe(0);
  });

  it('appends a batch in order, all or none, and answers the last sequence number', async () => {
    const last = await docs().appendBatch('batch:1', [bytes(1), bytes(2), bytes(3)]);
    const log = await docs().loadLog('batch:1');
    expect(log.map((r) => [...r.update])).toEqual([[1], [2], [3]]);
    expect(log.at(-1)!.seq).toBe(last);
    await expect(docs().appendBatch('batch:1', [bytes(4), null as unknown as Uint8Array])).rejects.toThrow();
    expect(await docs().count('batch:1')).toBe(3);
  });

  it('compacts through a sequence number, keeping later rows and other documents', async () => {
    await docs().append('d:1', bytes(1));
    const through = await docs().append('d:1', bytes(2));
    await docs().append('d:1', bytes(3));
    await docs().append('d:2', bytes(7));
    await docs().compact('d:1', bytes(1, 2), through);
    expect(plain(await docs().load('d:1'))).toEqual([[3], [1, 2]]);
    expect(await docs().count('d:2')).toBe(1);
  });

  it('leaves the log as it was when compaction fails midway', async () => {
    await docs().append('d:3', bytes(1));
    const through = await docs().append('d:3', bytes(2));
    // A NULL state violates NOT NULL after the delete has run: the transaction must roll it back.
    await expect(docs().compact('d:3', null as unknown as Uint8Array, through)).rejects.toThrow();
    expect(plain(await docs().load('d:3'))).toEqual([[1], [2]]);
  });

  it('quarantines one row with its error, and lists it without its bytes', async () => {
    await docs().append('q:1', bytes(1));
    const bad = await docs().append('q:1', bytes(9, 9, 9));
    await docs().append('q:1', bytes(3));
    expect(await docs().quarantine('q:1', bad, 'TypeError: nope')).toBe(true);
    expect(plain(await docs().load('q:1'))).toEqual([[1], [3]]);
    expect(await docs().listQuarantined()).toEqual([
      { seq: bad, docName: 'q:1', bytes: 3, storedAt: expect.any(String), quarantinedAt: expect.any(String), error: 'TypeError: nope' },
    ]);
    expect(await docs().quarantine('q:1', bad, 'again')).toBe(false);
    expect(await docs().quarantine('q:2', bad + 1, 'wrong document')).toBe(false);
    expect(await docs().count('q:1')).toBe(2);
  });

  it('saves versions, lists them newest first (ties: the later one first) without state, reads one with state', async () => {
    const first = await docs().saveVersion({ docName: 'p:1', label: 'Draft', state: bytes(1), createdBy: 'u1', createdAt: '2026-01-01T00:00:00.000Z' });
    const second = await docs().saveVersion({ docName: 'p:1', label: 'Submitted', state: bytes(2), createdBy: null, createdAt: '2026-01-02T00:00:00.000Z' });
    const third = await docs().saveVersion({ docName: 'p:1', label: 'Same time', state: bytes(4), createdBy: null, createdAt: '2026-01-02T00:00:00.000Z' });
    await docs().saveVersion({ docName: 'p:2', label: 'Other', state: bytes(3), createdBy: null, createdAt: '2026-01-03T00:00:00.000Z' });
    expect((await docs().listVersions('p:1')).map((v) => v.id)).toEqual([third, second, first]);
    expect((await docs().listVersions('p:1'))[2]).toEqual({ id: first, docName: 'p:1', label: 'Draft', createdBy: 'u1', createdAt: '2026-01-01T00:00:00.000Z' });
    const one = await docs().version(first);
    expect(one).toMatchObject({ id: first, label: 'Draft', createdBy: 'u1' });
    expect([...one!.state]).toEqual([1]);
    expect(await docs().version('nope')).toBeNull();
  });

  it('two instances edit and compact one document at once: the text holds every edit', async () => {
    const other = await opened.another();
    const name = 'proposal:shared';
    /** An instance: its own Y.Doc, appending each edit before applying it, as the server does. */
    const writer = (store: Store, who: string) => async (count: number) => {
      for (let i = 0; i < count; i++) {
        const doc = new Y.Doc();
        doc.getText('t').insert(0, `${who}${i};`);
        await store.docs.append(name, Y.encodeStateAsUpdate(doc));
        doc.destroy();
      }
    };
    const compactor = async (store: Store) => {
      const log = await store.docs.loadLog(name);
      if (log.length === 0) return;
      await store.docs.compact(name, Y.mergeUpdates(log.map((r) => r.update)), log.at(-1)!.seq);
    };
    await Promise.all([
      writer(opened.store, 'a')(30),
      writer(other, 'b')(30),
      (async () => {
        for (let i = 0; i < 10; i++) await Promise.all([compactor(opened.store), compactor(other)]);
      })(),
    ]);
    const doc = new Y.Doc();
    for (const update of await opened.store.docs.load(name)) Y.applyUpdate(doc, update);
    const entries = doc.getText('t').toString().split(';').filter(Boolean).sort();
    expect(entries).toEqual([...Array.from({ length: 30 }, (_, i) => `a${i}`), ...Array.from({ length: 30 }, (_, i) => `b${i}`)].sort());
  });
});

describe('postgres store: the per-document lock', () => {
  let opened: OpenedStore;
  beforeAll(async () => {
    opened = await postgresBackend.open();
  });
  afterAll(() => opened?.close());

  it("a compaction waits while another instance's transaction holds the document, then runs; other documents do not wait", async () => {
    const other = await opened.another();
    const name = 'proposal:locked';
    const through = await opened.store.docs.append(name, bytes(1));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let appended!: () => void;
    const inside = new Promise<void>((resolve) => (appended = resolve));
    // Instance A: a transaction that appended to the document (and so holds its lock) and has not committed.
    const transaction = opened.store.transaction(async (tx) => {
      await tx.docs.append(name, bytes(2));
      appended();
      await held;
    });
    await inside;
    // Instance B compacts the same document: it must wait for A's commit.
    let compacted = false;
    const compaction = other.docs.compact(name, bytes(1), through).then(() => (compacted = true));
    const waiting = async () =>
      (await opened.exec("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")) as { n: number }[];
    await waitFor(async () => (await waiting())[0]!.n === 1, 'the compaction to wait for the advisory lock');
    // Another document's append is not held up meanwhile.
    await other.docs.append('proposal:free', bytes(5));
    expect(compacted).toBe(false);
    release();
    await transaction;
    await compaction;
    // Row 1 folded into the state; A's row 2, committed before the compaction ran, kept.
    expect(plain(await opened.store.docs.load(name))).toEqual([[2], [1]]);
  });
});
