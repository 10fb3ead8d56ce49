import { actionMeta, sealLines, titleAndBody, type Block, type ExportDocument, type Inline } from './model';

/** Characters Markdown would read as syntax, escaped so that text stays text. */
const escape = (s: string) => s.replace(/([\\`*_[\]<>#|])/g, '\\$1');

function inline(i: Inline): string {
  const lines = i.text.split('\n').map((part) => {
    if (!part) return part;
    let s = i.code ? `\`${part.replace(/`/g, "'")}\`` : escape(part);
    if (i.bold) s = `**${s}**`;
    if (i.italic) s = `*${s}*`;
    if (i.link) s = `[${s}](${i.link.replace(/[()\s]/g, encodeURIComponent)})`;
    return s;
  });
  // A hard line break inside a paragraph.
  return lines.join('  \n');
}

const inlines = (list: Inline[]) => list.map(inline).join('');

const cell = (list: Inline[]) => inlines(list).replace(/ {2}\n/g, '<br>');

function table(rows: { header: boolean; cells: Inline[][] }[]): string[] {
  if (rows.length === 0) return [];
  const width = Math.max(...rows.map((r) => r.cells.length));
  const line = (cells: string[]) => `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`;
  const [head, ...body] = rows[0]!.header ? rows : [{ header: true, cells: [] }, ...rows];
  return [line(head!.cells.map(cell)), line(Array.from({ length: width }, () => '---')), ...body.map((r) => line(r.cells.map(cell)))];
}

/** Markdown lines of one block; `indent` for blocks inside list items. */
function lines(b: Block, indent = ''): string[] {
  switch (b.type) {
    case 'heading':
      return [`${'#'.repeat(b.level)} ${inlines(b.inlines)}`];
    case 'paragraph':
      // A paragraph that starts like a list item or a quote stays a paragraph.
      return [inlines(b.inlines).replace(/^(\d+)\. /, '$1\\. ').replace(/^([-+>]) /, '\\$1 ')];
    case 'list':
      return b.items.flatMap((item, n) => {
        const marker = b.ordered ? `${n + 1}. ` : '- ';
        const inner = item.flatMap((child) => [...lines(child, indent + ' '.repeat(marker.length)), '']).slice(0, -1);
        return inner.map((l, i) => (i === 0 ? `${marker}${l}` : l ? `${' '.repeat(marker.length)}${l}` : l));
      });
    case 'table':
      return table(b.rows);
    case 'quote':
      return b.blocks.flatMap((child) => [...lines(child), '']).slice(0, -1).map((l) => `> ${l}`);
    case 'decision':
      return [`> **결정 사항** ${inlines(b.inlines)}`];
    case 'action': {
      const meta = actionMeta(b, escape).join(', ');
      return [`- [${b.status?.done ? 'x' : ' '}] **후속 조치** ${inlines(b.inlines)}${meta ? ` (${meta})` : ''}`];
    }
    case 'box':
      return [`> ${inlines(b.caption)}`, '>', ...b.blocks.flatMap((child) => [...lines(child), '']).slice(0, -1).map((l) => (l ? `> ${l}` : '>'))];
    case 'rule':
      return ['---'];
    default: {
      const unknown: never = b;
      throw new Error(`unhandled block ${JSON.stringify(unknown)}`);
    }
  }
}

/** The whole document as CommonMark (GitHub tables), UTF-8. */
export function renderMarkdown(doc: ExportDocument): string {
  const out: string[] = [];
  if (doc.draftNotice) out.push(`> **${escape(doc.draftNotice)}**`, '');
  const { title, body } = titleAndBody(doc);
  out.push(...lines(title), '');
  if (doc.facts.length > 0) {
    out.push(...table([{ header: true, cells: [[{ text: '항목' }], [{ text: '내용' }]] }, ...doc.facts.map((f) => ({ header: false, cells: [[{ text: f.label }], [{ text: f.value }]] }))]), '');
  }
  for (const b of body) out.push(...lines(b), '');
  if (doc.seal) out.push('---', '', ...sealLines(doc.seal).map((l) => `${escape(l)}  `), '');
  out.push('---', '', `*${escape(doc.footer)}*`, '');
  return out.join('\n');
}

