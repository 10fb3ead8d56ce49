/**
 * Each document's comment threads live in a companion Yjs document of their own,
 * `comments:<document>` (`comments:proposal:12`), in the root array of this name. A
 * thread anchors to the text with Yjs relative positions into the text's document, so
 * the range follows edits there. Who may comment is write access to the companion
 * (`comments.write` in shared/permissions); the text's own access is unchanged by it.
 */
export const COMMENTS_FIELD = 'comments';

export const COMMENTS_PREFIX = 'comments';

/** The companion document that holds the comment threads of `textDocName`. */
export const commentsDocName = (textDocName: string): string => `${COMMENTS_PREFIX}:${textDocName}`;

/** The text document a companion belongs to; null when `docName` is not a companion. */
export function textDocNameOf(docName: string): string | null {
  const prefix = `${COMMENTS_PREFIX}:`;
  return docName.startsWith(prefix) ? docName.slice(prefix.length) : null;
}

/** A thread's range in the text, from and to as positions there. */
export interface ThreadRange {
  from: number;
  to: number;
}

/**
 * Where a thread's range is now, from its two ends (Yjs relative positions) resolved to
 * positions in the text: null when it is detached, because an end does not resolve (it names
 * text this copy has not received) or both ends fall on one point (the text between them was
 * deleted). Ends that crossed are swapped; the range is kept within the text's `size`.
 */
export function threadRange(anchor: number | null, head: number | null, size: number): ThreadRange | null {
  if (anchor === null || head === null) return null;
  const from = Math.max(0, Math.min(anchor, head));
  const to = Math.min(size, Math.max(anchor, head));
  return from < to ? { from, to } : null;
}
