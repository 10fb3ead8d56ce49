/**
 * Mutated Yjs updates for fuzzing the document server: each starts as a valid edit of a
 * given state (made on a copy, by a client of its own) and is then damaged the way a buggy
 * or hostile client could damage it.
 */
import * as Y from 'yjs';

export type MutationKind = 'bit-flip' | 'truncate' | 'splice' | 'shift-clock' | 'valid';
export const mutationKinds: readonly MutationKind[] = ['bit-flip', 'truncate', 'splice', 'shift-clock', 'valid'];

type Random = () => number;

export class Mutator {
  private base: Uint8Array = Y.encodeStateAsUpdate(new Y.Doc());
  private baseVector: Uint8Array = Y.encodeStateVector(new Y.Doc());
  private baseClients: number[] = [];

  constructor(private readonly random: Random) {}

  /** The state edits start from (the server's, as a client sees it). */
  setBase(state: Uint8Array): void {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    this.base = state;
    this.baseVector = Y.encodeStateVector(doc);
    this.baseClients = [...doc.store.clients.keys()];
    doc.destroy();
  }

  /** A mutated update of `kind`. */
  make(kind: MutationKind): Uint8Array {
    switch (kind) {
      case 'bit-flip':
        return this.flipBits(this.validEdit().update);
      case 'truncate': {
        const valid = this.validEdit().update;
        return valid.slice(0, 1 + this.int(Math.max(1, valid.length - 1)));
      }
      case 'splice': {
        const [a, b] = [this.validEdit().update, this.validEdit().update];
        return concat(a.subarray(0, 1 + this.int(a.length - 1)), b.subarray(this.int(b.length)));
      }
      case 'shift-clock':
        return this.validEdit(true).update;
      case 'valid':
        return this.validEdit().update;
      default:
        return kind satisfies never;
    }
  }

  private int(n: number): number {
    return Math.floor(this.random() * n);
  }

  /**
   * An edit of the base by a new client: text inserted or deleted, a map entry set. With
   * `shift`, one of its new items then points elsewhere: its origin, right origin or parent
   * moved by a few clocks, or to another client, as a corrupted or hostile encoder would.
   */
  private validEdit(shift = false): { update: Uint8Array } {
    const doc = new Y.Doc();
    doc.clientID = 1 + this.int(2 ** 30);
    Y.applyUpdate(doc, this.base);
    const text = doc.getText('t');
    doc.transact(() => {
      const edits = 1 + this.int(3);
      for (let i = 0; i < edits; i++) {
        const at = this.int(text.length + 1);
        const r = this.int(10);
        if (r < 5 || text.length === 0) text.insert(at, randomWord(this.random));
        else if (r < 8) text.delete(Math.min(at, text.length - 1), 1 + this.int(Math.min(5, text.length - Math.min(at, text.length - 1))));
        else doc.getMap('m').set(`k${this.int(5)}`, this.int(1000));
      }
    });
    if (shift) this.shiftOne(doc);
    const update = Y.encodeStateAsUpdate(doc, this.baseVector);
    doc.destroy();
    return { update };
  }

  private shiftOne(doc: Y.Doc): void {
    const own = (doc.store.clients.get(doc.clientID) ?? []).filter((s): s is Y.Item => s instanceof Y.Item);
    const item = own[this.int(own.length)];
    if (!item) return;
    const moved = (id: Y.ID | null): Y.ID => {
      const client = this.random() < 0.7 || this.baseClients.length === 0 ? (id?.client ?? doc.clientID) : this.baseClients[this.int(this.baseClients.length)]!;
      const delta = this.int(9) - 3 || 1;
      return Y.createID(client, Math.max(0, (id?.clock ?? 0) + delta));
    };
    const r = this.int(3);
    if (r === 0) item.origin = moved(item.origin);
    else if (r === 1) item.rightOrigin = moved(item.rightOrigin);
    else if (item.parent instanceof Y.AbstractType && item.parent._item) item.parent = moved(item.parent._item.id);
    else item.rightOrigin = moved(item.rightOrigin);
  }

  private flipBits(update: Uint8Array): Uint8Array {
    const out = update.slice();
    const flips = 1 + this.int(4);
    for (let i = 0; i < flips; i++) out[this.int(out.length)]! ^= 1 << this.int(8);
    return out;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

const syllables = ['산업', '전환', '투자', '인력', 'AI', 'net', '-', ' ', 'x', '정책'];
const randomWord = (random: Random) => Array.from({ length: 1 + Math.floor(random() * 3) }, () => syllables[Math.floor(random() * syllables.length)]).join('');
