import * as Y from 'yjs';

/**
 * Whether the items of an update sit where an honest client could have put them. Yjs
 * places a new list item between its origin and its right origin, which were neighbours
 * in its author's copy; items that came between them elsewhere are ones the author had
 * not seen, and Yjs orders those the same way on every copy. It does not check the
 * premise: an item whose origins were never neighbours in any copy (one shifted by a few
 * clocks, a right origin in another list, no origin at all and a right origin halfway
 * down) integrates without an error, but in an order that depends on what arrived first,
 * so copies drift apart for good, and later edits nearby make it worse.
 */

/** How many structs the search for an author's view may visit: it only has to see enough to catch a claim. */
const viewBudget = 5_000;
/** How far (in structs) an item is looked for from its neighbours; an honest insert's concurrent neighbours are few. */
const maxWalk = 100_000;

/**
 * The list items of `update` that `doc` does not have yet (a sync reply may repeat some it
 * has), and the state of their clients before. Refuses what no encoder writes: an empty
 * delete range is harmless where its clock exists and throws where it does not yet (Yjs
 * cannot keep it pending), so a client a little behind would break on it; an empty struct.
 */
export function readNew(doc: Y.Doc, update: Uint8Array): { inserted: Y.Item[]; before: Map<number, number> } {
  const { structs, ds } = Y.decodeUpdate(update);
  for (const [client, ranges] of ds.clients) {
    const empty = ranges.find((r) => !(r.len >= 1));
    if (empty) throw new Error(`the delete set has an empty range (${client}:${empty.clock})`);
  }
  // An empty struct (a string cut to nothing) claims no clock, and integrating it leaves a
  // store whose next deletion there throws, on the server and on every client.
  const empty = structs.find((s) => !(s.length >= 1));
  if (empty) throw new Error(`struct ${empty.id.client}:${empty.id.clock} is empty`);
  const before = new Map<number, number>();
  const inserted = structs.filter((s): s is Y.Item => {
    if (!(s instanceof Y.Item) || s.parentSub !== null) return false;
    const state = Y.getState(doc.store, s.id.client);
    before.set(s.id.client, state);
    return s.id.clock + s.length > state;
  });
  return { inserted, before };
}

/** Why one of `inserted`, now applied to `doc`, is not where its origins say; null when all are. */
export function misplaced(doc: Y.Doc, inserted: Y.Item[], before: Map<number, number>): string | null {
  for (const decoded of inserted) {
    // Held back with legacy pending structs, or collected on arrival (its parent is gone): nothing to see.
    if (Y.getState(doc.store, decoded.id.client) <= decoded.id.clock) continue;
    const placed = Y.getItem(doc.store, decoded.id);
    if (!(placed instanceof Y.Item)) continue;
    const name = `item ${decoded.id.client}:${decoded.id.clock}`;
    if (!inOneList(doc, decoded, placed)) return `${name} links two lists`;
    const ownLater = laterOf(decoded, before);
    // The usual case, and cheap: nothing but its own later insertions came between its origins.
    if (between(decoded, placed, ownLater)) continue;
    // Others came between: each must be one its author cannot have seen.
    const seen = viewOf(doc, decoded);
    const unseen = (s: Y.Item) => ownLater(s) || s.id.clock >= (seen.get(s.id.client) ?? 0);
    if (!between(decoded, placed, unseen)) return `${name} is not between its origins`;
  }
  return null;
}

/**
 * Whether only items that `mayStand` lie between `placed` and its origin, and between it
 * and its right origin (no origin: the list's start; no right origin: its end).
 */
function between(decoded: Y.Item, placed: Y.Item, mayStand: (s: Y.Item) => boolean): boolean {
  const { origin, rightOrigin } = decoded;
  const { client, clock } = decoded.id;
  // Merged with its own previous character: that one is its left neighbour.
  if (placed.id.clock < clock) {
    if (!origin || origin.client !== client || origin.clock !== clock - 1) return false;
  } else {
    const left = walk(placed.left, (s) => s.left, origin, mayStand);
    if (left === false) return false;
    // The rest of the origin's struct, after the origin, lies between too.
    if (left && origin && origin.clock < left.id.clock + left.length - 1 && !mayStand(slice(left, origin.clock + 1))) return false;
  }
  const right = walk(placed.right, (s) => s.right, rightOrigin, mayStand);
  if (right === false) return false;
  return !(right && rightOrigin && rightOrigin.clock > right.id.clock && !mayStand(slice(right, right.id.clock)));
}

