import * as Y from 'yjs';
import { encodeUpdate } from './messages';

/** Who receives a batch: anything that can be sent a message. */
export interface Receiver {
  send(message: Uint8Array): void;
}

const merge = (updates: Uint8Array[]): Uint8Array => (updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates));

/**
 * Forwards the updates applied within one turn of the event loop as one merged
 * update per receiver. Sending is most of the cost of a busy document (one frame
 * and one system call per update per receiver); under load many updates arrive
 * in the same turn, and each receiver then gets a single frame. Every update is
 * stored before it is added here, so the short wait risks nothing.
 */
export class UpdateBatch {
  private pending: { update: Uint8Array; origin: unknown }[] = [];
  private timer: NodeJS.Immediate | undefined;

  constructor(private readonly receivers: () => Iterable<Receiver>) {}

  add(update: Uint8Array, origin: unknown): void {
    this.pending.push({ update, origin });
    this.timer ??= setImmediate(() => this.flush());
  }

  /** Sends what is pending: everyone gets all of it, except that nobody is sent their own updates back. */
  flush(): void {
    clearImmediate(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const origins = new Set(batch.map((b) => b.origin));
    let all: Uint8Array | undefined;
    for (const receiver of this.receivers()) {
      if (!origins.has(receiver)) {
        receiver.send((all ??= encodeUpdate(merge(batch.map((b) => b.update)))));
        continue;
      }
      const others = batch.filter((b) => b.origin !== receiver).map((b) => b.update);
      if (others.length > 0) receiver.send(encodeUpdate(merge(others)));
    }
  }

  /** Drops what is pending (the document is going away; it is all stored). */
  clear(): void {
    clearImmediate(this.timer);
    this.timer = undefined;
    this.pending = [];
  }
}
