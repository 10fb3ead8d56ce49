/** A document's indexed plain text, as found by a search. */
export interface SearchTextRow {
  docName: string;
  text: string;
  updatedAt: string;
}

/**
 * The text index: each searchable document's plain text, kept up to date from the live
 * document (see SearchIndexer). SQLite answers from an FTS5 trigram index, PostgreSQL
 * from a pg_trgm index when the extension is there; both match the query literally, as a
 * substring, with ASCII letters folded (Hangul has no case).
 */
export interface SearchStore {
  /** Stores a document's text, replacing what was indexed before. */
  putText(docName: string, text: string, at: string): Promise<void>;
  /** Stores it only if nothing is indexed for the document yet (a backfill never overwrites a live write). */
  putTextIfMissing(docName: string, text: string, at: string): Promise<void>;
  /** Those of `docNames` with no indexed text. */
  missingTexts(docNames: string[]): Promise<string[]>;
  /** Documents whose text contains `q`, most recently changed first, at most `limit`. */
  findTexts(q: string, limit: number): Promise<SearchTextRow[]>;
}