/**
 * Walks from `start` until the struct holding `target` (or the list's end when there is no
 * target); every struct passed must satisfy `mayStand`. Returns the struct reached, null at
 * the end of the list, false when something else stood in the way.
 */
function walk(start: Y.Item | null, step: (s: Y.Item) => Y.Item | null, target: Y.ID | null, mayStand: (s: Y.Item) => boolean): Y.Item | null | false {
  let walked = 0;
  for (let s = start; s; s = step(s)) {
    if (target && contains(s, target)) return s;
    if (!mayStand(s) || ++walked > maxWalk) return false;
  }
  return target ? false : null;
}

/** A view of part of `s` starting at `clock`, for the question whether its author saw it. */
const slice = (s: Y.Item, clock: number): Y.Item => ({ id: Y.createID(s.id.client, clock) }) as Y.Item;

/** The items of the same update that come after `decoded`: its author's later insertions. */
function laterOf(decoded: Y.Item, before: Map<number, number>): (s: Y.Item) => boolean {
  const { client } = decoded.id;
  const end = decoded.id.clock + decoded.length - 1;
  return (s) => s.id.client === client && s.id.clock > end && s.id.clock >= (before.get(client) ?? 0);
}

/**
 * Whether the item, its neighbours and its origins belong to one list (one parent, one map
 * key). Yjs takes the parent from the origin and links the item to its right origin
 * whatever list that is in, so a right origin in another type ties two lists together.
 */
function inOneList(doc: Y.Doc, decoded: Y.Item, placed: Y.Item): boolean {
  const same = (s: Y.AbstractStruct | null) => !(s instanceof Y.Item) || (s.parent === placed.parent && s.parentSub === placed.parentSub);
  const at = (id: Y.ID | null) => (id && Y.getState(doc.store, id.client) > id.clock ? Y.getItem(doc.store, id) : null);
  return same(placed.left) && same(placed.right) && same(at(decoded.origin)) && same(at(decoded.rightOrigin));
}

/**
 * What the item's author had certainly seen, per client (all clocks below the value): what
 * its origins and its own earlier clocks depend on, followed through their origins, right
 * origins and parents. Less than the author saw, never more, so an item found in it cannot
 * have been a concurrent insertion. The search stops after `viewBudget` structs.
 */
function viewOf(doc: Y.Doc, decoded: Y.Item): Map<number, number> {
  const seen = new Map<number, number>();
  const { client, clock } = decoded.id;
  const queue: Y.ID[] = [decoded.origin, decoded.rightOrigin, clock > 0 ? Y.createID(client, clock - 1) : null].filter((id): id is Y.ID => id !== null);
  let budget = viewBudget;
  while (queue.length > 0 && budget > 0) {
    const id = queue.pop()!;
    const from = seen.get(id.client) ?? 0;
    if (from > id.clock) continue;
    seen.set(id.client, id.clock + 1);
    const structs = doc.store.clients.get(id.client);
    if (!structs || Y.getState(doc.store, id.client) <= from) continue;
    for (let i = Y.findIndexSS(structs, from); i < structs.length && structs[i]!.id.clock <= id.clock && budget > 0; i++, budget--) {
      const s = structs[i]!;
      if (!(s instanceof Y.Item)) continue;
      if (s.origin) queue.push(s.origin);
      if (s.rightOrigin) queue.push(s.rightOrigin);
      const parentItem = s.parent instanceof Y.AbstractType ? s.parent._item : null;
      if (parentItem) queue.push(parentItem.id);
    }
  }
  return seen;
}

const contains = (s: Y.Item, id: Y.ID) => s.id.client === id.client && s.id.clock <= id.clock && id.clock < s.id.clock + s.length;
