import { threadId } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { longMinutes } from '../../../bench/exports';
import type { DocumentFormat } from '../../../shared/exports';
import { RenderThread } from '../../../server/exports/render-thread';
import { parseXml, pdfText, textsOf, unzip } from '../../helpers/exports';

/**
 * PDF, DOCX and HWPX render on a thread of their own, so that a long document leaves the
 * server's event loop free; the files are the same, a failure there is an error here, and a
 * thread that stops is replaced on the next export.
 */
describe('the export render thread', () => {
  const thread = new RenderThread();
  const doc = longMinutes(3);
  afterAll(() => thread.close());

  it('renders the three binary formats off this thread, with their Korean text', async () => {
    const [pdf, docx, hwpx] = await Promise.all((['pdf', 'docx', 'hwpx'] as const).map((f) => thread.render(doc, f)));
    expect(thread.threadIds()).not.toContain(threadId);
    expect(thread.threadIds()).toHaveLength(1);
    expect(pdfText(pdf!).replace(/\s+/g, '')).toContain('국가산업인재은행제안보고(3)');
    expect(textsOf(parseXml(unzip(docx!)['word/document.xml']!, 'document.xml'), 't').join('')).toContain('표결 결과: 안건 2 — 가결');
    expect(textsOf(parseXml(unzip(hwpx!)['Contents/section0.xml']!, 'section0.xml'), 't').join('\n')).toContain('인재 데이터 플랫폼');
  });

  it('answers a failure there as an error here, and keeps serving', async () => {
    await expect(thread.render(doc, 'xls' as DocumentFormat)).rejects.toThrow(/unknown format xls/);
    expect(pdfText(await thread.render(doc, 'pdf'))).toContain('산업대전환');
  });

  it('fails what a stopped thread held, and starts a new one for the next export', async () => {
    const before = thread.threadIds();
    const held = thread.render(longMinutes(20), 'pdf');
    await thread.close();
    await expect(held).rejects.toThrow(/render thread stopped/);
    const docx = await thread.render(doc, 'docx');
    expect(unzip(docx)['word/document.xml']).toContain('산업대전환');
    expect(thread.threadIds()).not.toEqual(before);
  });
});
