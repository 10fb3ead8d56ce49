import { Worker } from 'node:worker_threads';
import type { ExportDocument } from './model';
import type { DocumentFormat } from '../../shared/exports';
import { renderHere } from './render';

export interface RenderJob {
  id: number;
  doc: ExportDocument;
  format: DocumentFormat;
}

export type RenderReply = { id: number; bytes: Uint8Array } | { id: number; error: string };

interface Waiting {
  resolve(file: Buffer): void;
  reject(error: Error): void;
}

/**
 * Renders PDF, DOCX and HWPX files on one worker thread, so that a long document never holds
 * the server's event loop (a 20-item minutes PDF takes about half a second of pure CPU; see
 * bench/README). One thread: the machine has few cores, and files queue rather than compete
 * with the sockets. Started on the first export and kept, so its fonts are parsed once; it
 * keeps the process alive only while it owes a file. A thread that dies fails what it held
 * and the next export starts a new one.
 */
export class RenderThread {
  /** The thread, and the files it owes (each thread its own: a stopped one fails only its own). */
  private current: { worker: Worker; waiting: Map<number, Waiting> } | null = null;
  private nextId = 0;

  render(doc: ExportDocument, format: DocumentFormat): Promise<Buffer> {
    // Markdown is a string join: cheaper than the trip to the thread.
    if (format === 'md') return renderHere(doc, format);
    const { worker, waiting } = this.current ?? this.start();
    const id = ++this.nextId;
    return new Promise<Buffer>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      // Held while it owes a file, so that a pending export keeps the process; idle, it never does.
      worker.ref();
      worker.postMessage({ id, doc, format } satisfies RenderJob);
    });
  }

  /** The running thread's id, if one runs (for tests). */
  threadIds(): number[] {
    return this.current ? [this.current.worker.threadId] : [];
  }

  /** Stops the thread; what it held fails. */
  async close(): Promise<void> {
    const current = this.current;
    this.current = null;
    if (current) await current.worker.terminate();
  }

  private start(): { worker: Worker; waiting: Map<number, Waiting> } {
    const waiting = new Map<number, Waiting>();
    const worker = new Worker(new URL('./render-worker-boot.mjs', import.meta.url), {
      workerData: { entry: new URL('./render-worker.ts', import.meta.url).href },
    });
    worker.on('message', (reply: RenderReply) => {
      const job = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (waiting.size === 0) worker.unref();
      if ('error' in reply) job?.reject(new Error(`export rendering failed: ${reply.error}`));
      else job?.resolve(Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength));
    });
    const lost = (error: Error) => {
      if (this.current?.worker === worker) this.current = null;
      for (const job of waiting.values()) job.reject(error);
      waiting.clear();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the export render thread stopped (exit code ${code})`)));
    // After the listeners: adding a 'message' listener refs the worker again.
    worker.unref();
    this.current = { worker, waiting };
    return this.current;
  }
}
