import { formatSeoulDateTime as formatSeoulDateTimeIn } from '../dates';
/**
 * The minutes of a meeting as a Yjs document that the Tiptap editor edits: its
 * template, the structured blocks (decisions and action items) read back out of
 * it, and the normalized plain text whose hash seals approved minutes. Pure, so
 * the client can extract decisions from the live document the same way.
 */
import * as Y from 'yjs';
import type { Decision } from '../schemas/meetings';

/** The XmlFragment that Tiptap's Collaboration extension binds (its default `field`). */
export const MINUTES_FIELD = 'default';
export const MINUTES_PREFIX = 'minutes';
export const minutesDocName = (meetingId: string): string => `${MINUTES_PREFIX}:${meetingId}`;

/** Node names the client editor defines for the structured blocks, with exactly these attributes. */
export const DECISION_NODE = 'decision';
export const ACTION_ITEM_NODE = 'actionItem';
/**
 * An action item's attributes: `id` (stable, given by the editor when the block is made),
 * `owner` (the name shown), `ownerId` (the owner's account, when a user), `due` (YYYY-MM-DD).
 */
export const ACTION_ITEM_ATTRS = ['id', 'owner', 'ownerId', 'due'] as const;

export type Block =
  | { type: 'heading'; level: 1 | 2; text: string }
  | { type: 'paragraph'; text: string }
  /** A `decision` node: listed on the meeting page and the home page. */
  | { type: 'decision'; text: string };

export interface TemplateMeeting {
  title: string;
  startsAt: string;
  place: string | null;
  onlineLink: string | null;
  agenda: { title: string; plannedMinutes: number; presenter: { name: string } | null }[];
}

/** "2026년 11월 20일 (금) 14:00" in Korean time, whatever the machine's zone: the record's Korean (shared/dates.ts). */
export const formatSeoulDateTime = (iso: string): string => formatSeoulDateTimeIn(iso, 'ko');

/** The heading of an agenda item in the minutes. */
export const agendaHeading = (index: number, title: string) => `${index + 1}. ${title}`;

/** The header (title, date, place) and one heading per agenda item, each followed by an empty paragraph for notes. */
export function minutesTemplate(m: TemplateMeeting): Block[] {
  const blocks: Block[] = [
    { type: 'heading', level: 1, text: `${m.title} 회의록` },
    { type: 'paragraph', text: `일시: ${formatSeoulDateTime(m.startsAt)}` },
  ];
  if (m.place) blocks.push({ type: 'paragraph', text: `장소: ${m.place}` });
  if (m.onlineLink) blocks.push({ type: 'paragraph', text: `온라인 참여: ${m.onlineLink}` });
  m.agenda.forEach((item, i) => {
    blocks.push({ type: 'heading', level: 2, text: agendaHeading(i, item.title) });
    const who = item.presenter ? `발표: ${item.presenter.name} · ` : '';
    blocks.push({ type: 'paragraph', text: `${who}예정 ${item.plannedMinutes}분` });
    blocks.push({ type: 'paragraph', text: '' });
  });
  return blocks;
}

function blockElement(block: Block): Y.XmlElement<{ level?: number }> {
  const el = new Y.XmlElement<{ level?: number }>(block.type);
  if (block.type === 'heading') el.setAttribute('level', block.level);
  if (block.text) el.insert(0, [new Y.XmlText(block.text)]);
  return el;
}

/** The blocks as new Tiptap-compatible nodes (heading {level}, paragraph, decision, text), to insert anywhere. */
export function blockElements(blocks: Block[]): Y.XmlElement[] {
  // Tiptap's heading keeps its level as a number, so the elements are typed with it.
  return blocks.map(blockElement) as unknown as Y.XmlElement[];
}

/** Appends the blocks as Tiptap-compatible nodes. */
export function writeBlocks(fragment: Y.XmlFragment, blocks: Block[]): void {
  fragment.insert(fragment.length, blockElements(blocks));
}

