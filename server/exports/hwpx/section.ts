import { actionMeta, plain, sealLines, titleAndBody, type Block, type ExportDocument, type Inline } from '../model';
import { BORDER, CHAR, PARA, STYLE, xmlns } from './header';

/** A4 in HWPUNIT (1/7200 inch), with Hancom Office's default margins: the text is 42,520 wide. */
const page = { width: 59528, height: 84186, left: 8504, right: 8504, top: 5668, bottom: 4252, header: 4252, footer: 4252 };
export const TEXT_WIDTH = page.width - page.left - page.right;

export const escapeXml = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** Paragraph ids only need to be unique within the section. */
class Ids {
  #next = 1;
  get next(): number {
    return this.#next++;
  }
}

/** A run's text; a newline becomes OWPML's line break inside the same paragraph. */
const text = (s: string) => `<hp:t>${s.split('\n').map(escapeXml).join('<hp:lineBreak/>')}</hp:t>`;

function run(i: Inline, base: number): string {
  const char = i.link ? CHAR.link : i.bold ? (base === CHAR.body ? CHAR.bold : base) : i.italic && base === CHAR.body ? CHAR.italic : base;
  // OWPML links are field controls; the address is written out after the text instead.
  const shown = i.link && i.link !== i.text ? `${i.text} (${i.link})` : i.text;
  return `<hp:run charPrIDRef="${char}">${text(shown)}</hp:run>`;
}

function paragraph(ids: Ids, inlines: Inline[], o: { para?: number; style?: number; char?: number } = {}): string {
  const runs = inlines.filter((i) => i.text !== '').map((i) => run(i, o.char ?? CHAR.body));
  const body = runs.length > 0 ? runs.join('') : `<hp:run charPrIDRef="${o.char ?? CHAR.body}"><hp:t/></hp:run>`;
  // No <hp:linesegarray>: it is a layout cache that Hancom Office computes on opening.
  return `<hp:p id="${ids.next}" paraPrIDRef="${o.para ?? PARA.body}" styleIDRef="${o.style ?? STYLE.body}" pageBreak="0" columnBreak="0" merged="0">${body}</hp:p>`;
}

function table(ids: Ids, rows: { header: boolean; cells: Inline[][] }[], shares?: number[]): string {
  const columns = Math.max(1, ...rows.map((r) => r.cells.length));
  const widths = Array.from({ length: columns }, (_, i) => Math.floor(TEXT_WIDTH * (shares?.[i] ?? 1 / columns)));
  const rowHeight = 1800;
  const margin = '<hp:cellMargin left="510" right="510" top="141" bottom="141"/>';
  const trs = rows.map((row, r) => {
    const tcs = Array.from({ length: columns }, (_, c) => {
      const bold = row.header || Boolean(row.cells[c]?.[0]?.bold);
      const cell = paragraph(ids, row.cells[c] ?? [], { para: PARA.cell, style: STYLE.normal, char: bold ? CHAR.bold : CHAR.body });
      return (
        `<hp:tc name="" header="${row.header ? 1 : 0}" hasMargin="0" protect="0" editable="0" dirty="0" borderFillIDRef="${row.header ? BORDER.headerCell : BORDER.cell}">` +
        `<hp:subList id="" textDirection="HORIZONTAL" lineWrap="BREAK" vertAlign="CENTER" linkListIDRef="0" linkListNextIDRef="0" textWidth="0" textHeight="0" hasTextRef="0" hasNumRef="0">${cell}</hp:subList>` +
        `<hp:cellAddr colAddr="${c}" rowAddr="${r}"/><hp:cellSpan colSpan="1" rowSpan="1"/><hp:cellSz width="${widths[c]!}" height="${rowHeight}"/>${margin}</hp:tc>`
      );
    });
    return `<hp:tr>${tcs.join('')}</hp:tr>`;
  });
  const tbl =
    `<hp:tbl id="${ids.next}" zOrder="0" numberingType="TABLE" textWrap="TOP_AND_BOTTOM" textFlow="BOTH_SIDES" lock="0" dropcapstyle="None" pageBreak="CELL" repeatHeader="1" rowCnt="${rows.length}" colCnt="${columns}" cellSpacing="0" borderFillIDRef="${BORDER.cell}" noAdjust="0">` +
    `<hp:sz width="${widths.reduce((a, b) => a + b, 0)}" widthRelTo="ABSOLUTE" height="${rowHeight * rows.length}" heightRelTo="ABSOLUTE" protect="0"/>` +
    '<hp:pos treatAsChar="0" affectLSpacing="0" flowWithText="1" allowOverlap="0" holdAnchorAndSO="0" vertRelTo="PARA" horzRelTo="COLUMN" vertAlign="TOP" horzAlign="LEFT" vertOffset="0" horzOffset="0"/>' +
    '<hp:outMargin left="283" right="283" top="283" bottom="283"/><hp:inMargin left="510" right="510" top="141" bottom="141"/>' +
    `${trs.join('')}</hp:tbl>`;
  // A table is an object anchored in a paragraph's run, as Hancom Office saves it.
  return `<hp:p id="${ids.next}" paraPrIDRef="${PARA.body}" styleIDRef="${STYLE.body}" pageBreak="0" columnBreak="0" merged="0"><hp:run charPrIDRef="${CHAR.body}">${tbl}<hp:t/></hp:run></hp:p>`;
}

