import { Node, mergeAttributes, type Editor } from '@tiptap/core';
import { svg } from 'lit';
import { ACTION_ITEM_NODE } from '../../../shared/meetings/minutes';
import type { Catalogue } from '../../i18n/catalogue';
import type { Tool } from '../editor-toolbar';
import { Decision, labelledBlockView } from './decision';

/** What the owner and due date of an action item may be: free text, a day as YYYY-MM-DD. */
export interface ActionItemAttributes {
  owner: string | null;
  due: string | null;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    actionItem: {
      /** Turns the current block into an action item (with an owner and a due date), or back into a paragraph. */
      toggleActionItem: (attributes?: Partial<ActionItemAttributes>) => ReturnType;
      /** Sets the owner and due date of the action item at the selection. */
      setActionItemDetails: (attributes: Partial<ActionItemAttributes>) => ReturnType;
    };
  }
}

const blankToNull = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);

/**
 * "후속 조치 (담당, 기한)": a task the meeting gave someone. The node's name and its
 * attributes `owner` and `due` are what the server reads out of the minutes.
 */
export const ActionItem = Node.create({
  name: ACTION_ITEM_NODE,
  group: 'block',
  content: 'inline*',
  defining: true,

  addAttributes() {
    return {
      owner: {
        default: null,
        parseHTML: (el) => blankToNull(el.getAttribute('data-owner')),
        renderHTML: (attrs) => (attrs.owner ? { 'data-owner': String(attrs.owner) } : {}),
      },
      due: {
        default: null,
        parseHTML: (el) => blankToNull(el.getAttribute('data-due')),
        renderHTML: (attrs) => (attrs.due ? { 'data-due': String(attrs.due) } : {}),
      },
    };
  },

  parseHTML() {
    return [
      { tag: `div[data-type="${ACTION_ITEM_NODE}"]`, contentElement: '.fw-block__text' },
      { tag: `div[data-type="${ACTION_ITEM_NODE}"]` },
    ];
  },

  renderHTML({ HTMLAttributes }) {
    return ['div', mergeAttributes(HTMLAttributes, { 'data-type': ACTION_ITEM_NODE, class: 'fw-block fw-action-item' }), 0];
  },

  addNodeView() {
    return ({ node }) =>
      labelledBlockView({
        type: ACTION_ITEM_NODE,
        className: 'fw-action-item',
        label: (t) => t.meetings.minutes.actionItem,
        meta: (t, n) => {
          const owner = blankToNull(n.attrs.owner);
          const due = blankToNull(n.attrs.due);
          return [owner ? t.meetings.decisions.owner(owner) : t.meetings.decisions.noOwner, due ? t.meetings.decisions.due(due) : '']
            .filter(Boolean)
            .join(' · ');
        },
        node,
      });
  },

  addCommands() {
    return {
      toggleActionItem:
        (attributes = {}) =>
        ({ commands }) =>
          commands.toggleNode(this.name, 'paragraph', attributes),
      setActionItemDetails:
        (attributes) =>
        ({ commands }) =>
          commands.updateAttributes(this.name, {
            ...('owner' in attributes ? { owner: blankToNull(attributes.owner) } : {}),
            ...('due' in attributes ? { due: blankToNull(attributes.due) } : {}),
          }),
    };
  },
});

/** The owner and due date of the action item at the selection, or null when the selection is elsewhere. */
export function actionItemAt(editor: Editor): ActionItemAttributes | null {
  if (!editor.isActive(ACTION_ITEM_NODE)) return null;
  const attrs = editor.getAttributes(ACTION_ITEM_NODE);
  return { owner: blankToNull(attrs.owner), due: blankToNull(attrs.due) };
}

const actionGlyph = svg`<svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"><rect x="3" y="3.5" width="14" height="13" rx="2"/><path d="M6.5 8h7M6.5 12h4"/><path d="M14 14.5l3 3"/></svg>`;

/** The toolbar button that turns the current block into an action item (and back). */
export function actionItemTool(t: Catalogue): Tool {
  return {
    id: 'action-item',
    label: t.meetings.minutes.actionItem,
    glyph: actionGlyph,
    run: (e: Editor) => e.chain().focus().toggleActionItem().run(),
    active: (e: Editor) => e.isActive(ACTION_ITEM_NODE),
    enabled: (e: Editor) => e.can().toggleActionItem(),
  };
}

/** The structured blocks of meeting minutes: decisions and action items. */
export const minutesExtensions = () => [Decision, ActionItem];
