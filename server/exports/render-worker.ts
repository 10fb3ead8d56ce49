/**
 * The render thread's body (started by render-thread.ts through render-worker-boot.mjs):
 * renders one file per message, in order, with the fonts parsed once for the thread's life.
 */
import { parentPort } from 'node:worker_threads';
import { renderHere } from './render';
import type { RenderJob, RenderReply } from './render-thread';

const port = parentPort!;

port.on('message', (job: RenderJob) => {
  renderHere(job.doc, job.format).then(
    (file) => {
      // A copy in an ArrayBuffer of its own: a small Buffer may sit in Node's shared pool, which must not be transferred.
      const bytes = new Uint8Array(file);
      port.postMessage({ id: job.id, bytes } satisfies RenderReply, [bytes.buffer]);
    },
    (error: unknown) => port.postMessage({ id: job.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies RenderReply),
  );
});
