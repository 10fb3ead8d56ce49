import { Node, mergeAttributes, type Editor } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { svg } from 'lit';
import { ACTION_ITEM_NODE } from '../../../shared/meetings/minutes';
import type { Catalogue } from '../../i18n/catalogue';
import type { Tool } from '../editor-toolbar';
import { Decision, labelledBlockView } from './decision';

/** An action item's stable id, its owner (the name shown; `ownerId` when a user), its due day as YYYY-MM-DD. */
export interface ActionItemAttributes {
  id: string | null;
  owner: string | null;
  ownerId: string | null;
  due: string | null;
}

/** A fresh id for an action item block (the server addresses the item by it). */
export function newActionItemId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_');
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
      id: {
        default: null,
        parseHTML: (el) => blankToNull(el.getAttribute('data-id')),
        renderHTML: (attrs) => (attrs.id ? { 'data-id': String(attrs.id) } : {}),
      },
      ownerId: {
        default: null,
        parseHTML: (el) => blankToNull(el.getAttribute('data-owner-id')),
        renderHTML: (attrs) => (attrs.ownerId ? { 'data-owner-id': String(attrs.ownerId) } : {}),
      },
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

  addProseMirrorPlugins() {
    // Only a writer's editor: a reader's change would be refused by the server anyway.
    return [uniqueIds(this.name, () => this.editor.isEditable)];
  },

  addCommands() {
    return {
      toggleActionItem:
        (attributes = {}) =>
        ({ commands }) =>
          commands.toggleNode(this.name, 'paragraph', { id: newActionItemId(), ...attributes }),
      setActionItemDetails:
        (attributes) =>
        ({ commands }) =>
          commands.updateAttributes(this.name, {
            ...('id' in attributes ? { id: blankToNull(attributes.id) } : {}),
            ...('ownerId' in attributes ? { ownerId: blankToNull(attributes.ownerId) } : {}),
            ...('owner' in attributes ? { owner: blankToNull(attributes.owner) } : {}),
            ...('due' in attributes ? { due: blankToNull(attributes.due) } : {}),
          }),
    };
  },
});

/**
 * Every action item keeps an id of its own: one written before ids, or pasted (a copy of
 * another's id), gets a new one, so that marking one done never marks its copy.
 */
function uniqueIds(name: string, writable: () => boolean): Plugin {
  return new Plugin({
    key: new PluginKey('actionItemIds'),
    appendTransaction(transactions, _old, next) {
      if (!writable() || !transactions.some((tr) => tr.docChanged)) return null;
      const seen = new Set<string>();
      const tr = next.tr;
      next.doc.descendants((node, pos) => {
        if (node.type.name !== name) return true;
        const id = blankToNull(node.attrs.id);
        if (id && !seen.has(id)) seen.add(id);
        else tr.setNodeMarkup(pos, undefined, { ...node.attrs, id: newActionItemId() });
        return false;
      });
      return tr.steps.length > 0 ? tr : null;
    },
  });
}

/** The owner and due date of the action item at the selection, or null when the selection is elsewhere. */
export function actionItemAt(editor: Editor): ActionItemAttributes | null {
  if (!editor.isActive(ACTION_ITEM_NODE)) return null;
  const attrs = editor.getAttributes(ACTION_ITEM_NODE);
  return { id: blankToNull(attrs.id), owner: blankToNull(attrs.owner), ownerId: blankToNull(attrs.ownerId), due: blankToNull(attrs.due) };
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
