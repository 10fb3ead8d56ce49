import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import { actionMeta, sealLines, titleAndBody, type Block, type ExportDocument, type Inline } from './model';

/**
 * The font every run names. `eastAsia` is the one Word uses for Hangul: without it Word
 * falls back to a Latin face. 맑은 고딕 is on every Korean Windows and Office; LibreOffice
 * substitutes a Korean face it has (Noto Sans CJK KR on Debian).
 */
export const DOCX_FONT = { ascii: '맑은 고딕', hAnsi: '맑은 고딕', eastAsia: '맑은 고딕', cs: '맑은 고딕' };

const colours = { navy: '0B3D91', muted: '555555', decision: '0F7B3F', action: 'B45309', draft: 'B91C1C', rule: 'C8CCD4' };
const headings = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

function runs(list: Inline[], extra: Partial<IRunOptions> = {}): ParagraphChild[] {
  return list.flatMap((i): ParagraphChild[] => {
    const parts = i.text.split('\n');
    const made = parts.map(
      (text, n) =>
        new TextRun({ text, break: n > 0 ? 1 : undefined, bold: i.bold, italics: i.italic, font: i.code ? 'Consolas' : undefined, ...extra, ...(i.link ? { style: 'Hyperlink' } : {}) }),
    );
    return i.link ? [new ExternalHyperlink({ link: i.link, children: made })] : made;
  });
}

const bar = (colour: string) => ({ left: { style: BorderStyle.SINGLE, size: 18, color: colour, space: 8 } });

/** A4 with 2 cm margins: the text is this many twips wide. */
const TEXT_TWIPS = 11906 - 2 * 1134;

function table(rows: { header: boolean; cells: Inline[][] }[], shares?: number[]): Table {
  const columns = Math.max(1, ...rows.map((r) => r.cells.length));
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: Array.from({ length: columns }, (_, i) => Math.round(TEXT_TWIPS * (shares?.[i] ?? 1 / columns))),
    rows: rows.map(
      (row) =>
        new TableRow({
          tableHeader: row.header,
          children: Array.from({ length: columns }, (_, i) =>
            new TableCell({
              shading: row.header ? { type: ShadingType.CLEAR, fill: 'EEF1F6', color: 'auto' } : undefined,
              children: [new Paragraph({ children: runs(row.cells[i] ?? [], row.header ? { bold: true } : {}) })],
            }),
          ),
        }),
    ),
  });
}

/** Paragraphs and tables of one block; `level` is the list depth for nested lists. */
function block(b: Block, level = 0): (Paragraph | Table)[] {
  const indent = level > 0 ? { left: 360 * level } : undefined;
  switch (b.type) {
    case 'heading':
      return [new Paragraph({ heading: headings[b.level], children: runs(b.inlines) })];
    case 'paragraph':
      return [new Paragraph({ indent, children: runs(b.inlines) })];
    case 'list':
      return b.items.flatMap((item) =>
        item.flatMap((child, n) => {
          if (n === 0 && child.type === 'paragraph') {
            const list = b.ordered ? { numbering: { reference: 'ordered', level: Math.min(level, 8) } } : { bullet: { level: Math.min(level, 8) } };
            return [new Paragraph({ ...list, children: runs(child.inlines) })];
          }
          return block(child, level + 1);
        }),
      );
    case 'table':
      return [table(b.rows)];
    case 'quote':
      return b.blocks.flatMap((child) => block(child, level + 1));
    case 'decision':
      return [new Paragraph({ border: bar(colours.decision), indent, children: [new TextRun({ text: '결정 사항  ', bold: true, color: colours.decision }), ...runs(b.inlines)] })];
    case 'action': {
      const meta = actionMeta(b).join(' · ');
      return [
        new Paragraph({
          border: bar(colours.action),
          indent,
          children: [
            new TextRun({ text: '후속 조치  ', bold: true, color: colours.action }),
            ...runs(b.inlines),
            ...(meta ? [new TextRun({ text: `  (${meta})`, color: colours.muted })] : []),
          ],
        }),
      ];
    }
    case 'box':
      return [
        new Paragraph({ border: bar(colours.navy), shading: { type: ShadingType.CLEAR, fill: 'F1F4FA', color: 'auto' }, children: runs(b.caption, { color: colours.muted, size: 18 }) }),
        ...b.blocks.flatMap((child) => block(child, level + 1)),
      ];
    case 'rule':
      return [new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: colours.rule, space: 1 } }, children: [] })];
    default: {
      const unknown: never = b;
      throw new Error(`unhandled block ${JSON.stringify(unknown)}`);
    }
  }
}

/** The document as Office Open XML (Word 2007 and later, LibreOffice, Hancom Office). */
export async function renderDocx(doc: ExportDocument): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  if (doc.draftNotice) children.push(new Paragraph({ children: [new TextRun({ text: doc.draftNotice, bold: true, color: colours.draft })] }));
  const { title, body } = titleAndBody(doc);
  children.push(...block(title));
  if (doc.facts.length > 0) {
    children.push(table(doc.facts.map((f) => ({ header: false, cells: [[{ text: f.label, bold: true }], [{ text: f.value }]] })), [0.22, 0.78]), new Paragraph({ children: [] }));
  }
  for (const b of body) children.push(...block(b));
  if (doc.seal) {
    children.push(...block({ type: 'rule' }));
    for (const line of sealLines(doc.seal)) children.push(new Paragraph({ children: [new TextRun({ text: line, color: colours.muted, size: 18 })] }));
  }
  children.push(new Paragraph({ spacing: { before: 240 }, children: [new TextRun({ text: doc.footer, color: colours.muted, size: 16 })] }));

  const document = new Document({
    creator: 'Forum Workspace',
    title: doc.title,
    styles: {
      default: {
        document: { run: { font: DOCX_FONT, size: 21, language: { value: 'ko-KR', eastAsia: 'ko-KR' } }, paragraph: { spacing: { after: 120, line: 300 } } },
        heading1: { run: { font: DOCX_FONT, size: 34, bold: true, color: colours.navy }, paragraph: { spacing: { before: 120, after: 200 } } },
        heading2: { run: { font: DOCX_FONT, size: 28, bold: true, color: '1A1A1A' }, paragraph: { spacing: { before: 240, after: 120 } } },
        heading3: { run: { font: DOCX_FONT, size: 24, bold: true, color: '1A1A1A' }, paragraph: { spacing: { before: 200, after: 100 } } },
      },
    },
    numbering: {
      config: [
        {
          reference: 'ordered',
          levels: Array.from({ length: 9 }, (_, level) => ({
            level,
            format: LevelFormat.DECIMAL,
            text: `%${level + 1}.`,
            alignment: AlignmentType.START,
            style: { paragraph: { indent: { left: 360 * (level + 1), hanging: 300 } } },
          })),
        },
      ],
    },
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } }, children }],
  });
  return Packer.toBuffer(document);
}
