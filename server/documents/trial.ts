import * as Y from 'yjs';

/**
 * What applying an update to the replica showed: it integrates; it throws (it decoded, but
 * refers to something that cannot be, e.g. a later clock of its own client); or it is held
 * back because something it builds on is missing (Yjs keeps such structs "pending" and
 * integrates them whenever the missing part arrives).
 */
export type Trial = { ok: true } | { ok: false; why: 'throws'; error: unknown } | { ok: false; why: 'unresolved' };

/** How far (in structs) an item is looked for from its neighbours; an honest insert's concurrent neighbours are few. */
const maxWalk = 100_000;

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
    try {
      inserted = newItems(replica, update);
      Y.applyUpdate(replica, update, 'trial');
    } catch (error) {
      this.rebuild();
      return { ok: false, why: 'throws', error };
    }
    if (!pendingBefore && hasPending(replica)) {
      this.rebuild();
      return { ok: false, why: 'unresolved' };
    }
    const misplaced = inserted.find((item) => !inPlace(replica, item));
    if (misplaced) {
      this.rebuild();
      return { ok: false, why: 'throws', error: new Error(`item ${misplaced.id.client}:${misplaced.id.clock} is not between its origins`) };
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

/** The list items of `update` that `doc` does not have yet (a sync reply may repeat some it has). */
function newItems(doc: Y.Doc, update: Uint8Array): Y.Item[] {
  const { structs } = Y.decodeUpdate(update);
  return structs.filter(
    (s): s is Y.Item => s instanceof Y.Item && s.parentSub === null && s.id.clock + s.length > Y.getState(doc.store, s.id.client),
  );
}

/**
 * Whether an item, once integrated, sits between its origin and its right origin with only
 * items its client could not have seen in between, as every honest insertion does: origin
 * and right origin were its neighbours when it was made, and only concurrent insertions
 * come between. Yjs does not check it; an update that claims other neighbours (an origin
 * right of the right origin, or one a few clocks off) integrates without an error, but in
 * an order that depends on what else arrived first, so copies diverge for good.
 */
function inPlace(doc: Y.Doc, decoded: Y.Item): boolean {
  // Held back with legacy pending structs: nothing to see now.
  if (Y.getState(doc.store, decoded.id.client) <= decoded.id.clock) return true;
  const placed = Y.getItem(doc.store, decoded.id);
  // Collected on arrival (its parent is gone): it changes nothing.
  if (!(placed instanceof Y.Item)) return true;
  const seen = seenBy(decoded);
  const end = decoded.id.clock + decoded.length - 1;
  const reaches = (target: Y.ID, step: (s: Y.Item) => Y.Item | null, sameStruct: boolean): boolean => {
    // Merged with its own neighbour (typing in sequence): the origin is inside the same struct.
    if (contains(placed, target)) return sameStruct;
    let walked = 0;
    for (let s = step(placed); s && walked < maxWalk; s = step(s), walked++) {
      if (contains(s, target)) return true;
      // Its client had this one when it made the item: it could not have come between.
      if (s.id.clock < (seen.get(s.id.client) ?? 0)) return false;
    }
    return false;
  };
  if (decoded.origin && !reaches(decoded.origin, (s) => s.left, decoded.origin.clock < decoded.id.clock)) return false;
  if (decoded.rightOrigin && !reaches(decoded.rightOrigin, (s) => s.right, decoded.rightOrigin.clock > end)) return false;
  return true;
}

const contains = (s: Y.Item, id: Y.ID) => s.id.client === id.client && s.id.clock <= id.clock && id.clock < s.id.clock + s.length;

/** What the item's client had, at least, when it made it: its own earlier clocks and all up to what it refers to. */
function seenBy(item: Y.Item): Map<number, number> {
  const seen = new Map<number, number>([[item.id.client, item.id.clock]]);
  for (const id of [item.origin, item.rightOrigin]) if (id) seen.set(id.client, Math.max(seen.get(id.client) ?? 0, id.clock + 1));
  return seen;
}

const hasPending = (doc: Y.Doc): boolean => doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
