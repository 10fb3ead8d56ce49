import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Folds a document's update log into one state update on a worker thread. Compaction
 * replays hundreds of updates into a fresh document (5–20 ms for a proposal of
 * 30–300 KiB); on the event loop that would hold back every keystroke of every document
 * meanwhile. The worker has its own copy of Yjs; bytes go in and out, transferred.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Y = require(workerData.yjs);
parentPort.on('message', ({ id, updates }) => {
  const doc = new Y.Doc();
  try {
    Y.transact(doc, () => updates.forEach((update) => Y.applyUpdate(doc, update)));
    const state = Y.encodeStateAsUpdate(doc);
    parentPort.postMessage({ id, state }, [state.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  } finally {
    doc.destroy();
  }
});
`;

type Reply = { id: number; state: Uint8Array } | { id: number; error: string };

/** What the document server needs of a merger: merging, getting ready ahead of it, stopping. */
export interface Merger {
  merge(updates: Uint8Array[]): Promise<Uint8Array>;
  /** Gets ready for a first merge that will come soon (see `StateMerger.warm`). */
  warm(): void;
  close(): Promise<void>;
}

export class StateMerger implements Merger {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, { resolve(state: Uint8Array): void; reject(error: Error): void }>();
  private nextId = 1;

  /** One state update holding everything in `updates`, deleted content garbage-collected. */
  merge(updates: Uint8Array[]): Promise<Uint8Array> {
    const id = this.nextId++;
    const worker = this.start();
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      if (this.waiting.size === 1) worker.ref();
      worker.postMessage({ id, updates });
    });
  }

  /**
   * Starts the worker ahead of the first merge. Starting one (a Node environment and Yjs)
   * takes ~100 ms of a core; done during the first compaction, that lands in the middle of
   * live editing, on a machine whose cores are serving it.
   */
  warm(): void {
    this.start();
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const yjs = createRequire(import.meta.url).resolve('yjs');
    const worker = new Worker(workerSource, { eval: true, workerData: { yjs } });
    // Held only while a merge is in flight: an idle merger must not keep the process alive.
    worker.unref();
    worker.on('message', (reply: Reply) => this.settle(reply));
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) => this.failAll(new Error(`the state merger exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private settle(reply: Reply): void {
    const waiter = this.waiting.get(reply.id);
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) this.worker?.unref();
    if ('error' in reply) waiter?.reject(new Error(reply.error));
    else waiter?.resolve(reply.state);
  }

  private failAll(error: Error): void {
    this.worker = undefined;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
