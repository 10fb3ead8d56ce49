import type { SearchStore, SearchTextRow } from '../../search/search-store';
import type { Sql } from './sql';

interface Row {
  doc_name: string;
  text: string;
  updated_at: string;
}

const toRow = (r: Row): SearchTextRow => ({ docName: r.doc_name, text: r.text, updatedAt: r.updated_at });

/** A LIKE pattern that matches `q` literally anywhere: its wildcards and the escape character escaped. */
const containing = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The text index on PostgreSQL (as on SQLite): `lower(text) LIKE '%…%'`, which the
 * pg_trgm GIN index answers where the extension could be created (migration 231),
 * and a scan where it could not. lower() in the C collation folds ASCII only, as SQLite's.
 */
export function pgSearchStore(sql: Sql): SearchStore {
  return {
    async putText(docName, text, at) {
      await sql.run(
        `INSERT INTO search_texts (doc_name, text, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (doc_name) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
        [docName, text, at],
      );
    },
    async putTextIfMissing(docName, text, at) {
      await sql.run('INSERT INTO search_texts (doc_name, text, updated_at) VALUES ($1, $2, $3) ON CONFLICT (doc_name) DO NOTHING', [docName, text, at]);
    },
    async missingTexts(docNames) {
      const present = await sql.rows<{ doc_name: string }>('SELECT doc_name FROM search_texts WHERE doc_name = ANY($1::text[])', [docNames]);
      const indexed = new Set(present.map((r) => r.doc_name));
      return docNames.filter((name) => !indexed.has(name));
    },
    async findTexts(q, limit) {
      const rows = await sql.rows<Row>(
        `SELECT doc_name, text, updated_at FROM search_texts WHERE lower(text) LIKE lower($1) ESCAPE '\\'
         ORDER BY updated_at DESC, doc_name LIMIT $2`,
        [containing(q), limit],
      );
      return rows.map(toRow);
    },
  };
}
