import type { Editor } from '@tiptap/core';
import type { EditorState } from '@tiptap/pm/state';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { threadRange, type ThreadRange } from '../../../shared/comments';

/**
 * ProseMirror positions ↔ Yjs relative positions, through the binding of the
 * Collaboration extension (the ySyncPlugin state): a relative position names an item
 * of the shared text, so a comment's range moves with the words around it.
 */
interface SyncBinding {
  type: Y.XmlFragment;
  doc: Y.Doc;
  mapping: Parameters<typeof absolutePositionToRelativePosition>[2];
}

function bindingOf(state: EditorState): SyncBinding | null {
  const sync = ySyncPluginKey.getState(state) as { binding?: { type: Y.XmlFragment; doc: Y.Doc; mapping: SyncBinding['mapping'] } } | undefined;
  const binding = sync?.binding;
  return binding ? { type: binding.type, doc: binding.doc, mapping: binding.mapping } : null;
}

/** The current selection as relative positions and its text; null when nothing is selected. */
export function selectionAnchor(editor: Editor): { anchor: unknown; head: unknown; quote: string } | null {
  const { state } = editor;
  const { from, to, empty } = state.selection;
  const binding = bindingOf(state);
  if (empty || !binding) return null;
  const quote = state.doc.textBetween(from, to, ' ').trim();
  if (!quote) return null;
  return {
    anchor: Y.relativePositionToJSON(absolutePositionToRelativePosition(from, binding.type, binding.mapping)),
    head: Y.relativePositionToJSON(absolutePositionToRelativePosition(to, binding.type, binding.mapping)),
    quote,
  };
}

/**
 * Where a stored range is now in the editor; null when it is detached (see `threadRange`:
 * an end cannot be resolved yet, or its text was deleted).
 */
export function resolveRange(state: EditorState, anchor: unknown, head: unknown): ThreadRange | null {
  const binding = bindingOf(state);
  if (!binding || !anchor || !head) return null;
  try {
    const a = relativePositionToAbsolutePosition(binding.doc, binding.type, Y.createRelativePositionFromJSON(anchor), binding.mapping);
    const b = relativePositionToAbsolutePosition(binding.doc, binding.type, Y.createRelativePositionFromJSON(head), binding.mapping);
    return threadRange(a, b, state.doc.content.size);
  } catch {
    return null; // a malformed anchor written by some other client
  }
}
