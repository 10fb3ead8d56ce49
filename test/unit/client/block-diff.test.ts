import { describe, expect, it } from 'vitest';
import { editorSchema } from '../../../client/editor/extensions';
import { blocksOf, diffBlocks, type Block } from '../../../client/proposals/block-diff';

const p = (text: string): Block => ({ kind: 'paragraph', text });
const ops = (changes: ReturnType<typeof diffBlocks>) => changes.map((c) => `${c.op[0]}:${c.block.text}`);

describe('diffBlocks', () => {
  const cases: { name: string; before: string[]; after: string[]; expected: string[] }[] = [
    { name: 'nothing changed', before: ['가', '나'], after: ['가', '나'], expected: ['s:가', 's:나'] },
    { name: 'a paragraph added in the middle', before: ['가', '다'], after: ['가', '나', '다'], expected: ['s:가', 'a:나', 's:다'] },
    { name: 'a paragraph removed', before: ['가', '나', '다'], after: ['가', '다'], expected: ['s:가', 'r:나', 's:다'] },
    { name: 'an edited paragraph: old removed, new added', before: ['가', '나'], after: ['가', '나!'], expected: ['s:가', 'r:나', 'a:나!'] },
    { name: 'from empty', before: [], after: ['가'], expected: ['a:가'] },
    { name: 'to empty', before: ['가'], after: [], expected: ['r:가'] },
  ];
  for (const c of cases) {
    it(c.name, () => expect(ops(diffBlocks(c.before.map(p), c.after.map(p)))).toEqual(c.expected));
  }

  it('tells a heading from a paragraph with the same text', () => {
    const changes = diffBlocks([p('제목')], [{ kind: 'heading', level: 2, text: '제목' }]);
    expect(changes.map((c) => c.op)).toEqual(['removed', 'added']);
  });
});

describe('blocksOf', () => {
  it('lists headings, paragraphs, list items and table cells in order', () => {
    const doc = editorSchema().nodeFromJSON({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: '국가 산업인재은행' }] },
        { type: 'paragraph', content: [{ type: 'text', text: '은퇴 전문가 ' }, { type: 'text', text: '재고용', marks: [{ type: 'bold' }] }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: '멘토링' }] }] }] },
        {
          type: 'table',
          content: [{ type: 'tableRow', content: [{ type: 'tableCell', content: [{ type: 'paragraph', content: [{ type: 'text', text: '셀' }] }] }] }],
        },
      ],
    });
    expect(blocksOf(doc)).toEqual([
      { kind: 'heading', level: 1, text: '국가 산업인재은행' },
      { kind: 'paragraph', text: '은퇴 전문가 재고용' },
      { kind: 'listItem', text: '멘토링' },
      { kind: 'cell', text: '셀' },
    ]);
  });
});
