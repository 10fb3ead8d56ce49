import { DOMSerializer, type Node as ProseNode } from '@tiptap/pm/model';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { editorSchema, TEXT_FIELD } from './extensions';

/** A Yjs state update sent as base64 (a saved version), as a document of its own. */
export function docFromBase64(state: string): Y.Doc {
  const bytes = Uint8Array.from(atob(state), (c) => c.charCodeAt(0));
  const doc = new Y.Doc();
  Y.applyUpdate(doc, bytes);
  return doc;
}

/** The text of a Yjs document as a ProseMirror node of the editor's schema. */
export function proseOf(doc: Y.Doc): ProseNode {
  return yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(TEXT_FIELD), editorSchema());
}

/** Read-only HTML of a document's text; the schema's own rendering, so links are checked as in the editor. */
export function renderProse(node: ProseNode): Node {
  return DOMSerializer.fromSchema(editorSchema()).serializeFragment(node.content);
}
