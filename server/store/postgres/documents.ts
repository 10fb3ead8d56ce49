import type { DocStore, DocVersion } from '../../documents/doc-store';
import { newId } from '../../ids';
import { lockSpace } from './database';
import { bytea, type Sql } from './sql';
import { toInfo, toQuarantined, type QuarantineRow, type VersionRow } from '../rows/documents';

/**
 * The document's advisory lock, held to the end of the transaction. Appends and compactions
 * of one document take it, so that (a) sequence numbers are handed out and committed in the
 * same order — a reader that sees row n has seen every row before it, which compaction relies
 * on — and (b) two instances never compact the same document at once.
 */
const LOCK = `SELECT pg_advisory_xact_lock(${lockSpace.documents}, hashtext($1))`;

/**
 * One statement, so one round trip and (outside a transaction) its own commit: the lock is
 * taken before the rows (and their sequence numbers) are made, and released at the commit.
 */
const APPEND = `
  WITH locked AS MATERIALIZED (${LOCK})
  INSERT INTO doc_updates (doc_name, "update", created_at)
  SELECT $1, t.u, $3 FROM locked, unnest($2::bytea[]) WITH ORDINALITY AS t(u, n) ORDER BY t.n
  RETURNING seq`;

export function pgDocStore(sql: Sql): DocStore {
  const append = async (docName: string, updates: Uint8Array[]) => {
    const rows = await sql.rows<{ seq: number }>(APPEND, [docName, updates.map(bytea), new Date().toISOString()]);
    return rows.reduce((last, r) => Math.max(last, r.seq), 0);
  };
  return {
    async load(docName) {
      const rows = await sql.rows<{ update: Buffer }>('SELECT "update" FROM doc_updates WHERE doc_name = $1 ORDER BY seq', [docName]);
      return rows.map((r) => r.update);
    },
    async loadLog(docName) {
      return sql.rows<{ seq: number; update: Buffer }>('SELECT seq, "update" FROM doc_updates WHERE doc_name = $1 ORDER BY seq', [docName]);
    },
    quarantine: (docName, seq, error) =>
      sql.atomic(async (tx) => {
        const moved = await tx.run(
          `INSERT INTO doc_quarantine (seq, doc_name, "update", created_at, error, quarantined_at)
           SELECT seq, doc_name, "update", created_at, $1, $2 FROM doc_updates WHERE doc_name = $3 AND seq = $4`,
          [error, new Date().toISOString(), docName, seq],
        );
        if (moved === 0) return false;
        await tx.run('DELETE FROM doc_updates WHERE doc_name = $1 AND seq = $2', [docName, seq]);
        return true;
      }),
    async listQuarantined() {
      const rows = await sql.rows<QuarantineRow>(
        `SELECT seq, doc_name, octet_length("update") AS bytes, created_at, quarantined_at, error FROM doc_quarantine
         ORDER BY quarantined_at DESC, seq DESC LIMIT 1000`,
      );
      return rows.map(toQuarantined);
    },
    append: (docName, update) => append(docName, [update]),
    appendBatch: (docName, updates) => append(docName, updates),
    compact: (docName, state, throughSeq) =>
      sql.atomic(async (tx) => {
        await tx.row(LOCK, [docName]);
        await tx.run('DELETE FROM doc_updates WHERE doc_name = $1 AND seq <= $2', [docName, throughSeq]);
        await tx.run('INSERT INTO doc_updates (doc_name, "update", created_at) VALUES ($1, $2, $3)', [
          docName,
          state === null ? null : bytea(state),
          new Date().toISOString(),
        ]);
      }),
    async count(docName) {
      return (await sql.row<{ n: number }>('SELECT count(*) AS n FROM doc_updates WHERE doc_name = $1', [docName]))!.n;
    },
    async saveVersion(version) {
      const id = newId();
      await sql.run('INSERT INTO doc_versions (id, doc_name, label, state, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
        id,
        version.docName,
        version.label,
        bytea(version.state),
        version.createdBy,
        version.createdAt,
      ]);
      return id;
    },
    async listVersions(docName) {
      const rows = await sql.rows<VersionRow>(
        'SELECT id, doc_name, label, created_by, created_at FROM doc_versions WHERE doc_name = $1 ORDER BY created_at DESC, seq DESC',
        [docName],
      );
      return rows.map(toInfo);
    },
    async version(id): Promise<DocVersion | null> {
      const row = await sql.row<VersionRow>('SELECT * FROM doc_versions WHERE id = $1', [id]);
      return row?.state ? { ...toInfo(row), state: row.state } : null;
    },
  };
}
