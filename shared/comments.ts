/**
 * Comment threads live in the same Yjs document as the text, in the root array of this
 * name: the client reads and writes them there, and the document server lets a
 * commenter (a connection with 'comment' access) change that array and nothing else.
 */
export const COMMENTS_FIELD = 'comments';
