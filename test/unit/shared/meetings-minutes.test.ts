import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  ACTION_ITEM_NODE,
  DECISION_NODE,
  extractDecisions,
  formatSeoulDateTime,
  MINUTES_FIELD,
  minutesFragment,
  minutesTemplate,
  minutesText,
  normalizeMinutesText,
  templateUpdate,
} from '../../../shared/meetings/minutes';

const meeting = {
  title: '제1차 산업대전환 포럼 위원장 회의',
  startsAt: '2026-11-20T05:00:00.000Z',
  place: '대한상공회의소',
  onlineLink: null,
  agenda: [
    { title: '투자 분과 제안 보고', plannedMinutes: 15, presenter: { name: '박성호' } },
    { title: '기타 안건', plannedMinutes: 10, presenter: null },
  ],
};

function element(name: string, text: string, attrs: Record<string, string> = {}) {
  const el = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (text) el.insert(0, [new Y.XmlText(text)]);
  return el;
}

describe('minutes template', () => {
  it('has the header and one heading per agenda item, in Korean time', () => {
    expect(formatSeoulDateTime('2026-11-20T05:00:00.000Z')).toBe('2026년 11월 20일 (금) 14:00');
    expect(minutesTemplate(meeting)).toEqual([
      { type: 'heading', level: 1, text: '제1차 산업대전환 포럼 위원장 회의 회의록' },
      { type: 'paragraph', text: '일시: 2026년 11월 20일 (금) 14:00' },
      { type: 'paragraph', text: '장소: 대한상공회의소' },
      { type: 'heading', level: 2, text: '1. 투자 분과 제안 보고' },
      { type: 'paragraph', text: '발표: 박성호 · 예정 15분' },
      { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: '2. 기타 안건' },
      { type: 'paragraph', text: '예정 10분' },
      { type: 'paragraph', text: '' },
    ]);
  });

  it('writes Tiptap nodes: heading with a numeric level, paragraph, text', () => {
    const { doc, fragment } = minutesFragment(templateUpdate(meeting));
    const [h1, p] = fragment.toArray() as Y.XmlElement[];
    expect(h1!.nodeName).toBe('heading');
    expect(h1!.getAttribute('level')).toBe(1);
    expect(p!.nodeName).toBe('paragraph');
    expect(fragment.toString()).toContain('<heading level="2">2. 기타 안건</heading>');
    doc.destroy();
  });
});

describe('decisions and action items', () => {
  it('are read in order with the heading above them, also from inside containers', () => {
    const { doc, fragment } = minutesFragment(templateUpdate(meeting));
    const list = new Y.XmlElement('bulletList');
    const item = new Y.XmlElement('listItem');
    item.insert(0, [element(DECISION_NODE, '기타 결정')]);
    list.insert(0, [item]);
    fragment.insert(5, [element(DECISION_NODE, 'K-테마섹 채택'), element(ACTION_ITEM_NODE, '설계안 제출', { owner: '투자 분과', due: '2027-01-15' })]);
    fragment.push([list]);
    expect(extractDecisions(fragment)).toEqual([
      { kind: 'decision', text: 'K-테마섹 채택', id: null, owner: null, ownerId: null, due: null, section: '1. 투자 분과 제안 보고', position: 0 },
      { kind: 'actionItem', text: '설계안 제출', id: null, owner: '투자 분과', ownerId: null, due: '2027-01-15', section: '1. 투자 분과 제안 보고', position: 1 },
      { kind: 'decision', text: '기타 결정', id: null, owner: null, ownerId: null, due: null, section: '2. 기타 안건', position: 2 },
    ]);
    doc.destroy();
  });

  it('take their text from paragraphs inside the block too', () => {
    const doc = new Y.Doc();
    const block = new Y.XmlElement(DECISION_NODE);
    block.insert(0, [element('paragraph', '첫 줄'), element('paragraph', '둘째 줄')]);
    doc.getXmlFragment(MINUTES_FIELD).push([block]);
    expect(extractDecisions(doc.getXmlFragment(MINUTES_FIELD))[0]).toMatchObject({ text: '첫 줄\n둘째 줄', section: null });
  });
});

describe('minutes text (what the approval hash covers)', () => {
  it('is one line per block, formatting dropped, hard breaks kept, action item owner and due included', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment(MINUTES_FIELD);
    const p = new Y.XmlElement('paragraph');
    const bold = new Y.XmlText();
    p.insert(0, [bold, new Y.XmlElement('hardBreak'), new Y.XmlText('다음 줄')]);
    fragment.push([element('heading', '제목'), p, element('paragraph', ''), element('paragraph', ''), element(ACTION_ITEM_NODE, '조치', { owner: '김은영' })]);
    bold.insert(0, '굵게', { bold: true });
    bold.insert(2, ' 보통');
    expect(minutesText(fragment)).toBe('제목\n굵게 보통\n다음 줄\n\n조치 (담당: 김은영)');
  });

  it('normalizes: NFC, trailing spaces, runs of blank lines, blank ends', () => {
    const decomposed = '\u1112\u1161\u11ab'; // 한 in jamo
    expect(normalizeMinutesText(`\n\n${decomposed}  \r\n\n\n\n끝\t\n\n`)).toBe('한\n\n끝');
  });
});
