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
