import * as Y from 'yjs';
import { COMMENTS_FIELD } from '../../../shared/comments';
import { AMENDMENT_DECISION_FIELD, AMENDMENT_FIELD } from '../../../shared/schemas/amendment-fields';
import type { AmendmentVerdict } from '../../../shared/schemas/amendments';

/**
 * Comments live in a Yjs document of their own beside the text's (`comments:<docName>`,
 * see shared/comments.ts), in its `comments` array; they sync and persist offline like
 * the text. Whoever may write that document comments (`comments.write`), whatever their
 * access to the text; a reader's comments would never be applied by the server.
 *
 * Each thread is a Y.Map with the fields of `CommentThread`; `anchor` and `head` are
 * Y.RelativePosition JSON into the text, so the range follows concurrent edits;
 * `replies` is a Y.Array of plain objects.
 */
export interface CommentAuthor {
  id: string;
  name: string;
}

export interface CommentReply {
  author: CommentAuthor;
  body: string;
  createdAt: string;
}

export interface CommentThread {
  id: string;
  /** Y.relativePositionToJSON of the start and the end of the commented range. */
  anchor: unknown;
  head: unknown;
  /** The selected text when the comment was made. */
  quote: string;
  author: CommentAuthor;
  createdAt: string;
  body: string;
  resolved: boolean;
  replies: CommentReply[];
  /** A suggested replacement for the quoted text (an amendment), if the comment carries one. */
  amendment: string | null;
  /** What the server wrote once the amendment was accepted or declined. */
  amendmentDecision: AmendmentDecisionMark | null;
}

/** The decision the server marks on a thread's amendment. */
export interface AmendmentDecisionMark {
  decision: AmendmentVerdict;
  by: CommentAuthor;
  at: string;
}

export type NewThread = Pick<CommentThread, 'anchor' | 'head' | 'quote' | 'author' | 'body'> & { amendment?: string | null };

const readDecision = (value: unknown): AmendmentDecisionMark | null => {
  const v = value as Partial<AmendmentDecisionMark> | null | undefined;
  return v && (v.decision === 'accepted' || v.decision === 'declined') && isAuthor(v.by) && typeof v.at === 'string' ? { decision: v.decision, by: v.by, at: v.at } : null;
};

type ThreadMap = Y.Map<unknown>;

export const commentsOf = (doc: Y.Doc): Y.Array<ThreadMap> => doc.getArray<ThreadMap>(COMMENTS_FIELD);

const isAuthor = (value: unknown): value is CommentAuthor =>
  typeof value === 'object' && value !== null && typeof (value as CommentAuthor).id === 'string' && typeof (value as CommentAuthor).name === 'string';

const isReply = (value: unknown): value is CommentReply =>
  typeof value === 'object' &&
  value !== null &&
  isAuthor((value as CommentReply).author) &&
  typeof (value as CommentReply).body === 'string' &&
  typeof (value as CommentReply).createdAt === 'string';

/** One thread as plain data; null for an entry that is not a well-formed thread (anyone can write the doc). */
function readThread(map: unknown): CommentThread | null {
  if (!(map instanceof Y.Map)) return null;
  const { id, quote, author, createdAt, body, resolved } = map.toJSON() as Record<string, unknown>;
  if (typeof id !== 'string' || typeof body !== 'string' || !isAuthor(author)) return null;
  const replies = map.get('replies');
  return {
    id,
    anchor: map.get('anchor'),
    head: map.get('head'),
    quote: typeof quote === 'string' ? quote : '',
    author,
    createdAt: typeof createdAt === 'string' ? createdAt : '',
    body,
    resolved: resolved === true,
    replies: replies instanceof Y.Array ? replies.toArray().filter(isReply) : [],
    amendment: typeof map.get(AMENDMENT_FIELD) === 'string' && map.get(AMENDMENT_FIELD) ? (map.get(AMENDMENT_FIELD) as string) : null,
    amendmentDecision: readDecision(map.get(AMENDMENT_DECISION_FIELD)),
  };
}

/**
 * Every thread, oldest first. A thread id seen twice is shown once, the first: two servers
 * that moved the same old-style thread out of a text at once (server/comments) copy it twice.
 */
export function readThreads(doc: Y.Doc): CommentThread[] {
  const threads = new Map<string, CommentThread>();
  for (const entry of commentsOf(doc).toArray()) {
    const thread = readThread(entry);
    if (thread && !threads.has(thread.id)) threads.set(thread.id, thread);
  }
  return [...threads.values()];
}

function findThread(doc: Y.Doc, id: string): ThreadMap | undefined {
  return commentsOf(doc)
    .toArray()
    .find((m) => m instanceof Y.Map && m.get('id') === id);
}

/** Adds a thread; returns its id. */
export function addThread(doc: Y.Doc, thread: NewThread, now = new Date()): string {
  const id = crypto.randomUUID();
  const map: ThreadMap = new Y.Map();
  doc.transact(() => {
    map.set('id', id);
    map.set('anchor', thread.anchor);
    map.set('head', thread.head);
    map.set('quote', thread.quote);
    map.set('author', { ...thread.author });
    map.set('createdAt', now.toISOString());
    map.set('body', thread.body);
    map.set('resolved', false);
    map.set('replies', new Y.Array<CommentReply>());
    if (thread.amendment) map.set(AMENDMENT_FIELD, thread.amendment);
    commentsOf(doc).push([map]);
  });
  return id;
}

export function addReply(doc: Y.Doc, threadId: string, reply: Omit<CommentReply, 'createdAt'>, now = new Date()): void {
  const replies = findThread(doc, threadId)?.get('replies');
  if (replies instanceof Y.Array) replies.push([{ author: { ...reply.author }, body: reply.body, createdAt: now.toISOString() }]);
}

export function setResolved(doc: Y.Doc, threadId: string, resolved: boolean): void {
  findThread(doc, threadId)?.set('resolved', resolved);
}
