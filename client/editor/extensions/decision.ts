import { Node, mergeAttributes, type Editor } from '@tiptap/core';
import type { Node as ProseNode } from '@tiptap/pm/model';
import type { NodeView, ViewMutationRecord } from '@tiptap/pm/view';
import { svg } from 'lit';
import { DECISION_NODE } from '../../../shared/meetings/minutes';
import type { Catalogue } from '../../i18n/catalogue';
import { localeState } from '../../i18n/i18n';
import type { Tool } from '../editor-toolbar';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    decision: {
      /** Turns the current block into a decision, or back into a paragraph. */
      toggleDecision: () => ReturnType;
    };
  }
}

/** The catalogue of the page's language now (node views live outside Lit's rendering). */
export const currentCatalogue = (): Catalogue => localeState.catalogue;

/**
 * A block with a fixed label in front of its editable text ("결정 사항", "후속 조치"):
 * the label is not part of the document and follows the page's language.
 */
export function labelledBlockView(options: {
  type: string;
  className: string;
  label: (t: Catalogue) => string;
  /** Extra text after the label, from the node's attributes (owner, due date). */
  meta?: (t: Catalogue, node: ProseNode) => string;
  node: ProseNode;
}): NodeView {
  let node = options.node;
  const dom = document.createElement('div');
  dom.className = `fw-block ${options.className}`;
  dom.dataset.type = options.type;
  const head = document.createElement('p');
  head.className = 'fw-block__head';
  head.contentEditable = 'false';
  const label = document.createElement('span');
  label.className = 'fw-block__label';
  const meta = document.createElement('span');
  meta.className = 'fw-block__meta';
  head.append(label, meta);
  const content = document.createElement('p');
  content.className = 'fw-block__text';
  dom.append(head, content);
  // Text, never markup: owner names come from other people's typing.
  const paint = () => {
    const t = currentCatalogue();
    label.textContent = options.label(t);
    meta.textContent = options.meta?.(t, node) ?? '';
  };
  paint();
  const unsubscribe = localeState.subscribe(paint);
  return {
    dom,
    contentDOM: content,
    update(next) {
      if (next.type !== node.type) return false;
      node = next;
      paint();
      return true;
    },
    // The label is ours; only changes inside the text are the editor's business.
    ignoreMutation: (mutation: ViewMutationRecord) => mutation.type !== 'selection' && !content.contains(mutation.target),
    stopEvent: (event: Event) => head.contains(event.target as globalThis.Node),
    destroy: unsubscribe,
  };
}

/**
 * "결정 사항": a block of text the meeting decided. The node's name and its text are
 * what the server reads out of the minutes (shared/meetings/minutes.ts).
 */
export const Decision = Node.create({
  name: DECISION_NODE,
  group: 'block',
  content: 'inline*',
  defining: true,

  parseHTML() {
    return [{ tag: `div[data-type="${DECISION_NODE}"]`, contentElement: '.fw-block__text' }, { tag: `div[data-type="${DECISION_NODE}"]` }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['div', mergeAttributes(HTMLAttributes, { 'data-type': DECISION_NODE, class: 'fw-block fw-decision' }), 0];
  },

  addNodeView() {
    return ({ node }) => labelledBlockView({ type: DECISION_NODE, className: 'fw-decision', label: (t) => t.meetings.minutes.decision, node });
  },

  addCommands() {
    return {
      toggleDecision:
        () =>
        ({ commands }) =>
          commands.toggleNode(this.name, 'paragraph'),
    };
  },
});

const decisionGlyph = svg`<svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"><path d="M4 10.5l4 4 8-9"/></svg>`;

/** The toolbar button that turns the current block into a decision (and back). */
export function decisionTool(t: Catalogue): Tool {
  return {
    id: 'decision',
    label: t.meetings.minutes.decision,
    glyph: decisionGlyph,
    run: (e: Editor) => e.chain().focus().toggleDecision().run(),
    active: (e: Editor) => e.isActive(DECISION_NODE),
    enabled: (e: Editor) => e.can().toggleDecision(),
    group: true,
  };
}
