/** The Yjs XmlFragment a document's text lives in: the one the Tiptap editor binds to (its Collaboration extension's default field). */
export const TEXT_FIELD = 'default';
