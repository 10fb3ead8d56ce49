import * as Y from 'yjs';
import { Broadcast } from './broadcast';
import { encodeUpdate } from './messages';
import type { ServerOrigin } from './session';

/** Who receives a batch: anything that can be sent a message. */
export interface Receiver {
  send(message: Broadcast): void;
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
  private pending: { update: Uint8Array; origin: Receiver | ServerOrigin }[] = [];
  private timer: NodeJS.Immediate | undefined;

  constructor(private readonly receivers: () => Iterable<Receiver>) {}

  add(update: Uint8Array, origin: Receiver | ServerOrigin): void {
    this.pending.push({ update, origin });
    this.timer ??= setImmediate(() => this.flush());
  }

  /**
   * Sends what is pending as one message to everyone. When it all came from one
   * connection, that one is skipped; when several wrote in the same turn, they get
   * their own updates back inside the merge (Yjs ignores what a document already
   * has): one merge per turn, where leaving each writer out would cost a merge per
   * writer, and the turns with several writers are the busy ones.
   */
  flush(): void {
    clearImmediate(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const soleOrigin = batch.every((b) => b.origin === batch[0]!.origin) ? batch[0]!.origin : undefined;
    const message = new Broadcast(encodeUpdate(merge(batch.map((b) => b.update))));
    for (const receiver of this.receivers()) if (receiver !== soleOrigin) receiver.send(message);
  }

  /** Drops what is pending (the document is going away; it is all stored). */
  clear(): void {
    clearImmediate(this.timer);
    this.timer = undefined;
    this.pending = [];
  }
}
