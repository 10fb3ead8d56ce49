import { Extension, type Editor } from '@tiptap/core';
import { Plugin, PluginKey, TextSelection, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { resolveRange } from './anchors';
import { commentsOf, readThreads, type CommentThread } from './comment-model';

interface HighlightState {
  decorations: DecorationSet;
  /** The thread shown as selected in the side panel. */
  active: string | null;
}

/** Meta: `{}` recomputes the ranges, `{ active }` also changes the selected thread. */
type HighlightMeta = { active?: string | null };

const highlightKey = new PluginKey<HighlightState>('fwCommentHighlights');

/** Fired on the editor's DOM when a highlighted range is clicked: `detail.id` is the thread. */
export const commentClickEvent = 'fw-comment-click';

function build(state: EditorState, doc: Y.Doc, active: string | null): DecorationSet {
  const decorations: Decoration[] = [];
  for (const thread of readThreads(doc)) {
    if (thread.resolved) continue;
    const range = resolveRange(state, thread.anchor, thread.head);
    if (!range) continue;
    const className = thread.id === active ? 'fw-comment is-active' : 'fw-comment';
    decorations.push(Decoration.inline(range.from, range.to, { class: className, 'data-comment-id': thread.id }, { commentId: thread.id }));
  }
  return DecorationSet.create(state.doc, decorations);
}

/**
 * Highlights the open comment threads of the document in the text. Ranges are
 * resolved from their relative positions when the change comes from Yjs (the
 * binding's mapping is fresh then) or the comments change, and are mapped through
 * local edits otherwise, as y-prosemirror does for remote carets.
 */
export const CommentHighlights = Extension.create<{ doc: Y.Doc | null }>({
  name: 'commentHighlights',
  addOptions: () => ({ doc: null }),
  addProseMirrorPlugins() {
    const doc = this.options.doc;
    if (!doc) return [];
    return [
      new Plugin<HighlightState>({
        key: highlightKey,
        state: {
          init: () => ({ decorations: DecorationSet.empty, active: null }),
          apply(tr, value, _old, newState) {
            const meta = tr.getMeta(highlightKey) as HighlightMeta | undefined;
            const fromYjs = (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin === true;
            const active = meta && 'active' in meta ? (meta.active ?? null) : value.active;
            if (meta || fromYjs) return { active, decorations: build(newState, doc, active) };
            return { active, decorations: tr.docChanged ? value.decorations.map(tr.mapping, tr.doc) : value.decorations };
          },
        },
        props: {
          decorations: (state) => highlightKey.getState(state)?.decorations,
          handleClick(view, pos) {
            const found = highlightKey.getState(view.state)?.decorations.find(pos, pos) ?? [];
            const id = (found[0]?.spec as { commentId?: string } | undefined)?.commentId;
            if (id) view.dom.dispatchEvent(new CustomEvent(commentClickEvent, { detail: { id }, bubbles: true, composed: true }));
            return false;
          },
        },
        view(view) {
          const comments = commentsOf(doc);
          const refresh = () => view.dispatch(view.state.tr.setMeta(highlightKey, {}).setMeta('addToHistory', false));
          comments.observeDeep(refresh);
          return { destroy: () => comments.unobserveDeep(refresh) };
        },
      }),
    ];
  },
});

/**
 * Shows a thread in the text: marks it active, scrolls to it, and selects it when the
 * editor is editable. False when its text is gone.
 */
export function revealThread(editor: Editor, thread: CommentThread): boolean {
  const range = resolveRange(editor.state, thread.anchor, thread.head);
  const tr = editor.state.tr.setMeta(highlightKey, { active: thread.id }).setMeta('addToHistory', false);
  if (range && editor.isEditable) tr.setSelection(TextSelection.create(tr.doc, range.from, range.to));
  editor.view.dispatch(tr);
  if (!range) return false;
  const { node } = editor.view.domAtPos(range.from);
  const element = node instanceof Element ? node : node.parentElement;
  element?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  if (editor.isEditable) editor.view.focus();
  return true;
}

/** Clears the active thread (the panel closed it). */
export function clearActiveThread(editor: Editor): void {
  editor.view.dispatch(editor.state.tr.setMeta(highlightKey, { active: null }).setMeta('addToHistory', false));
}
