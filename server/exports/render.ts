import { renderDocx } from './docx';
import type { DocumentFormat } from '../../shared/exports';
import { renderHwpx } from './hwpx';
import { renderMarkdown } from './markdown';
import type { ExportDocument } from './model';
import { renderPdf } from './pdf';

/** One rendered file, in this thread (the render thread runs this; so do Markdown exports). */
export async function renderHere(doc: ExportDocument, format: DocumentFormat): Promise<Buffer> {
  switch (format) {
    case 'pdf':
      return renderPdf(doc);
    case 'docx':
      return renderDocx(doc);
    case 'hwpx':
      return renderHwpx(doc);
    case 'md':
      return Buffer.from(renderMarkdown(doc), 'utf8');
    default: {
      const unknown: never = format;
      throw new Error(`unknown format ${String(unknown)}`);
    }
  }
}
