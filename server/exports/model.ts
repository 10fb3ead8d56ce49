/**
 * What every export format renders: a document as a tree of blocks, made once from
 * the stored record (server/exports/sources.ts) and written by one renderer per
 * format (markdown.ts, pdf.ts, docx.ts, hwpx/). Structure, not layout: each format
 * decides how a heading or a decision looks.
 */

/** A run of text with its marks. */
export interface Inline {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  /** Absolute URL or a path of this app (`/proposals/12`). */
  link?: string;
}

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; inlines: Inline[] }
  | { type: 'paragraph'; inlines: Inline[] }
  | { type: 'list'; ordered: boolean; items: Block[][] }
  | { type: 'table'; rows: TableRow[] }
  | { type: 'quote'; blocks: Block[] }
  /** A decision of the meeting ("결정 사항"). */
  | { type: 'decision'; inlines: Inline[] }
  /** An action item ("후속 조치") with its owner, due date and, once known, whether it is done. */
  | { type: 'action'; inlines: Inline[]; owner: string | null; due: string | null; id?: string | null; status?: ActionStatus }
  /** A framed group with a caption: a proposal incorporated into the strategy, with its source. */
  | { type: 'box'; caption: Inline[]; blocks: Block[] }
  | { type: 'rule' };

/** Whether an action item is done (kept beside the minutes): the day (Korea) and who marked it. */
export type ActionStatus = { done: true; on: string; by: string } | { done: false };

/** "담당: …", "기한: …", "완료: 2026-12-10 (이름)" or "미완료": what every format writes after an action item. */
export function actionMeta(b: { owner: string | null; due: string | null; status?: ActionStatus }, escape: (s: string) => string = (s) => s): string[] {
  const status = !b.status ? null : b.status.done ? `완료: ${b.status.on}${b.status.by ? ` (${escape(b.status.by)})` : ''}` : '미완료';
  return [b.owner && `담당: ${escape(b.owner)}`, b.due && `기한: ${b.due}`, status].filter((x): x is string => Boolean(x));
}

export interface TableRow {
  header: boolean;
  /** Each cell's text, its paragraphs joined by line breaks. */
  cells: Inline[][];
}

/** The seal of approved minutes: who approved them, when, and the hash of the approved text. */
export interface Seal {
  approvedBy: string;
  /** Korean time, e.g. "2026년 11월 20일 (금) 16:05". */
  approvedAt: string;
  sha256: string;
  /** Whether the text exported here hashes to `sha256` (it must). */
  verified: boolean;
}

export interface ExportDocument {
  /** Document title (file name, document properties, the first heading when the text has none). */
  title: string;
  /** ISO date for the file name (Korean calendar day). */
  date: string;
  /** Set when the record is not final ("초안 — 확정되지 않은 회의록"): every format shows it on top. */
  draftNotice: string | null;
  /** Facts shown as a two-column table before the text (일시, 장소, 상태 …). */
  facts: { label: string; value: string }[];
  blocks: Block[];
  seal: Seal | null;
  /** One line at the end: where and when it was exported. */
  footer: string;
}

/** The plain text of inline runs. */
export const plain = (inlines: Inline[]): string => inlines.map((i) => i.text).join('');

/** What Korean readers are told about a sealed record, in every format. */
export const sealLines = (seal: Seal): string[] => [
  `확정: ${seal.approvedBy}, ${seal.approvedAt}`,
  `SHA-256: ${seal.sha256}`,
  '해시는 확정된 회의록 본문(정규화한 텍스트, UTF-8)의 SHA-256입니다. 같은 주소의 .txt 파일이 그 본문이며, 그 해시가 위 값과 같아야 합니다.',
];

/** The document's title heading (its first level-1 heading, or one made of the title) and the rest, so that facts go between them. */
export function titleAndBody(doc: ExportDocument): { title: Block; body: Block[] } {
  const [first, ...rest] = doc.blocks;
  if (first?.type === 'heading' && first.level === 1) return { title: first, body: rest };
  return { title: { type: 'heading', level: 1, inlines: [{ text: doc.title }] }, body: doc.blocks };
}
