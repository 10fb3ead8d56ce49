import type { Logger } from '../logger';
import type { DocStore } from './doc-store';
import { LiveDoc, type LiveDocDeps } from './document';

export interface RegistryOptions {
  store: DocStore;
  bus?: LiveDocDeps['bus'];
  logger: Logger;
  idleUnloadMs: number;
  compactEvery: number;
  merge: LiveDocDeps['merge'];
  /** The admission of a document, from its kind (see DocKinds); none for a name of no kind. */
  admissionOf(name: string): LiveDocDeps['admission'];
  userNow?: LiveDocDeps['userNow'];
  /** Told of each document that loaded. */
  onLoaded(name: string, doc: LiveDoc): void;
  forwarded?: LiveDocDeps['forwarded'];
}

/**
 * The loaded documents. A document is loaded once however many callers ask for it at
 * the same time (one promise per name while loading), kept while it has connections,
 * and unloaded after it has been idle. Unloading writes nothing: every change is in the
 * log before it is applied, so there is no in-memory state to save, and a document that
 * failed to load is never cached and never written back.
 */
export class DocRegistry {
  private readonly loaded = new Map<string, LiveDoc>();
  private readonly loading = new Map<string, Promise<LiveDoc>>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly options: RegistryOptions) {}

  get size(): number {
    return this.loaded.size;
  }

  /** The document if it is in memory now, without loading it. */
  peek(name: string): LiveDoc | undefined {
    return this.loaded.get(name);
  }

  /**
   * The loaded document. Callers that keep it (connections) must attach before yielding
   * to the event loop; an unattached document is unloaded after `idleUnloadMs`.
   */
  get(name: string): Promise<LiveDoc> {
    if (this.closed) return Promise.reject(new Error('the document server is closing'));
    const doc = this.loaded.get(name);
    if (doc) return Promise.resolve(doc);
    let loading = this.loading.get(name);
    if (!loading) {
      loading = this.load(name);
      this.loading.set(name, loading);
    }
    return loading;
  }

  /** Flushes every write in flight and drops all documents. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.unloadTimers.values()) clearTimeout(timer);
    this.unloadTimers.clear();
    await Promise.allSettled(this.loading.values());
    await Promise.all([...this.loaded.values()].map((doc) => doc.drain()));
    for (const doc of this.loaded.values()) doc.destroy();
    this.loaded.clear();
  }

  private async load(name: string): Promise<LiveDoc> {
    const started = Date.now();
    try {
      const doc = await LiveDoc.load(name, {
        store: this.options.store,
        logger: this.options.logger,
        compactEvery: this.options.compactEvery,
        merge: this.options.merge,
        bus: this.options.bus,
        admission: this.options.admissionOf(name),
        userNow: this.options.userNow,
        forwarded: this.options.forwarded,
        onIdle: () => this.scheduleUnload(name),
      });
      this.loaded.set(name, doc);
      // Whoever asked may be gone already (a socket closed while loading); then nobody would ever detach.
      this.scheduleUnload(name);
      this.options.logger.debug({ docName: name, ms: Date.now() - started }, 'document loaded');
      this.options.onLoaded(name, doc);
      return doc;
    } catch (error) {
      this.options.logger.error({ err: error, docName: name }, 'document failed to load');
      throw error;
    } finally {
      this.loading.delete(name);
    }
  }

  private scheduleUnload(name: string): void {
    if (this.closed) return;
    clearTimeout(this.unloadTimers.get(name));
    const timer = setTimeout(() => this.unloadIfIdle(name), this.options.idleUnloadMs);
    timer.unref();
    this.unloadTimers.set(name, timer);
  }

  private unloadIfIdle(name: string): void {
    this.unloadTimers.delete(name);
    const doc = this.loaded.get(name);
    if (!doc || doc.connections.size > 0) return;
    // A write still in flight (a server-side change, a compaction) must finish first.
    if (doc.busy) return this.scheduleUnload(name);
    this.loaded.delete(name);
    doc.destroy();
    this.options.logger.debug({ docName: name }, 'document unloaded');
  }
}
