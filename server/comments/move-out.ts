import * as Y from 'yjs';
import { COMMENTS_FIELD, commentsDocName, textDocNameOf } from '../../shared/comments';
import type { DocStore, DocumentServer } from '../documents';
import type { Logger } from '../logger';

/** What moving comments out needs of the document server and the store. */
export interface MoveOutDeps {
  documents: Pick<DocumentServer, 'exclusive' | 'change'>;
  docs: Pick<DocStore, 'appendBatch'>;
  logger: Logger;
}

/**
 * Comments used to live in the text's own document, in its `comments` array. When a text
 * document loads with threads still there, or its companion (`comments:<name>`) loads,
 * the threads are moved to the companion and deleted from the text, so that nothing
 * old-style survives a load: documents stored before the move, and threads an old browser
 * copy brings back.
 */
export function moveCommentsOutOnLoad(documents: DocumentServer, deps: Omit<MoveOutDeps, 'documents'>): void {
  documents.onLoaded((docName, doc) => {
    const ofText = textDocNameOf(docName);
    // A reader may open only the comments: their text is looked at then (and loaded for it).
    const textName = ofText ?? (hasOldComments(doc) ? docName : null);
    if (textName === null) return;
    moveCommentsOut({ ...deps, documents }, textName).catch((error: unknown) =>
      // Nothing is lost: the threads stay in the text until the next load tries again.
      deps.logger.error({ err: error, docName: textName }, 'could not move comments to their own document'),
    );
  });
}

/** Whether the text's document still holds threads in its own comments array. */
const hasOldComments = (doc: Y.Doc): boolean => {
  const old = doc.share.get(COMMENTS_FIELD);
  return old !== undefined && doc.getArray(COMMENTS_FIELD).length > 0;
};

/**
 * Moves the threads of `textName`'s own comments array to its companion, then empties the
 * array; returns how many threads were copied. The text is held meanwhile, so no thread
 * written there in between is deleted uncopied. Copying first makes it safe to stop half-way:
 * a thread whose id the companion has already is not copied again.
 */
export async function moveCommentsOut(deps: MoveOutDeps, textName: string): Promise<number> {
  return deps.documents.exclusive(textName, async (held) => {
    const threads = oldThreads(held.state());
    if (threads.length === 0) return 0;
    let copied = 0;
    await deps.documents.change(commentsDocName(textName), (companion) => {
      const into = companion.getArray<Y.Map<unknown>>(COMMENTS_FIELD);
      const have = new Set(into.toArray().map((thread) => thread.get('id')));
      const fresh = threads.filter((thread) => !have.has(thread.id));
      into.push(fresh.map(threadMap));
      copied = fresh.length;
    });
    const emptied = held.stage((doc) => {
      const old = doc.getArray(COMMENTS_FIELD);
      old.delete(0, old.length);
    });
    await emptied?.append({ docs: deps.docs, afterCommit: (then) => then() });
    deps.logger.info({ docName: textName, threads: threads.length, copied }, 'moved comments to their own document');
    return copied;
  });
}

/** A thread as plain data: its fields, its replies a list. */
type PlainThread = Record<string, unknown> & { id: string; replies?: unknown };

/** The threads in a state's own comments array; entries that are not threads (no id) are left behind. */
function oldThreads(state: Uint8Array): PlainThread[] {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return doc
      .getArray(COMMENTS_FIELD)
      .toArray()
      .filter((entry): entry is Y.Map<unknown> => entry instanceof Y.Map)
      .map((entry) => entry.toJSON() as Record<string, unknown>)
      .filter((thread): thread is PlainThread => typeof thread.id === 'string');
  } finally {
    doc.destroy();
  }
}

/** A thread as the client writes it (client/editor/comments/comment-model.ts): a map, its replies an array. */
function threadMap(thread: PlainThread): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(thread)) if (key !== 'replies') map.set(key, value);
  map.set('replies', Y.Array.from(Array.isArray(thread.replies) ? thread.replies : []));
  return map;
}
