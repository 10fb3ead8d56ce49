import * as Y from 'yjs';
import type { LoggedUpdate } from './doc-store';

/** A row of the log that would not apply, and what Yjs said. */
export interface FailedRow {
  row: LoggedUpdate;
  error: string;
}

/**
 * Rebuilds a document from a log in which some row throws: row by row, without the rows
 * that threw (a throw may leave a document half-changed, so each time it starts again
 * without it), until every remaining row applies. The rows that did not are returned for
 * quarantine: a document is never unloadable because of one row.
 */
export function replayLog(rows: LoggedUpdate[]): { doc: Y.Doc; failed: FailedRow[] } {
  const failed: FailedRow[] = [];
  const skipped = new Set<number>();
  for (;;) {
    const doc = new Y.Doc();
    const failure = applyEach(doc, rows, skipped);
    if (!failure) return { doc, failed };
    doc.destroy();
    skipped.add(failure.row.seq);
    failed.push(failure);
  }
}

/** Applies the rows not skipped, one by one; the first that throws stops it. */
function applyEach(doc: Y.Doc, rows: LoggedUpdate[], skipped: Set<number>): FailedRow | null {
  for (const row of rows) {
    if (skipped.has(row.seq)) continue;
    try {
      Y.applyUpdate(doc, row.update, 'load');
    } catch (error) {
      return { row, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
  }
  return null;
}
