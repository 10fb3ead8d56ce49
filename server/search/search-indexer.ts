import * as Y from 'yjs';
import { minutesText } from '../../shared/meetings/minutes';
import { strategyDocName } from '../../shared/strategy';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { TEXT_FIELD } from '../../shared/text-field';
import type { Store } from '../store/store';
import { searchableDoc } from './searchable';

export interface SearchIndexerDeps {
  store: Pick<Store, 'search' | 'docs' | 'proposals' | 'meetings'>;
  clock: Clock;
  logger: Logger;
  /** How long a document rests after a change before its text is written. */
  delayMs: number;
}

/** The plain text of a Tiptap document, read as the minutes' seal reads it (blocks one a line, NFC). */
const plainText = (doc: Y.Doc): string => minutesText(doc.getXmlFragment(TEXT_FIELD));

/**
 * Keeps the search index up to date from the live documents: a loaded proposal, minutes or
 * strategy document is indexed when it loads and again once it has rested `delayMs` after a change
 * (every change, whoever made it: an editor, a restore, an accepted amendment, a relay from
 * another instance), and at once when it unloads. Documents nobody opened since the index
 * existed are read from the store once at start (`backfill`).
 */
export class SearchIndexer {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The text last written for each loaded document: an unchanged text is not written again. */
  private readonly written = new Map<string, string>();
  private readonly writes = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly d: SearchIndexerDeps) {}

  /** Hook for DocumentServer.onLoaded. */
  watch(docName: string, doc: Y.Doc): void {
    if (!searchableDoc(docName)) return;
    doc.on('update', () => this.schedule(docName, doc));
    doc.on('destroy', () => {
      clearTimeout(this.timers.get(docName));
      this.timers.delete(docName);
      this.write(docName, plainText(doc));
      this.written.delete(docName);
    });
    // The stored text may be missing or older than the document (written before a crash).
    this.schedule(docName, doc);
  }

  /** Indexes, from the stored log, the proposals, minutes and strategy that have no text in the index yet. */
  async backfill(): Promise<number> {
    const [proposals, meetings] = await Promise.all([this.d.store.proposals.list({}), this.d.store.meetings.list()]);
    const names = [...proposals.map((p) => `proposal:${p.id}`), ...meetings.map((m) => `minutes:${m.id}`), strategyDocName()];
    const missing = await this.d.store.search.missingTexts(names);
    for (const name of missing) {
      if (this.closed) break;
      const doc = new Y.Doc();
      // Each row on its own: a row that will not apply is the quarantine's business, not the index's.
      for (const update of await this.d.store.docs.load(name)) {
        try {
          Y.applyUpdate(doc, update);
        } catch {
          // left out of the text, as the document server leaves it out of the document
        }
      }
      await this.d.store.search.putTextIfMissing(name, plainText(doc), this.now());
      doc.destroy();
    }
    return missing.length;
  }

  /** Writes what is waiting and stops; later changes are not indexed (the server is closing). */
  async close(): Promise<void> {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.closed = true;
    await Promise.all(this.writes);
  }

  /** Resolves once every write begun so far has ended (tests). */
  async settled(): Promise<void> {
    await Promise.all(this.writes);
  }

  private schedule(docName: string, doc: Y.Doc): void {
    if (this.closed) return;
    clearTimeout(this.timers.get(docName));
    const timer = setTimeout(() => {
      this.timers.delete(docName);
      this.write(docName, plainText(doc));
    }, this.d.delayMs);
    timer.unref();
    this.timers.set(docName, timer);
  }

  private write(docName: string, text: string): void {
    if (this.closed || this.written.get(docName) === text) return;
    this.written.set(docName, text);
    const write = this.d.store.search.putText(docName, text, this.now()).catch((error: unknown) => {
      // The next change writes it again; until then the index shows the text before.
      this.written.delete(docName);
      this.d.logger.warn({ err: error, docName }, 'search index: text not written');
    });
    this.writes.add(write);
    void write.finally(() => this.writes.delete(write));
  }

  private now(): string {
    return new Date(this.d.clock.now()).toISOString();
  }
}
