import * as Y from 'yjs';

type Struct = Y.Item | Y.GC | Y.Skip;

/**
 * Where a struct lives: inside the root type of this name, in content that Yjs will
 * garbage-collect on arrival (its parent is gone), or somewhere the server cannot tell
 * (it refers to changes the server does not have).
 */
type Place = { root: string } | 'gone' | 'unknown';

/** An update's structs by client, each client's in clock order (as Yjs encodes them). */
class StructIndex {
  private readonly byClient = new Map<number, Struct[]>();

  constructor(structs: Struct[]) {
    for (const struct of structs) {
      const list = this.byClient.get(struct.id.client);
      if (list) list.push(struct);
      else this.byClient.set(struct.id.client, [struct]);
    }
  }

  get clients(): Iterable<[number, Struct[]]> {
    return this.byClient.entries();
  }

  find(id: Y.ID): Struct | undefined {
    const list = this.byClient.get(id.client);
    if (!list) return undefined;
    return list.find((s) => s.id.clock <= id.clock && id.clock < s.id.clock + s.length);
  }

  /** The clock after this update's last struct of `client` (0 when it has none). */
  end(client: number): number {
    const last = this.byClient.get(client)?.at(-1);
    return last ? last.id.clock + last.length : 0;
  }
}

/**
 * What a commenter's update changes: only the allowed root type; something beyond it
 * (final: its client's copy holds a change the server will never take); or something the
 * server cannot place yet (it refers to changes this instance does not have: another
 * instance may, and a retry after the relay catches up can succeed).
 */
export type Scope = 'within' | 'beyond' | 'unresolved';

/**
 * Decides which root types a client's update changes, before it is stored or applied:
 * every item it inserts and every item it deletes is located, following the same rules
 * Yjs follows when it integrates them (an item sits in its origin's parent, or its right
 * origin's, or the parent it names). Used for commenters, who may change the comments
 * and nothing else. Updates are accepted or refused whole: applying part of one would
 * leave a gap in its client's clock that Yjs could never fill.
 *
 * Updates found within earlier in the same write round have not been applied yet: the
 * scope keeps them, so that a later update of the same client may refer to their items.
 */
export class UpdateScope {
  private readonly admitted: StructIndex[] = [];

  constructor(private readonly doc: Y.Doc) {}

  /**
   * Whether the update changes nothing outside the root type `root`; throws when it cannot
   * be read. One found within is kept as part of the round (see above).
   */
  scopeOf(update: Uint8Array, root: string): Scope {
    const { structs, ds } = Y.decodeUpdate(update);
    const own = new StructIndex(structs);
    const locate = new Locator(this.doc, [own, ...this.admitted]);
    const places: Place[] = [];
    for (const struct of structs) if (struct instanceof Y.Item) places.push(locate.parentOf(struct));
    for (const [client, ranges] of ds.clients) for (const { clock, len } of ranges) places.push(...locate.deletions(client, clock, len));
    if (places.some((p) => p !== 'gone' && p !== 'unknown' && p.root !== root)) return 'beyond';
    if (places.includes('unknown') || !this.contiguous(own)) return 'unresolved';
    this.admitted.push(own);
    return 'within';
  }

  /** Each client's structs start where what the server has of that client ends, or before: no gap. */
  private contiguous(own: StructIndex): boolean {
    for (const [client, list] of own.clients) {
      const known = Math.max(Y.getState(this.doc.store, client), ...this.admitted.map((a) => a.end(client)));
      if (list[0]!.id.clock > known) return false;
    }
    return true;
  }
}

/** Finds structs in the document or in updates not yet applied, and the root type each one is in. */
class Locator {
  private readonly places = new Map<Struct, Place>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly pending: StructIndex[],
  ) {}

  find(id: Y.ID): Struct | undefined {
    if (id.clock < Y.getState(this.doc.store, id.client)) {
      const structs = this.doc.store.clients.get(id.client)!;
      return structs[Y.findIndexSS(structs, id.clock)];
    }
    for (const index of this.pending) {
      const found = index.find(id);
      if (found) return found;
    }
    return undefined;
  }

  /**
   * Where the items a deletion range covers live. A sync reply carries its client's whole
   * delete set: deleting what is deleted already changes nothing, wherever it is.
   */
  deletions(client: number, clock: number, len: number): Place[] {
    const places: Place[] = [];
    for (let at = clock; at < clock + len; ) {
      const struct = this.find(Y.createID(client, at));
      if (!struct) return [...places, 'unknown'];
      if (!(struct instanceof Y.GC) && !(struct instanceof Y.Item && struct.deleted)) places.push(this.placeOf(struct));
      at = struct.id.clock + struct.length;
    }
    return places;
  }

  /** Where a struct lives: in the document, from its parent type; in an update, as Yjs will place it. */
  placeOf(struct: Struct): Place {
    if (struct instanceof Y.GC) return 'gone';
    if (struct instanceof Y.Skip) return 'unknown';
    if (struct.parent instanceof Y.AbstractType) return rootOf(struct.parent);
    let place = this.places.get(struct);
    if (!place) {
      // A malformed update may make items each other's origins: the circle ends here.
      this.places.set(struct, 'unknown');
      place = this.parentOf(struct);
      this.places.set(struct, place);
    }
    return place;
  }

  /** The rules of Yjs's `Item.getMissing`, for an item of an update that is not integrated yet. */
  parentOf(item: Y.Item): Place {
    const left = item.origin ? this.find(item.origin) : null;
    const right = item.rightOrigin ? this.find(item.rightOrigin) : null;
    if (left === undefined || right === undefined) return 'unknown';
    if (left instanceof Y.GC || right instanceof Y.GC) return 'gone';
    const parent = item.parent as unknown;
    if (parent === null) {
      const neighbour = left ?? right;
      return neighbour ? this.placeOf(neighbour) : 'unknown';
    }
    if (typeof parent === 'string') return { root: parent };
    if (!(parent instanceof Y.ID)) return 'unknown';
    const owner = this.find(parent);
    if (owner === undefined || owner instanceof Y.Skip) return 'unknown';
    // A parent that holds no type (collected, or deleted and emptied) makes Yjs collect the item.
    if (owner instanceof Y.GC || !(owner.content instanceof Y.ContentType)) return 'gone';
    return this.placeOf(owner);
  }
}

/** The root type that `type` is, or is nested in. */
function rootOf(type: Y.AbstractType<unknown>): Place {
  let root = type;
  while (root._item) {
    if (!(root._item.parent instanceof Y.AbstractType)) return 'gone';
    root = root._item.parent;
  }
  for (const [key, shared] of root.doc?.share ?? []) if (shared === root) return { root: key };
  return 'unknown';
}