const headingStyle = { 1: { style: STYLE.h1, char: CHAR.h1 }, 2: { style: STYLE.h2, char: CHAR.h2 }, 3: { style: STYLE.h3, char: CHAR.h3 } } as const;

function block(ids: Ids, b: Block, nested = false): string {
  const para = nested ? PARA.nested : PARA.body;
  switch (b.type) {
    case 'heading':
      return paragraph(ids, b.inlines, { para: PARA.heading, ...headingStyle[b.level] });
    case 'paragraph':
      return paragraph(ids, b.inlines, { para });
    case 'list':
      return b.items
        .map((item, n) => {
          const marker = { text: b.ordered ? `${n + 1}. ` : '• ' };
          const [first, ...rest] = item;
          const head = first && (first.type === 'paragraph' || first.type === 'heading') ? paragraph(ids, [marker, ...first.inlines], { para: PARA.list }) : paragraph(ids, [marker], { para: PARA.list }) + (first ? block(ids, first, true) : '');
          return head + rest.map((child) => block(ids, child, true)).join('');
        })
        .join('');
    case 'table':
      return table(ids, b.rows);
    case 'quote':
      return b.blocks.map((child) => block(ids, child, true)).join('');
    case 'decision':
      return paragraph(ids, [{ text: '결정 사항  ' }, ...b.inlines], { para: PARA.barred, char: CHAR.body }).replace(`<hp:run charPrIDRef="${CHAR.body}"><hp:t>결정 사항  </hp:t>`, `<hp:run charPrIDRef="${CHAR.decision}"><hp:t>결정 사항  </hp:t>`);
    case 'action': {
      const meta = actionMeta(b).join(' · ');
      const line = paragraph(ids, [{ text: '후속 조치  ' }, ...b.inlines, ...(meta ? [{ text: `  (${meta})` }] : [])], { para: PARA.barred });
      return line.replace(`<hp:run charPrIDRef="${CHAR.body}"><hp:t>후속 조치  </hp:t>`, `<hp:run charPrIDRef="${CHAR.action}"><hp:t>후속 조치  </hp:t>`);
    }
    case 'box':
      return paragraph(ids, b.caption, { para: PARA.barred, char: CHAR.muted }) + b.blocks.map((child) => block(ids, child, true)).join('');
    case 'rule':
      return paragraph(ids, [{ text: '―'.repeat(20) }], { char: CHAR.muted });
    default: {
      const unknown: never = b;
      throw new Error(`unhandled block ${JSON.stringify(unknown)}`);
    }
  }
}

