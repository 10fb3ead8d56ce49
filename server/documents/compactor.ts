import type { Logger } from '../logger';
import type { DocStore } from './doc-store';
import type { SerialQueue } from './serial-queue';
import type { SizeGuard } from './size-guard';

export interface CompactorDeps {
  name: string;
  store: Pick<DocStore, 'load' | 'compact'>;
  /** Folds updates into one state update, off the event loop (see StateMerger). */
  merge(updates: Uint8Array[]): Promise<Uint8Array>;
  /** Compact once the log holds more rows than this. */
  compactEvery: number;
  /** The document's write queue: the swap takes one turn of it. */
  writes: SerialQueue;
  /** Told the size measured by each compaction. */
  size: Pick<SizeGuard, 'mark' | 'measuredAt'>;
  log: Logger;
}

/**
 * Keeps a document's durable log short: counts the rows appended, and once there are too
 * many folds them into one state update, while writes go on. The state is rebuilt from the
 * stored rows rather than taken from memory: with several instances, the log may hold an
 * update from another one that has not reached this one yet. The rebuild runs on a worker
 * thread; only the swap (delete the folded rows, insert the state) takes a turn of the
 * write queue. A failed compaction leaves the log intact and is tried again later.
 */
export class Compactor {
  /** Rows in the durable log. */
  private logLength: number;
  private compactAfter: number;
  /** The sequence number of the last row this instance appended. */
  private lastSeq = 0;
  /** The compaction in flight. */
  private running: Promise<void> | undefined;

  constructor(
    private readonly d: CompactorDeps,
    rows: number,
  ) {
    this.logLength = rows;
    this.compactAfter = d.compactEvery;
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Counts rows appended through `seq`, and starts folding the log when it has grown long. */
  logged(rows: number, seq: number): void {
    this.logLength += rows;
    this.lastSeq = seq;
    this.compactIfLong();
  }

  /** Resolves once no compaction is running. */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private compactIfLong(): void {
    if (this.logLength <= this.compactAfter || this.running) return;
    this.running = this.compact(this.lastSeq).finally(() => {
      this.running = undefined;
      // Rows appended while it ran may already make the log long again.
      this.compactIfLong();
    });
  }

  private async compact(throughSeq: number): Promise<void> {
    const { d } = this;
    const lengthBefore = this.logLength;
    try {
      // Before the rows are read: what is applied from here on may be missing from them.
      const sizeMark = d.size.mark();
      const rows = await d.store.load(d.name);
      const state = await d.merge(rows);
      await d.writes.run(() => d.store.compact(d.name, state, throughSeq));
      // Rows appended meanwhile stay; they were counted.
      this.logLength = this.logLength - lengthBefore + 1;
      this.compactAfter = d.compactEvery;
      d.size.measuredAt(state.byteLength, sizeMark);
      d.log.debug({ throughSeq, bytes: state.byteLength }, 'compacted');
    } catch (error) {
      // The log is intact (one transaction); try again after another round of updates.
      this.compactAfter = this.logLength + d.compactEvery;
      d.log.error({ err: error }, 'compaction failed');
    }
  }
}
