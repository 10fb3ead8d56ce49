import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocStore } from '../../server/documents/doc-store';
import { openDatabase, type Db } from '../../server/store/sqlite/database';
import { sqliteDocStore } from '../../server/store/sqlite/documents';

let dir: string;
let db: Db;
let store: DocStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'forum-docstore-'));
  db = openDatabase(join(dir, 'forum.db'));
  store = sqliteDocStore(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const bytes = (...b: number[]) => new Uint8Array(b);

describe('sqliteDocStore: update log', () => {
  it('appends in order per document, with increasing sequence numbers', async () => {
    const s1 = await store.append('proposal:1', bytes(1));
    await store.append('proposal:2', bytes(9));
    const s2 = await store.append('proposal:1', bytes(2, 2));
    expect(s2).toBeGreaterThan(s1);
    expect((await store.load('proposal:1')).map((u) => [...u])).toEqual([[1], [2, 2]]);
    expect(await store.count('proposal:1')).toBe(2);
    expect(await store.load('proposal:none')).toEqual([]);
    expect(await store.count('proposal:none')).toBe(0);
  });

  it('compacts through a sequence number, keeping later rows and other documents', async () => {
    await store.append('d:1', bytes(1));
    const through = await store.append('d:1', bytes(2));
    await store.append('d:1', bytes(3));
    await store.append('d:2', bytes(7));
    await store.compact('d:1', bytes(1, 2), through);
    expect((await store.load('d:1')).map((u) => [...u])).toEqual([[3], [1, 2]]);
    expect(await store.count('d:2')).toBe(1);
  });

  it('leaves the log as it was when compaction fails midway', async () => {
    await store.append('d:1', bytes(1));
    const through = await store.append('d:1', bytes(2));
    // A NULL state violates NOT NULL after the delete has run: the transaction must roll it back.
    await expect(store.compact('d:1', null as unknown as Uint8Array, through)).rejects.toThrow();
    expect((await store.load('d:1')).map((u) => [...u])).toEqual([[1], [2]]);
  });
});

describe('sqliteDocStore: quarantine', () => {
  it('moves one row out of the log with its error, and lists it without its bytes', async () => {
    await store.append('d:1', bytes(1));
    const bad = await store.append('d:1', bytes(9, 9, 9));
    await store.append('d:1', bytes(3));
    expect((await store.loadLog('d:1')).map((r) => r.seq)).toEqual([bad - 1, bad, bad + 1]);
    expect(await store.quarantine('d:1', bad, 'TypeError: nope')).toBe(true);
    expect((await store.load('d:1')).map((u) => [...u])).toEqual([[1], [3]]);
    expect(await store.listQuarantined()).toEqual([
      { seq: bad, docName: 'd:1', bytes: 3, storedAt: expect.any(String), quarantinedAt: expect.any(String), error: 'TypeError: nope' },
    ]);
    // Gone already (compacted, or moved by another instance): nothing happens.
    expect(await store.quarantine('d:1', bad, 'again')).toBe(false);
    expect(await store.quarantine('d:2', bad + 1, 'wrong document')).toBe(false);
    expect(await store.count('d:1')).toBe(2);
  });
});

describe('sqliteDocStore: versions', () => {
  it('saves, lists newest first without state, and reads one with state', async () => {
    const first = await store.saveVersion({ docName: 'p:1', label: 'Draft', state: bytes(1), createdBy: 'u1', createdAt: '2026-01-01T00:00:00.000Z' });
    const second = await store.saveVersion({ docName: 'p:1', label: 'Submitted', state: bytes(2), createdBy: null, createdAt: '2026-01-02T00:00:00.000Z' });
    await store.saveVersion({ docName: 'p:2', label: 'Other', state: bytes(3), createdBy: null, createdAt: '2026-01-03T00:00:00.000Z' });
    const list = await store.listVersions('p:1');
    expect(list).toEqual([
      { id: second, docName: 'p:1', label: 'Submitted', createdBy: null, createdAt: '2026-01-02T00:00:00.000Z' },
      { id: first, docName: 'p:1', label: 'Draft', createdBy: 'u1', createdAt: '2026-01-01T00:00:00.000Z' },
    ]);
    const one = await store.version(first);
    expect(one).toMatchObject({ id: first, label: 'Draft', createdBy: 'u1' });
    expect([...one!.state]).toEqual([1]);
    expect(await store.version('nope')).toBeNull();
  });
});
