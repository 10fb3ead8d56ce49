import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { create, type Font } from 'fontkit';
import PDFDocument from 'pdfkit';
import { actionMeta, plain, sealLines, titleAndBody, type Block, type ExportDocument, type Inline } from './model';

/**
 * Noto Sans KR from npm (@embedpdf/fonts-kr, OpenType/CFF, SIL OFL): a fresh machine
 * has no Korean system font, so the PDF embeds this one, subset to the glyphs used.
 * Parsed once per process and handed to pdfkit as fontkit fonts: parsing the two
 * 4.5 MB files again for every document would cost a second each time.
 */
const fontDir = join(dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-kr')), '..', 'fonts');
let fonts: { regular: Font; bold: Font } | null = null;
const parse = (file: string) => create(readFileSync(join(fontDir, file))) as Font;
const loadFonts = () => (fonts ??= { regular: parse('NotoSansKR-Regular.otf'), bold: parse('NotoSansKR-Bold.otf') });

/** The font's family name, as the PDF names it. */
export const PDF_FONT = 'Noto Sans KR';

const colours = { text: '#1a1a1a', muted: '#555555', navy: '#0b3d91', rule: '#c8ccd4', decision: '#0f7b3f', action: '#b45309', draft: '#b91c1c' };
const sizes = { 1: 18, 2: 14, 3: 12 } as const;
const body = 10.5;

type Pdf = InstanceType<typeof PDFDocument>;

/** Writes inline runs as one wrapped paragraph at the current position. */
function runs(pdf: Pdf, list: Inline[], options: { size?: number; colour?: string; x?: number; width?: number; bold?: boolean } = {}): void {
  const parts = list.filter((i) => i.text !== '');
  if (parts.length === 0) parts.push({ text: ' ' });
  const x = options.x ?? pdf.page.margins.left;
  const width = options.width ?? pdf.page.width - pdf.page.margins.right - x;
  parts.forEach((part, n) => {
    pdf
      .font(part.bold || options.bold ? 'bold' : 'regular')
      .fontSize(options.size ?? body)
      .fillColor(part.link ? colours.navy : (options.colour ?? colours.text));
    const textOptions = { continued: n < parts.length - 1, width, lineGap: 3, link: part.link ?? null, underline: Boolean(part.link) };
    if (n === 0) pdf.text(part.text, x, pdf.y, textOptions);
    else pdf.text(part.text, textOptions);
  });
}

function table(pdf: Pdf, rows: { header: boolean; cells: Inline[][] }[], x: number, width: number, shares?: number[]): void {
  const columns = Math.max(1, ...rows.map((r) => r.cells.length));
  const widths = Array.from({ length: columns }, (_, i) => width * (shares?.[i] ?? 1 / columns));
  const lefts = widths.map((_, i) => x + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const pad = 4;
  for (const row of rows) {
    pdf.font(row.header ? 'bold' : 'regular').fontSize(body - 1);
    const heights = row.cells.map((c, i) => pdf.heightOfString(plain(c) || ' ', { width: widths[i]! - 2 * pad, lineGap: 2 }));
    const height = Math.max(...heights, 12) + 2 * pad;
    if (pdf.y + height > pdf.page.height - pdf.page.margins.bottom) pdf.addPage();
    const top = pdf.y;
    for (let i = 0; i < columns; i++) {
      const left = lefts[i]!;
      const cellWidth = widths[i]!;
      if (row.header) pdf.rect(left, top, cellWidth, height).fill('#eef1f6');
      pdf.rect(left, top, cellWidth, height).lineWidth(0.5).strokeColor(colours.rule).stroke();
      const bold = row.header || Boolean(row.cells[i]?.[0]?.bold);
      pdf.fillColor(colours.text).font(bold ? 'bold' : 'regular').fontSize(body - 1);
      pdf.text(plain(row.cells[i] ?? []) || ' ', left + pad, top + pad, { width: cellWidth - 2 * pad, lineGap: 2 });
    }
    pdf.x = x;
    pdf.y = top + height;
  }
  pdf.moveDown(0.6);
}

/** A block with a coloured bar on its left and a label in front ("결정 사항", "후속 조치", a source). */
function barred(pdf: Pdf, colour: string, draw: (x: number, width: number) => void): void {
  const left = pdf.page.margins.left;
  const startPage = pdf.bufferedPageRange().count;
  const top = pdf.y;
  draw(left + 12, pdf.page.width - pdf.page.margins.right - left - 12);
  // The bar only where the block starts and ends on one page (a split block keeps its label).
  if (pdf.bufferedPageRange().count === startPage) pdf.rect(left, top, 3, pdf.y - top).fill(colour);
  pdf.x = left;
  pdf.moveDown(0.5);
}

function block(pdf: Pdf, b: Block, x: number): void {
  const width = pdf.page.width - pdf.page.margins.right - x;
  switch (b.type) {
    case 'heading':
      pdf.moveDown(b.level === 1 ? 0.2 : 0.5);
      runs(pdf, b.inlines, { size: sizes[b.level], colour: b.level === 1 ? colours.navy : colours.text, x, width, bold: true });
      pdf.moveDown(0.3);
      return;
    case 'paragraph':
      runs(pdf, b.inlines, { x, width });
      pdf.moveDown(0.4);
      return;
    case 'list':
      b.items.forEach((item, n) => {
        pdf.font('regular').fontSize(body).fillColor(colours.text).text(b.ordered ? `${n + 1}.` : '•', x, pdf.y, { width: 18, lineGap: 3, continued: false });
        pdf.moveUp();
        const [first, ...rest] = item;
        if (first) block(pdf, first, x + 18);
        for (const child of rest) block(pdf, child, x + 18);
      });
      pdf.moveDown(0.2);
      return;
    case 'table':
      table(pdf, b.rows, x, width);
      return;
    case 'quote':
      barred(pdf, colours.rule, (qx) => b.blocks.forEach((child) => block(pdf, child, qx)));
      return;
    case 'decision':
      barred(pdf, colours.decision, (dx, w) => runs(pdf, [{ text: '결정 사항  ', bold: true }, ...b.inlines], { x: dx, width: w }));
      return;
    case 'action': {
      const meta = actionMeta(b).join(' · ');
      barred(pdf, colours.action, (ax, w) => {
        runs(pdf, [{ text: '후속 조치  ', bold: true }, ...b.inlines], { x: ax, width: w });
        if (meta) runs(pdf, [{ text: meta }], { x: ax, width: w, size: body - 1.5, colour: colours.muted });
      });
      return;
    }
    case 'box':
      barred(pdf, colours.navy, (bx, w) => {
        runs(pdf, b.caption, { x: bx, width: w, size: body - 1, colour: colours.muted });
        pdf.moveDown(0.3);
        for (const child of b.blocks) block(pdf, child, bx);
      });
      return;
    case 'rule': {
      const y = pdf.y + 4;
      pdf.moveTo(x, y).lineTo(x + width, y).lineWidth(0.5).strokeColor(colours.rule).stroke();
      pdf.y = y + 8;
      return;
    }
    default: {
      const unknown: never = b;
      throw new Error(`unhandled block ${JSON.stringify(unknown)}`);
    }
  }
}

/** The document as an A4 PDF with Noto Sans KR embedded (subset): text stays selectable and searchable. */
export async function renderPdf(doc: ExportDocument): Promise<Buffer> {
  const { regular, bold } = loadFonts();
  const pdf = new PDFDocument({ size: 'A4', margins: { top: 56, bottom: 56, left: 56, right: 56 }, bufferPages: true, info: { Title: doc.title, Creator: 'Forum Workspace' }, lang: 'ko-KR', displayTitle: true });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    pdf.on('end', resolve);
    pdf.on('error', reject);
  });
  // pdfkit takes a parsed fontkit font as it takes a file (its font factory checks for `layout`).
  pdf.registerFont('regular', regular as unknown as Buffer);
  pdf.registerFont('bold', bold as unknown as Buffer);
  const left = pdf.page.margins.left;
  const width = pdf.page.width - left - pdf.page.margins.right;

  if (doc.draftNotice) {
    runs(pdf, [{ text: doc.draftNotice, bold: true }], { colour: colours.draft });
    pdf.moveDown(0.5);
  }
  const { title, body: rest } = titleAndBody(doc);
  block(pdf, title, left);
  if (doc.facts.length > 0) table(pdf, doc.facts.map((f) => ({ header: false, cells: [[{ text: f.label, bold: true }], [{ text: f.value }]] })), left, width, [0.22, 0.78]);
  for (const b of rest) block(pdf, b, left);
  if (doc.seal) {
    block(pdf, { type: 'rule' }, left);
    for (const line of sealLines(doc.seal)) runs(pdf, [{ text: line }], { size: body - 1, colour: colours.muted });
  }
  pdf.moveDown(1);
  runs(pdf, [{ text: doc.footer }], { size: body - 2, colour: colours.muted });

  // Page numbers, once the number of pages is known.
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf.font('regular').fontSize(8).fillColor(colours.muted).text(`${i + 1} / ${range.count}`, left, pdf.page.height - 36, { width, align: 'center' });
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  await done;
  return Buffer.concat(chunks);
}