/** A whole minutes document with the template, as one Yjs update. */
export function templateUpdate(m: TemplateMeeting): Uint8Array {
  const doc = new Y.Doc();
  writeBlocks(doc.getXmlFragment(MINUTES_FIELD), minutesTemplate(m));
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

type Node = Y.XmlElement | Y.XmlText | Y.XmlHook;

const inlineText = (t: Y.XmlText): string =>
  (t.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');

const attr = (el: Y.XmlElement, name: string): string | null => {
  const v = el.getAttribute(name) as unknown;
  return v === undefined || v === null || v === '' ? null : String(v);
};

/**
 * The lines of a node: an element with text children is one text block (a hard
 * break starts a new line); an element holding only elements is a container
 * whose children give their own lines.
 */
function lines(node: Node): string[] {
  if (node instanceof Y.XmlText) return [inlineText(node)];
  if (!(node instanceof Y.XmlElement)) return [];
  const children = node.toArray() as Node[];
  const textBlock = children.length === 0 || children.some((c) => c instanceof Y.XmlText);
  if (!textBlock) return children.flatMap(lines);
  let text = '';
  for (const c of children) {
    if (c instanceof Y.XmlText) text += inlineText(c);
    else if (c instanceof Y.XmlElement) text += c.nodeName === 'hardBreak' ? '\n' : lines(c).join(' ');
  }
  return [text];
}

/** The text of a block element, its lines joined. */
export const blockText = (el: Y.XmlElement) => lines(el).join('\n').trim();

/**
 * Decisions and action items in document order, each with the heading above it
 * (normally its agenda item).
 */
export function extractDecisions(fragment: Y.XmlFragment): Decision[] {
  const out: Decision[] = [];
  let section: string | null = null;
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      if (!(node instanceof Y.XmlElement)) continue;
      switch (node.nodeName) {
        case 'heading':
          section = blockText(node) || section;
          break;
        case DECISION_NODE:
          out.push({ kind: 'decision', text: blockText(node), id: null, owner: null, ownerId: null, due: null, section, position: out.length });
          break;
        case ACTION_ITEM_NODE:
          out.push({
            kind: 'actionItem',
            text: blockText(node),
            id: attr(node, 'id'),
            owner: attr(node, 'owner'),
            ownerId: attr(node, 'ownerId'),
            due: attr(node, 'due'),
            section,
            position: out.length,
          });
          break;
        default:
          walk(node.toArray() as Node[]);
      }
    }
  };
  walk(fragment.toArray() as Node[]);
  return out;
}

/** NFC, no trailing spaces, no runs of blank lines, no blank lines at either end. */
export function normalizeMinutesText(text: string): string {
  const out: string[] = [];
  for (const raw of text.normalize('NFC').replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(/\s+$/u, '');
    if (line === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(line);
  }
  while (out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

/**
 * The plain text of the minutes, normalized: what an approval hash covers. An
 * action item's owner and due date are part of it, so changing them changes the hash.
 */
export function minutesText(fragment: Y.XmlFragment): string {
  const text = (node: Node): string[] => {
    if (!(node instanceof Y.XmlElement)) return lines(node);
    if (node.nodeName === ACTION_ITEM_NODE) {
      const meta = [attr(node, 'owner') && `담당: ${attr(node, 'owner')}`, attr(node, 'due') && `기한: ${attr(node, 'due')}`];
      const suffix = meta.filter(Boolean).join(', ');
      return [suffix ? `${blockText(node)} (${suffix})` : blockText(node)];
    }
    const children = node.toArray() as Node[];
    return children.some((c) => c instanceof Y.XmlElement && c.nodeName === ACTION_ITEM_NODE) ? children.flatMap(text) : lines(node);
  };
  return normalizeMinutesText((fragment.toArray() as Node[]).flatMap(text).join('\n'));
}

/** Reads a stored state update into a fresh doc's minutes fragment. */
export function minutesFragment(state: Uint8Array): { doc: Y.Doc; fragment: Y.XmlFragment } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return { doc, fragment: doc.getXmlFragment(MINUTES_FIELD) };
}

/** The heading under which a poll on `agendaItemId` belongs: its agenda item's heading, or null. */
export function agendaSection(agenda: readonly { id: string; title: string }[], agendaItemId: string | null): string | null {
  const index = agendaItemId ? agenda.findIndex((i) => i.id === agendaItemId) : -1;
  return index < 0 ? null : agendaHeading(index, agenda[index]!.title);
}

/** The index just before the heading that follows `heading` (the end of its section), or the end. */
export function sectionEnd(fragment: Y.XmlFragment, heading: string | null): number {
  const nodes = fragment.toArray();
  const textOf = (n: unknown) => (n instanceof Y.XmlElement && n.nodeName === 'heading' ? blockText(n) : null);
  const start = heading === null ? -1 : nodes.findIndex((n) => textOf(n) === heading);
  if (start < 0) return nodes.length;
  const next = nodes.findIndex((n, i) => i > start && textOf(n) !== null);
  return next < 0 ? nodes.length : next;
}

/** The action item block whose `id` attribute is `id`, wherever it sits in the minutes; the first if pasted twice. */
export function findActionItem(fragment: Y.XmlFragment, id: string): Y.XmlElement | null {
  const walk = (nodes: Node[]): Y.XmlElement | null => {
    for (const node of nodes) {
      if (!(node instanceof Y.XmlElement)) continue;
      if (node.nodeName === ACTION_ITEM_NODE) {
        if (attr(node, 'id') === id) return node;
        continue;
      }
      const inner = walk(node.toArray() as Node[]);
      if (inner) return inner;
    }
    return null;
  };
  return walk(fragment.toArray() as Node[]);
}
