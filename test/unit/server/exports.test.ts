import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { contentDisposition, exportFileName } from '../../../server/http/download';
import { renderMarkdown } from '../../../server/exports/markdown';
import { insertIncorporation, strategyTemplate } from '../../../server/strategy/document';
import { blocksFromFragment } from '../../../server/exports/from-yjs';

describe('export file names', () => {
  it('keep the Korean title and the date, drop what file systems refuse, and give an ASCII fallback', () => {
    const name = exportFileName('제1차 회의: "위원장" / 회의록', '2026-11-20', 'pdf');
    expect(name).toBe('제1차 회의 위원장 회의록_2026-11-20.pdf');
    const header = contentDisposition(name);
    expect(header).toBe(`attachment; filename="1 _2026-11-20.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`);
    expect(contentDisposition('회의록_2026-11-20.md')).toMatch(/^attachment; filename="_2026-11-20.md"|filename="forum\.md"/);
  });
});

describe('markdown', () => {
  it('escapes what Markdown would read as syntax', () => {
    const md = renderMarkdown({
      title: 't',
      date: '2026-01-01',
      draftNotice: null,
      facts: [],
      blocks: [{ type: 'paragraph', inlines: [{ text: '*별표* # [링크] |파이프|' }] }],
      seal: null,
      footer: 'f',
    });
    expect(md).toContain('\\*별표\\* \\# \\[링크\\] \\|파이프\\|');
  });
});

describe('incorporation into the strategy', () => {
  const chapters = [
    { id: 'investment' as const, nameKo: '투자 분과' },
    { id: 'workforce' as const, nameKo: '인력 분과' },
  ];
  const adopted = () => {
    const doc = new Y.Doc();
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('채택된 본문')]);
    doc.getXmlFragment('default').insert(0, [p]);
    return doc.getXmlFragment('default');
  };

  it('goes at the end of its chapter, once, and brings back a chapter heading someone deleted', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, strategyTemplate(chapters));
    const o = { proposalId: 'p1', pollId: null, meetingId: null, chapter: chapters[0]!, position: 0, source: [{ text: '출처: 제안 ' }, { text: '«가»', href: '/proposals/p1' }], adopted: adopted() };
    expect(insertIncorporation(doc, o)).toBe(true);
    expect(insertIncorporation(doc, o)).toBe(false);
    const blocks = blocksFromFragment(doc.getXmlFragment('default'));
    const box = blocks.findIndex((b) => b.type === 'box');
    const workforce = blocks.findIndex((b) => b.type === 'heading' && b.inlines[0]?.text === '2. 인력 분과');
    expect(box).toBe(workforce - 1);

    const fragment = doc.getXmlFragment('default');
    fragment.delete(workforce, 1); // someone deleted the chapter heading
    expect(insertIncorporation(doc, { ...o, proposalId: 'p2', chapter: chapters[1]!, position: 1 })).toBe(true);
    const after = blocksFromFragment(fragment);
    expect(after.at(-2)).toMatchObject({ type: 'heading', inlines: [{ text: '2. 인력 분과' }] });
    expect(after.at(-1)).toMatchObject({ type: 'box', caption: [{ text: '출처: 제안 ' }, { text: '«가»', link: '/proposals/p1' }] });
  });
});
