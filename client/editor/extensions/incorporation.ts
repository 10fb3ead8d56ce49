import { Extension, Node, getSchema, mergeAttributes } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import { contentExtensions } from '../extensions';
import { CHAPTER_ATTRIBUTE, incorporationAnchor, INCORPORATION_NODE } from '../../../shared/strategy';

const text = (el: HTMLElement, name: string) => el.getAttribute(`data-${name.toLowerCase()}`) || null;

/**
 * A proposal incorporated into the strategy: a framed group of blocks whose first
 * paragraph names its source (linking back to the proposal and its meeting) and whose
 * other blocks are the proposal's text as adopted. The server inserts it
 * (server/strategy/document.ts); ministry staff may edit inside it like any text.
 */
export const Incorporation = Node.create({
  name: INCORPORATION_NODE,
  group: 'block',
  content: 'block+',
  defining: true,
  isolating: true,

  addAttributes() {
    const attribute = (name: string) => ({
      default: null,
      parseHTML: (el: HTMLElement) => text(el, name),
      renderHTML: (attrs: Record<string, unknown>) => (attrs[name] ? { [`data-${name.toLowerCase()}`]: String(attrs[name]) } : {}),
    });
    return { proposalId: attribute('proposalId'), pollId: attribute('pollId'), meetingId: attribute('meetingId') };
  },

  parseHTML() {
    return [{ tag: `section[data-type="${INCORPORATION_NODE}"]` }];
  },

  renderHTML({ node, HTMLAttributes }) {
    const id = typeof node.attrs.proposalId === 'string' ? incorporationAnchor(node.attrs.proposalId) : undefined;
    return ['section', mergeAttributes(HTMLAttributes, { 'data-type': INCORPORATION_NODE, class: 'fw-incorporation', ...(id ? { id } : {}) }), 0];
  },
});

/** A chapter heading remembers its subcommittee (`chapter`), so incorporation finds it whatever its text says. */
export const ChapterHeadings = Extension.create({
  name: 'chapterHeadings',
  addGlobalAttributes() {
    return [
      {
        types: ['heading'],
        attributes: {
          [CHAPTER_ATTRIBUTE]: {
            default: null,
            parseHTML: (el: HTMLElement) => el.getAttribute('data-chapter') || null,
            renderHTML: (attrs: Record<string, unknown>) => (attrs[CHAPTER_ATTRIBUTE] ? { 'data-chapter': String(attrs[CHAPTER_ATTRIBUTE]) } : {}),
          },
        },
      },
    ];
  },
});

export const strategyExtensions = () => [Incorporation, ChapterHeadings];

let schema: Schema | null = null;

/** The strategy's schema (the content, its incorporation blocks and chapter headings), for its versions. */
export function strategySchema(): Schema {
  schema ??= getSchema([...contentExtensions(), ...strategyExtensions()]);
  return schema;
}
