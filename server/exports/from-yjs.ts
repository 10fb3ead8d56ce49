import * as Y from 'yjs';
import { ACTION_ITEM_NODE, DECISION_NODE } from '../../shared/meetings/minutes';
import type { Block, Inline, TableRow } from './model';

/** The node of a strategy chapter's incorporated proposal (client/editor/extensions/incorporation.ts). */
export const INCORPORATION_NODE = 'incorporation';

type Node = Y.XmlElement | Y.XmlText | Y.XmlHook;

interface DeltaOp {
  insert: unknown;
  attributes?: Record<string, unknown>;
}

const attr = (el: Y.XmlElement, name: string): string | null => {
  const v = el.getAttribute(name) as unknown;
  return v === undefined || v === null || v === '' ? null : String(v);
};

/** The runs of a text node, with the marks Tiptap stores as delta attributes. */
function runs(text: Y.XmlText): Inline[] {
  return (text.toDelta() as DeltaOp[]).flatMap((op) => {
    if (typeof op.insert !== 'string' || op.insert === '') return [];
    const a = op.attributes ?? {};
    const link = a.link as { href?: unknown } | undefined;
    const run: Inline = { text: op.insert };
    if (a.bold) run.bold = true;
    if (a.italic) run.italic = true;
    if (a.code) run.code = true;
    if (link && typeof link.href === 'string') run.link = link.href;
    return [run];
  });
}

/** The inline content of a text block; a hard break is a newline. */
function inlines(el: Y.XmlElement): Inline[] {
  return (el.toArray() as Node[]).flatMap((child): Inline[] => {
    if (child instanceof Y.XmlText) return runs(child);
    if (child instanceof Y.XmlElement && child.nodeName === 'hardBreak') return [{ text: '\n' }];
    if (child instanceof Y.XmlElement) return inlines(child);
    return [];
  });
}

/** A cell's paragraphs as one run list, joined by line breaks. */
function cellInlines(cell: Y.XmlElement): Inline[] {
  const out: Inline[] = [];
  (cell.toArray() as Node[]).forEach((child, i) => {
    if (!(child instanceof Y.XmlElement)) return;
    if (i > 0) out.push({ text: '\n' });
    out.push(...(isTextBlock(child) ? inlines(child) : blocksOf(child.toArray() as Node[]).flatMap(blockInlines)));
  });
  return out;
}

const blockInlines = (b: Block): Inline[] => ('inlines' in b ? b.inlines : []);

const isTextBlock = (el: Y.XmlElement) => (el.toArray() as Node[]).every((c) => c instanceof Y.XmlText || (c instanceof Y.XmlElement && c.nodeName === 'hardBreak'));

function table(el: Y.XmlElement): Block {
  const rows: TableRow[] = (el.toArray() as Node[]).flatMap((row) => {
    if (!(row instanceof Y.XmlElement)) return [];
    const cells = (row.toArray() as Node[]).filter((c): c is Y.XmlElement => c instanceof Y.XmlElement);
    return [{ header: cells.length > 0 && cells.every((c) => c.nodeName === 'tableHeader'), cells: cells.map(cellInlines) }];
  });
  return { type: 'table', rows };
}

function block(el: Y.XmlElement): Block[] {
  switch (el.nodeName) {
    case 'heading': {
      const level = Math.min(3, Math.max(1, Number(el.getAttribute('level')) || 1)) as 1 | 2 | 3;
      return [{ type: 'heading', level, inlines: inlines(el) }];
    }
    case 'paragraph':
      return [{ type: 'paragraph', inlines: inlines(el) }];
    case 'codeBlock':
      return [{ type: 'paragraph', inlines: inlines(el).map((i) => ({ ...i, code: true })) }];
    case 'bulletList':
    case 'orderedList': {
      const items = (el.toArray() as Node[]).flatMap((item) => (item instanceof Y.XmlElement ? [blocksOf(item.toArray() as Node[])] : []));
      return [{ type: 'list', ordered: el.nodeName === 'orderedList', items }];
    }
    case 'blockquote':
      return [{ type: 'quote', blocks: blocksOf(el.toArray() as Node[]) }];
    case 'table':
      return [table(el)];
    case 'horizontalRule':
      return [{ type: 'rule' }];
    case DECISION_NODE:
      return [{ type: 'decision', inlines: inlines(el) }];
    case ACTION_ITEM_NODE:
      return [{ type: 'action', inlines: inlines(el), owner: attr(el, 'owner'), due: attr(el, 'due'), id: attr(el, 'id') }];
    case INCORPORATION_NODE: {
      const [first, ...rest] = blocksOf(el.toArray() as Node[]);
      // The first paragraph names the source; it becomes the caption of the frame.
      return first && first.type === 'paragraph' ? [{ type: 'box', caption: first.inlines, blocks: rest }] : [{ type: 'box', caption: [], blocks: first ? [first, ...rest] : [] }];
    }
    default:
      // An unknown container keeps its children; an unknown text block is a paragraph.
      return isTextBlock(el) ? [{ type: 'paragraph', inlines: inlines(el) }] : blocksOf(el.toArray() as Node[]);
  }
}

function blocksOf(nodes: Node[]): Block[] {
  return nodes.flatMap((n) => {
    if (n instanceof Y.XmlElement) return block(n);
    if (n instanceof Y.XmlText) return [{ type: 'paragraph' as const, inlines: runs(n) }];
    return [];
  });
}

/** The blocks of a Tiptap document held in a Yjs XmlFragment. */
export function blocksFromFragment(fragment: Y.XmlFragment): Block[] {
  return blocksOf(fragment.toArray() as Node[]);
}

/** The blocks of the text field of a stored state update. */
export function blocksFromState(state: Uint8Array, field = 'default'): Block[] {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return blocksFromFragment(doc.getXmlFragment(field));
  } finally {
    doc.destroy();
  }
}
