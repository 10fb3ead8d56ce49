import * as Y from 'yjs';
import { misplaced, readNew } from './placement';

/**
 * What applying an update to the replica showed: it integrates; it throws (it decoded, but
 * refers to something that cannot be, e.g. a later clock of its own client); or it is held
 * back because something it builds on is missing (Yjs keeps such structs "pending" and
 * integrates them whenever the missing part arrives).
 */
export type Trial = { ok: true } | { ok: false; why: 'throws'; error: unknown } | { ok: false; why: 'unresolved' };

/**
 * A replica of a live document on which each client update is applied before it is stored.
 * Yjs may throw halfway through applying an update that decoded fine, leaving the document
 * half-changed; stored, such an update breaks every later load. Yjs has no dry run and no
 * rollback, so the update is applied here first: the live document is only ever given what
 * the replica took, and a replica that failed is rebuilt from the live one.
 *
 * Updates tried but not yet applied to the live document (the write round in flight) are
 * kept: a rebuild replays them, and `settled` drops them once the live document has them.
 */
export class TrialDoc {
  private replica: Y.Doc | null = null;
  private ahead: Uint8Array[] = [];

  constructor(private readonly live: Y.Doc) {}

  /** Applies `update` to the replica and says whether the live document may take it. */
  try(update: Uint8Array): Trial {
    const replica = this.current();
    // Pending structs loaded from an old log are left alone; a new update must not add any.
    const pendingBefore = hasPending(replica);
    let inserted: Y.Item[];
    let before: Map<number, number>;
    try {
      ({ inserted, before } = readNew(replica, update));
      Y.applyUpdate(replica, update, 'trial');
    } catch (error) {
      this.rebuild();
      return { ok: false, why: 'throws', error };
    }
    if (!pendingBefore && hasPending(replica)) {
      this.rebuild();
      return { ok: false, why: 'unresolved' };
    }
    const wrong = misplaced(replica, inserted, before);
    if (wrong) {
      this.rebuild();
      return { ok: false, why: 'throws', error: new Error(wrong) };
    }
    this.ahead.push(update);
    return { ok: true };
  }

  /** The live document has taken every update tried so far. */
  settled(): void {
    this.ahead = [];
  }

  /** The updates tried since the last `settled` will never reach the live document (their append failed). */
  abandon(): void {
    this.ahead = [];
    this.drop();
  }

  /** An update the live document took another way (another instance, a server-side change). */
  follow(update: Uint8Array): void {
    if (!this.replica) return;
    try {
      Y.applyUpdate(this.replica, update, 'follow');
    } catch {
      // The live document met the same update; the caller reports it. Start again from there.
      this.rebuild();
    }
  }

  /** Forgets the replica, e.g. when the live document may have changed in a way it did not follow. */
  drop(): void {
    this.replica?.destroy();
    this.replica = null;
  }

  destroy(): void {
    this.ahead = [];
    this.drop();
  }

  private current(): Y.Doc {
    return (this.replica ??= this.copy());
  }

  private rebuild(): void {
    this.drop();
    this.replica = this.copy();
  }

  /** The live document plus what was tried and is on its way there. */
  private copy(): Y.Doc {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.live));
    for (const update of this.ahead) Y.applyUpdate(doc, update);
    return doc;
  }
}

const hasPending = (doc: Y.Doc): boolean => doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
