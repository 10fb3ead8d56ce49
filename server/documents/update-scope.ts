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
 * Decides which root types a client's update changes, before it is stored or applied:
 * every item it inserts and every item it deletes is located, following the same rules
 * Yjs follows when it integrates them (an item sits in its origin's parent, or its right
 * origin's, or the parent it names). Used for commenters, who may change the comments
 * and nothing else. Updates are accepted or refused whole: applying part of one would
 * leave a gap in its client's clock that Yjs could never fill.
 *
 * Updates admitted earlier in the same write round have not been applied yet; `admit`
 * records them so that a later update of the same client may refer to their items.
 */
export class UpdateScope {
  private readonly admitted: StructIndex[] = [];

  constructor(private readonly doc: Y.Doc) {}

  /** True when the update changes nothing outside the root type `root` (false when it cannot be read). */
  within(update: Uint8Array, root: string): boolean {
    try {
      return this.changesOnly(update, root);
    } catch {
      return false;
    }
  }

  /** Records an update that will be applied after the others of this round. */
  admit(update: Uint8Array): void {
    this.admitted.push(new StructIndex(Y.decodeUpdate(update).structs));
  }

  private changesOnly(update: Uint8Array, root: string): boolean {
    const { structs, ds } = Y.decodeUpdate(update);
    const own = new StructIndex(structs);
    const sources = [own, ...this.admitted];
    const locate = new Locator(this.doc, sources);
    if (!this.contiguous(own)) return false;
    const inside = (place: Place) => place === 'gone' || (place !== 'unknown' && place.root === root);
    for (const struct of structs) if (struct instanceof Y.Item && !inside(locate.parentOf(struct))) return false;
    for (const [client, ranges] of ds.clients) {
      for (const { clock, len } of ranges) {
        for (let at = clock; at < clock + len; ) {
          const struct = locate.find(Y.createID(client, at));
          if (!struct || !inside(locate.placeOf(struct))) return false;
          at = struct.id.clock + struct.length;
        }
      }
    }
    return true;
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
    if (owner instanceof Y.GC) return 'gone';
    // Only an item holding a type can be a parent; anything else would not integrate.
    if (!(owner instanceof Y.Item) || !(owner.content instanceof Y.ContentType)) return 'unknown';
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
