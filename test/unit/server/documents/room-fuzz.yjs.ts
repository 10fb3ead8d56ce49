/** What the room fuzz (room-fuzz.test.ts) reads of Yjs text: where threads are, what a copy holds, a random edit. */
import * as Y from 'yjs';
import type { CommentThread } from '../../../../client/editor/comments/comment-model';
import { threadRange, type ThreadRange } from '../../../../shared/comments';

/** Where one end of a thread is in `text`: null when it names text this copy does not have. */
export function endOf(text: Y.Text, end: unknown): number | null {
  const position = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(end), text.doc!);
  return position && position.type === text ? position.index : null;
}

/** A thread's range in `text`, decided as the editor decides it (`threadRange`). */
export const rangeOf = (text: Y.Text, thread: CommentThread): ThreadRange | null => threadRange(endOf(text, thread.anchor), endOf(text, thread.head), text.length);

/**
 * How many characters are still in `text` from the one `first` names up to the one `end`
 * names (to the end of the text for null), found by walking Yjs's list of items rather than
 * by resolving positions: the check of `rangeOf` from another side.
 */
export function charactersBetween(text: Y.Text, first: Y.ID, end: Y.ID | null): number {
  const is = (item: Y.Item, i: number, id: Y.ID) => item.id.client === id.client && item.id.clock + i === id.clock;
  let inside = false;
  let count = 0;
  for (let item = text._start; item !== null; item = item.right) {
    for (let i = 0; i < item.length; i++) {
      if (end && is(item, i, end)) return count;
      if (is(item, i, first)) inside = true;
      if (inside && !item.deleted && item.countable) count++;
    }
  }
  return count;
}

/** How many updates of `clientId` a document holds. */
export const clockOf = (doc: Y.Doc, clientId: number): number => Y.decodeStateVector(Y.encodeStateVector(doc)).get(clientId) ?? 0;

/** A random edit, as a writer types: an insert of a few characters (Korean among them), or a delete. */
export function edit(text: Y.Text, int: (n: number) => number): void {
  if (text.length > 0 && int(3) === 0) {
    const at = int(text.length);
    text.delete(at, 1 + int(Math.min(4, text.length - at)));
  } else {
    text.insert(int(text.length + 1), 'abcdef가나'.slice(int(8), 8 + int(3)) || 'x');
  }
}
