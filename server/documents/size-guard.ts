import * as Y from 'yjs';

/**
 * Keeps a document under a byte limit without encoding it on every keystroke: it tracks
 * an estimate (last exact size plus the updates applied since, an upper bound in practice)
 * and measures exactly only when the estimate gets near the limit.
 */
export class SizeGuard {
  private estimate: number;
  /** Bytes of every update applied so far. */
  private appliedBytes = 0;

  constructor(
    private readonly doc: Y.Doc,
    private readonly limit: number,
  ) {
    this.estimate = Y.encodeStateAsUpdate(doc).byteLength;
  }

  /**
   * Would the document stay within the limit once `update` is applied? Updates that only
   * delete are always admitted, so that a document at the limit can still be trimmed.
   */
  admits(update: Uint8Array, insertsContent: boolean): boolean {
    if (!insertsContent || this.estimate + update.byteLength <= this.limit) return true;
    const current = Y.encodeStateAsUpdate(this.doc);
    this.estimate = current.byteLength;
    return Y.mergeUpdates([current, update]).byteLength <= this.limit;
  }

  applied(update: Uint8Array): void {
    this.estimate += update.byteLength;
    this.appliedBytes += update.byteLength;
  }

  /** A point to measure from: see `measuredAt`. */
  mark(): number {
    return this.appliedBytes;
  }

  /**
   * The document was `bytes` long at `mark` (e.g. a compaction's state, built while
   * writes went on): the estimate becomes that plus what was applied since.
   */
  measuredAt(bytes: number, mark: number): void {
    this.estimate = bytes + (this.appliedBytes - mark);
  }
}
