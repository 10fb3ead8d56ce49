/**
 * Yjs updates that decode but must never be stored, crafted from a document's state the way
 * a buggy or hostile client could send them.
 */
import * as Y from 'yjs';

/** A copy of `state` in which a new client has inserted `text` into the text `t` at `index`. */
function editedCopy(state: Uint8Array, index: number, text: string): { doc: Y.Doc; before: Uint8Array } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const before = Y.encodeStateVector(doc);
  doc.getText('t').insert(index, text);
  return { doc, before };
}

/**
 * An insertion whose right origin is a later clock of its own client, which the update does
 * not contain: it decodes, and Yjs throws halfway through applying it.
 */
export function laterRightOrigin(state: Uint8Array, index = 1): Uint8Array {
  const { doc, before } = editedCopy(state, index, 'XY');
  const [item] = doc.store.clients.get(doc.clientID) as Y.Item[];
  item!.rightOrigin = Y.createID(doc.clientID, item!.id.clock + 5);
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return update;
}

/**
 * An insertion placed after text of another client that the server never received:
 * Yjs holds it back ("pending") until that text arrives.
 */
export function missingDependency(state: Uint8Array, index = 0): Uint8Array {
  const { doc } = editedCopy(state, index, 'never sent');
  const unsent = Y.encodeStateVector(doc);
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  other.getText('t').insert(index + 2, 'dependent');
  const update = Y.encodeStateAsUpdate(other, unsent);
  doc.destroy();
  other.destroy();
  return update;
}
