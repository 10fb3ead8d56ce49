import type { Node as ProseNode } from '@tiptap/pm/model';

/** One block of text: a paragraph, heading, list item or table cell, as plain text. */
export interface Block {
  kind: 'paragraph' | 'heading' | 'listItem' | 'cell' | 'code' | 'quote';
  /** Heading level, for headings. */
  level?: number;
  text: string;
}

export type BlockChange = { op: 'same' | 'added' | 'removed'; block: Block };

/** The text blocks of a document, in order. */
export function blocksOf(doc: ProseNode): Block[] {
  const blocks: Block[] = [];
  doc.descendants((node, _pos, parent) => {
    if (!node.isTextblock) return true;
    const parentName = parent?.type.name ?? '';
    const kind: Block['kind'] =
      node.type.name === 'heading' ? 'heading'
      : node.type.name === 'codeBlock' ? 'code'
      : parentName === 'listItem' ? 'listItem'
      : parentName === 'tableCell' || parentName === 'tableHeader' ? 'cell'
      : parentName === 'blockquote' ? 'quote'
      : 'paragraph';
    const block: Block = { kind, text: node.textContent };
    if (kind === 'heading') block.level = Number(node.attrs.level) || 1;
    blocks.push(block);
    return false;
  });
  return blocks;
}

const keyOf = (b: Block) => `${b.kind}${b.level ?? ''}\u0000${b.text}`;

/**
 * What changed from `before` to `after`, block by block (longest common subsequence):
 * blocks only in `before` are removed, only in `after` added. An edited paragraph shows
 * as its old text removed and its new text added, next to each other.
 */
export function diffBlocks(before: Block[], after: Block[]): BlockChange[] {
  const a = before.map(keyOf);
  const b = after.map(keyOf);
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..]
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const changes: BlockChange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      changes.push({ op: 'same', block: after[j]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      changes.push({ op: 'removed', block: before[i++]! });
    } else {
      changes.push({ op: 'added', block: after[j++]! });
    }
  }
  while (i < a.length) changes.push({ op: 'removed', block: before[i++]! });
  while (j < b.length) changes.push({ op: 'added', block: after[j++]! });
  return changes;
}
