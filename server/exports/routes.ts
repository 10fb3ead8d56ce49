import type { OpenAPIHono } from '@hono/zod-openapi';
import { rawRoutes } from '../../shared/permissions/doors';
import type { AppEnv } from '../http/env';
import { httpError } from '../http/errors';
import { rawRoute } from '../http/route';
import { documentFormats, isDocumentFormat, type DocumentFormat } from '../../shared/exports';
import { contentDisposition, exportFileName, exportFormats, type ExportFormat } from '../http/download';
import type { ExportDocument } from './model';
import { RenderThread } from './render-thread';
import type { ExportSource } from './sources';

const thread = new RenderThread();

/** One rendered file, made off the event loop (Markdown excepted). */
export function render(doc: ExportDocument, format: DocumentFormat): Promise<Buffer> {
  return thread.render(doc, format);
}

/** `{id}.{format}` from the last path segment; the id as the rest of the API takes it. */
function parseFile(file: string, allowed: readonly ExportFormat[]): { id: string; format: ExportFormat } {
  const match = /^([A-Za-z0-9_-]{1,64})\.([a-z]+)$/.exec(file);
  const format = match?.[2] as ExportFormat | undefined;
  if (!match || !format || !allowed.includes(format)) {
    throw httpError('not_found', `No such export: name a record and one of the formats ${allowed.map((f) => `.${f}`).join(', ')}.`, 'missing.export');
  }
  return { id: match[1]!, format };
}

/** The file as a download, with its Korean name in `Content-Disposition` (RFC 6266, RFC 5987). */
async function download(source: ExportSource, format: ExportFormat): Promise<Response> {
  const { doc } = source;
  let body: Buffer;
  if (format === 'csv') throw httpError('not_found', 'No CSV of this record.', 'missing.export');
  if (format === 'txt') {
    if (source.sealedText === null) throw httpError('conflict', 'Only approved minutes have a sealed text; approve them first.', 'minutes.not_approved');
    body = Buffer.from(source.sealedText, 'utf8');
  } else {
    body = await render(doc, format);
  }
  return new Response(new Uint8Array(body), {
    headers: {
      'content-type': exportFormats[format],
      'content-length': String(body.length),
      'content-disposition': contentDisposition(exportFileName(doc.title, doc.date, format)),
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}

export interface ExportProviders {
  minutes(meetingId: string): Promise<ExportSource | null>;
  proposal(id: string): Promise<ExportSource | null>;
  /** Absent until the strategy domain is wired. */
  strategy?(): Promise<ExportSource>;
}

/**
 * Downloads of the record: minutes (approved, or a draft marked as such), a proposal,
 * the strategy; PDF, DOCX, HWPX and Markdown (and the sealed text of approved minutes,
 * `.txt`, whose SHA-256 is the approval hash). Whoever may read the thing may export it.
 */
export function exportRoutes(app: OpenAPIHono<AppEnv>, sources: ExportProviders): void {
  rawRoute(app, rawRoutes.minutesExport, async (c) => {
    const { id, format } = parseFile((c.req.param('file') ?? ''), [...documentFormats, 'txt']);
    const source = await sources.minutes(id);
    if (!source) throw httpError('not_found', 'No such meeting.', 'missing.meeting');
    return download(source, format);
  });

  rawRoute(app, rawRoutes.proposalExport, async (c) => {
    const { id, format } = parseFile((c.req.param('file') ?? ''), documentFormats);
    const source = await sources.proposal(id);
    if (!source) throw httpError('not_found', 'No such proposal.', 'missing.proposal');
    return download(source, format);
  });

  rawRoute(app, rawRoutes.strategyExport, async (c) => {
    const format = (c.req.param('file') ?? '').slice('strategy.'.length);
    if (!isDocumentFormat(format)) throw httpError('not_found', `No such export: the strategy exports as ${documentFormats.map((f) => `.${f}`).join(', ')}.`, 'missing.export');
    if (!sources.strategy) throw httpError('not_found', 'There is no strategy document yet.', 'missing.strategy');
    return download(await sources.strategy(), format);
  });
}
