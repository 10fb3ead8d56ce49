import type { DocStore, DocVersion } from '../../documents/doc-store';
import { newId } from '../../ids';
import type { Db } from './database';
import { toInfo, toQuarantined, type QuarantineRow, type VersionRow } from '../rows/documents';

/** better-sqlite3 is synchronous; each method is one statement or one transaction. */
export function sqliteDocStore(db: Db): DocStore {
  // `update` is an SQL keyword, hence the quotes.
  const insert = db.prepare<[string, Uint8Array, string]>(
    'INSERT INTO doc_updates (doc_name, "update", created_at) VALUES (?, ?, ?)',
  );
  const select = db.prepare<[string], Buffer>('SELECT "update" FROM doc_updates WHERE doc_name = ? ORDER BY seq').pluck();
  const selectLog = db.prepare<[string], { seq: number; update: Buffer }>('SELECT seq, "update" FROM doc_updates WHERE doc_name = ? ORDER BY seq');
  const moveToQuarantine = db.prepare<[string, string, string, number]>(
    `INSERT INTO doc_quarantine (seq, doc_name, "update", created_at, error, quarantined_at)
     SELECT seq, doc_name, "update", created_at, ?, ? FROM doc_updates WHERE doc_name = ? AND seq = ?`,
  );
  const deleteOne = db.prepare<[string, number]>('DELETE FROM doc_updates WHERE doc_name = ? AND seq = ?');
  const quarantineTx = db.transaction((docName: string, seq: number, error: string) => {
    if (moveToQuarantine.run(error, new Date().toISOString(), docName, seq).changes === 0) return false;
    deleteOne.run(docName, seq);
    return true;
  });
  const listQuarantine = db.prepare<[], QuarantineRow>(
    `SELECT seq, doc_name, length("update") AS bytes, created_at, quarantined_at, error FROM doc_quarantine
     ORDER BY quarantined_at DESC, seq DESC LIMIT 1000`,
  );
  const countRows = db.prepare<[string], number>('SELECT COUNT(*) FROM doc_updates WHERE doc_name = ?').pluck();
  const deleteThrough = db.prepare<[string, number]>('DELETE FROM doc_updates WHERE doc_name = ? AND seq <= ?');
  const appendTx = db.transaction((docName: string, updates: Uint8Array[]) => {
    const at = new Date().toISOString();
    let seq = 0;
    for (const update of updates) seq = Number(insert.run(docName, update, at).lastInsertRowid);
    return seq;
  });
  const compactTx = db.transaction((docName: string, state: Uint8Array, throughSeq: number) => {
    deleteThrough.run(docName, throughSeq);
    insert.run(docName, state, new Date().toISOString());
  });
  const insertVersion = db.prepare(
    `INSERT INTO doc_versions (id, doc_name, label, state, created_by, created_at)
     VALUES (@id, @docName, @label, @state, @createdBy, @createdAt)`,
  );
  const listVersions = db.prepare<[string], VersionRow>(
    `SELECT id, doc_name, label, created_by, created_at FROM doc_versions
     WHERE doc_name = ? ORDER BY created_at DESC, rowid DESC`,
  );
  const oneVersion = db.prepare<[string], VersionRow>('SELECT * FROM doc_versions WHERE id = ?');

  return {
    async load(docName) {
      return select.all(docName);
    },
    async loadLog(docName) {
      return selectLog.all(docName);
    },
    async quarantine(docName, seq, error) {
      return quarantineTx(docName, seq, error);
    },
    async listQuarantined() {
      return listQuarantine.all().map(toQuarantined);
    },
    async append(docName, update) {
      return appendTx(docName, [update]);
    },
    async appendBatch(docName, updates) {
      return appendTx(docName, updates);
    },
    async compact(docName, state, throughSeq) {
      compactTx(docName, state, throughSeq);
    },
    async count(docName) {
      return countRows.get(docName) ?? 0;
    },
    async saveVersion(version) {
      const id = newId();
      insertVersion.run({ ...version, id });
      return id;
    },
    async listVersions(docName) {
      return listVersions.all(docName).map(toInfo);
    },
    async version(id): Promise<DocVersion | null> {
      const row = oneVersion.get(id);
      return row?.state ? { ...toInfo(row), state: row.state } : null;
    },
  };
}
