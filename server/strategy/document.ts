import * as Y from 'yjs';
import { CHAPTER_ATTRIBUTE, INCORPORATION_NODE, STRATEGY_FIELD } from '../../shared/strategy';
import type { SubcommitteeId } from '../../shared/domain';

/** The map in the strategy document that remembers which proposals it holds (a second incorporation is a no-op). */
export const INCORPORATED_MAP = 'incorporated';

export interface Chapter {
  id: SubcommitteeId;
  /** "투자 분과" */
  nameKo: string;
}

type Heading = Y.XmlElement<{ level?: number; chapter?: string }>;

function heading(level: number, text: string, chapter?: string): Y.XmlElement {
  const el = new Y.XmlElement('heading') as Heading;
  // Tiptap keeps a heading's level as a number.
  el.setAttribute('level', level);
  if (chapter) el.setAttribute(CHAPTER_ATTRIBUTE, chapter);
  el.insert(0, [new Y.XmlText(text)]);
  return el as Y.XmlElement;
}

function paragraph(text: string): Y.XmlElement {
  const el = new Y.XmlElement('paragraph');
  if (text) el.insert(0, [new Y.XmlText(text)]);
  return el;
}

/** The first text of the strategy: a title, a preface and one chapter per subcommittee. */
export function strategyTemplate(chapters: Chapter[]): Uint8Array {
  const doc = new Y.Doc();
  doc.getXmlFragment(STRATEGY_FIELD).insert(0, [
    heading(1, '산업대전환 전략 (Industrial Transformation Strategy)'),
    heading(2, '서문'),
    paragraph('산업대전환 포럼의 여섯 분과가 채택한 제안을 모아 상반기 중 산업대전환 전략으로 정리한다. 각 장에는 해당 분과에서 채택되어 전략에 반영된 제안이 출처(제안, 표결, 회의)와 함께 들어간다.'),
    ...chapters.flatMap((c, i) => [heading(2, `${i + 1}. ${c.nameKo}`, c.id), paragraph('')]),
  ]);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

const isChapterHeading = (n: unknown, chapter?: string): n is Y.XmlElement =>
  n instanceof Y.XmlElement && n.nodeName === 'heading' && (chapter === undefined ? Boolean(n.getAttribute(CHAPTER_ATTRIBUTE)) : n.getAttribute(CHAPTER_ATTRIBUTE) === chapter);

/**
 * Where a new block of `chapter` goes: before the next chapter's heading (or the end). A chapter
 * whose heading someone deleted gets its heading back at the end of the document.
 */
export function chapterEnd(fragment: Y.XmlFragment, chapter: Chapter, position: number): number {
  const nodes = fragment.toArray();
  const start = nodes.findIndex((n) => isChapterHeading(n, chapter.id));
  if (start < 0) {
    fragment.insert(fragment.length, [heading(2, `${position + 1}. ${chapter.nameKo}`, chapter.id)]);
    return fragment.length;
  }
  const next = nodes.findIndex((n, i) => i > start && isChapterHeading(n));
  return next < 0 ? nodes.length : next;
}

/** A run of text with an optional link (Tiptap's link mark). */
export interface SourcePart {
  text: string;
  href?: string;
}

/**
 * Inserts a proposal's adopted text into its chapter as one incorporation block: the source
 * line first, then the text (its headings moved below the chapter's level). False when the
 * document already holds this proposal.
 */
export function insertIncorporation(
  doc: Y.Doc,
  o: { proposalId: string; pollId: string | null; meetingId: string | null; chapter: Chapter; position: number; source: SourcePart[]; adopted: Y.XmlFragment },
): boolean {
  const recorded = doc.getMap<unknown>(INCORPORATED_MAP);
  if (recorded.has(o.proposalId)) return false;
  const fragment = doc.getXmlFragment(STRATEGY_FIELD);
  const block = new Y.XmlElement(INCORPORATION_NODE);
  block.setAttribute('proposalId', o.proposalId);
  if (o.pollId) block.setAttribute('pollId', o.pollId);
  if (o.meetingId) block.setAttribute('meetingId', o.meetingId);
  const line = new Y.XmlText();
  // A text not yet in a document reports no length: count the offset here.
  let at = 0;
  for (const part of o.source) {
    line.insert(at, part.text, part.href ? { link: { href: part.href, target: null, rel: null, class: null } } : {});
    at += part.text.length;
  }
  const source = new Y.XmlElement('paragraph');
  source.insert(0, [line]);
  const text = o.adopted
    .toArray()
    .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement)
    .map((n) => {
      const copy = n.clone();
      if (copy.nodeName === 'heading') (copy as Heading).setAttribute('level', 3);
      return copy;
    });
  block.insert(0, [source, ...(text.length > 0 ? text : [paragraph('')])]);
  fragment.insert(chapterEnd(fragment, o.chapter, o.position), [block]);
  recorded.set(o.proposalId, { pollId: o.pollId, meetingId: o.meetingId });
  return true;
}

/** Proposal ids the document holds, as the incorporation map records them. */
export function incorporatedIds(state: Uint8Array): Set<string> {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return new Set(doc.getMap(INCORPORATED_MAP).keys());
  } finally {
    doc.destroy();
  }
}
