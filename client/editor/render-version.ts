import { DOMSerializer, type Node as ProseNode, type Schema } from '@tiptap/pm/model';
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

/**
 * The text of a Yjs document as a ProseMirror node of `schema`, which must know every node the
 * text holds: the conversion deletes an element it cannot build from the Yjs document itself.
 */
export function proseOf(doc: Y.Doc, schema: Schema = editorSchema()): ProseNode {
  return yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(TEXT_FIELD), schema);
}

/** Read-only HTML of a document's text; its schema's own rendering, so links are checked as in the editor. */
export function renderProse(node: ProseNode): Node {
  return DOMSerializer.fromSchema(node.type.schema).serializeFragment(node.content);
}