/** The page setup Hancom Office keeps in the first paragraph's first run. */
function sectionProperties(): string {
  const pageBorder = (type: string) =>
    `<hp:pageBorderFill type="${type}" borderFillIDRef="${BORDER.none}" textBorder="PAPER" headerInside="0" footerInside="0" fillArea="PAPER"><hp:offset left="1417" right="1417" top="1417" bottom="1417"/></hp:pageBorderFill>`;
  const note = (place: string) =>
    '<hp:autoNumFormat type="DIGIT" userChar="" prefixChar="" suffixChar=")" supscript="0"/><hp:noteLine length="-1" type="SOLID" width="0.12 mm" color="#000000"/>' +
    `<hp:noteSpacing betweenNotes="283" belowLine="567" aboveLine="850"/><hp:numbering type="CONTINUOUS" newNum="1"/><hp:placement place="${place}" beneathText="0"/>`;
  return (
    '<hp:secPr id="" textDirection="HORIZONTAL" spaceColumns="1134" tabStop="8000" tabStopVal="4000" tabStopUnit="HWPUNIT" outlineShapeIDRef="1" memoShapeIDRef="0" textVerticalWidthHead="0" masterPageCnt="0">' +
    '<hp:grid lineGrid="0" charGrid="0" wonggojiFormat="0"/><hp:startNum pageStartsOn="BOTH" page="0" pic="0" tbl="0" equation="0"/>' +
    '<hp:visibility hideFirstHeader="0" hideFirstFooter="0" hideFirstMasterPage="0" border="SHOW_ALL" fill="SHOW_ALL" hideFirstPageNum="0" hideFirstEmptyLine="0" showLineNumber="0"/>' +
    '<hp:lineNumberShape restartType="0" countBy="0" distance="0" startNumber="0"/>' +
    `<hp:pagePr landscape="WIDELY" width="${page.width}" height="${page.height}" gutterType="LEFT_ONLY"><hp:margin header="${page.header}" footer="${page.footer}" gutter="0" left="${page.left}" right="${page.right}" top="${page.top}" bottom="${page.bottom}"/></hp:pagePr>` +
    `<hp:footNotePr>${note('EACH_COLUMN')}</hp:footNotePr><hp:endNotePr>${note('END_OF_DOCUMENT')}</hp:endNotePr>` +
    pageBorder('BOTH') +
    pageBorder('EVEN') +
    pageBorder('ODD') +
    '</hp:secPr>'
  );
}

/** Contents/section0.xml: the whole text as OWPML paragraphs referring to header.xml's ids. */
export function sectionXml(doc: ExportDocument): string {
  const ids = new Ids();
  const first =
    `<hp:p id="${ids.next}" paraPrIDRef="${PARA.body}" styleIDRef="${STYLE.normal}" pageBreak="0" columnBreak="0" merged="0">` +
    `<hp:run charPrIDRef="${CHAR.body}">${sectionProperties()}<hp:ctrl><hp:colPr id="" type="NEWSPAPER" layout="LEFT" colCount="1" sameSz="1" sameGap="0"/></hp:ctrl></hp:run>` +
    (doc.draftNotice ? `<hp:run charPrIDRef="${CHAR.draft}">${text(doc.draftNotice)}</hp:run>` : `<hp:run charPrIDRef="${CHAR.body}"><hp:t/></hp:run>`) +
    '</hp:p>';
  const parts = [first];
  const { title, body } = titleAndBody(doc);
  parts.push(block(ids, title));
  if (doc.facts.length > 0) parts.push(table(ids, doc.facts.map((f) => ({ header: false, cells: [[{ text: f.label, bold: true }], [{ text: f.value }]] })), [0.22, 0.78]));
  for (const b of body) parts.push(block(ids, b));
  if (doc.seal) for (const line of sealLines(doc.seal)) parts.push(paragraph(ids, [{ text: line }], { char: CHAR.muted }));
  parts.push(paragraph(ids, [{ text: doc.footer }], { char: CHAR.muted }));
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes" ?><hs:sec ${xmlns}>${parts.join('')}</hs:sec>`;
}

/** Preview/PrvText.txt: the beginning of the text, as Hancom Office's file browsers show it. */
export function previewText(doc: ExportDocument): string {
  const lines = [doc.title, ...doc.blocks.flatMap((b) => ('inlines' in b ? [plain(b.inlines)] : []))];
  return lines.join('\r\n').slice(0, 1024);
}
