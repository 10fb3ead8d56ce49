import type { SearchStore, SearchTextRow } from '../../search/search-store';
import type { Db } from './database';

interface Row {
  doc_name: string;
  text: string;
  updated_at: string;
}

const toRow = (r: Row): SearchTextRow => ({ docName: r.doc_name, text: r.text, updatedAt: r.updated_at });

/** The trigram tokenizer indexes runs of three characters: shorter queries ("세액") are matched by scanning. */
const TRIGRAM = 3;

/** An FTS5 phrase: the query matched literally, its quotes doubled. */
const phrase = (q: string) => `"${q.replaceAll('"', '""')}"`;

/** The text index on SQLite: `search_texts` and its FTS5 trigram index `search_fts`, kept in step by triggers. */
export function sqliteSearchStore(db: Db): SearchStore {
  const put = db.prepare<[string, string, string]>(
    `INSERT INTO search_texts (doc_name, text, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (doc_name) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
  );
  const putIfMissing = db.prepare<[string, string, string]>(
    'INSERT INTO search_texts (doc_name, text, updated_at) VALUES (?, ?, ?) ON CONFLICT (doc_name) DO NOTHING',
  );
  const has = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM search_texts WHERE doc_name = ?');
  const byIndex = db.prepare<[string, number], Row>(
    `SELECT t.doc_name, t.text, t.updated_at FROM search_fts f JOIN search_texts t ON t.id = f.rowid
     WHERE search_fts MATCH ? ORDER BY t.updated_at DESC, t.doc_name LIMIT ?`,
  );
  // instr, not LIKE: the query is matched literally; lower() folds ASCII only, as the trigram tokenizer does.
  const byScan = db.prepare<[string, number], Row>(
    `SELECT doc_name, text, updated_at FROM search_texts WHERE instr(lower(text), lower(?)) > 0
     ORDER BY updated_at DESC, doc_name LIMIT ?`,
  );
  return {
    async putText(docName, text, at) {
      put.run(docName, text, at);
    },
    async putTextIfMissing(docName, text, at) {
      putIfMissing.run(docName, text, at);
    },
    async missingTexts(docNames) {
      return docNames.filter((name) => !has.get(name));
    },
    async findTexts(q, limit) {
      const rows = [...q].length >= TRIGRAM ? byIndex.all(phrase(q), limit) : byScan.all(q, limit);
      return rows.map(toRow);
    },
  };
}
