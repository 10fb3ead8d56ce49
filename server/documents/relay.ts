import * as Y from 'yjs';
import type { ClusterBus } from '../cluster/bus';
import type { KeyedHead } from '../cluster/messages';
import type { Logger } from '../logger';

type Kind = KeyedHead<'document'>['kind'];
/** What the room applies: a change another instance's client made. */
export type RemoteMessage = { kind: 'update' | 'awareness'; data: Uint8Array };
/** Sync step 1 over the bus (the `document` topic of cluster/messages.ts); the answers are ordinary `update`s. */
type SyncMessage = { kind: 'sync' | 'sync-reply'; data: Uint8Array };

/** An update with no structs and an empty delete set: nothing to send. */
const EMPTY_UPDATE_BYTES = 2;

/**
 * Carries a document's updates and awareness to the other server instances that hold it: the
 * cluster bus's `document` topic, keyed by the document's name, its bytes as they are. Only
 * what an instance's own clients send is published; each instance stores what it publishes, so
 * a relayed update is applied and forwarded but never stored or relayed again, and the bus
 * never hands an instance its own. One document's messages from one instance arrive in the
 * order sent (one channel per document).
 *
 * Pub/sub forgets what it could not deliver. When the connection returns after an outage,
 * the instances exchange state vectors for the document (`sync`), and each sends the others
 * what they lack, so edits made on both sides meanwhile meet without an unload. The same
 * happens when the first subscription failed because Redis was away at load time.
 */
export class DocRelay {
  private unsubscribe: (() => Promise<void>) | undefined;
  private doc: Y.Doc | undefined;
  private left = false;
  private readonly stopWatching: () => void;

  private constructor(
    private readonly bus: ClusterBus,
    private readonly docName: string,
    private readonly log: Logger,
    private readonly onMessage: (message: RemoteMessage) => void,
  ) {
    this.stopWatching = bus.onReconnected(() => void this.resync());
  }

  /**
   * Subscribes before the document is read from the store, so no update falls in between.
   * Never fails for want of Redis: the document then loads from the store alone, and the
   * subscription (with a sync) follows when Redis returns.
   */
  static async join(bus: ClusterBus, docName: string, log: Logger, onMessage: (message: RemoteMessage) => void): Promise<DocRelay> {
    const relay = new DocRelay(bus, docName, log, onMessage);
    await relay.subscribe();
    return relay;
  }

  /** The loaded document, whose state answers other instances' `sync`. */
  follow(doc: Y.Doc): void {
    this.doc = doc;
  }

  /** Never fails: what Redis did not take, the others get from the sync when it returns (the bus logs it). */
  publish(kind: Kind, data: Uint8Array): void {
    void this.bus.publishTo('document', this.docName, { kind }, data);
  }

  leave(): void {
    this.left = true;
    this.stopWatching();
    this.unsubscribe?.().catch((error: unknown) => this.log.warn({ err: error, docName: this.docName }, 'could not unsubscribe'));
  }

  private async subscribe(): Promise<void> {
    try {
      const unsubscribe = await this.bus.join('document', this.docName, ({ kind }, data) => this.receive(kind, data));
      if (this.left) await unsubscribe();
      else this.unsubscribe = unsubscribe;
    } catch (error) {
      this.log.warn({ err: error, docName: this.docName }, 'not subscribed to other instances until Redis returns');
    }
  }

  /** After an outage: subscribe if that failed, then ask the others what this instance missed. */
  private async resync(): Promise<void> {
    if (this.left) return;
    if (!this.unsubscribe) await this.subscribe();
    if (this.doc && this.unsubscribe) this.publish('sync', Y.encodeStateVector(this.doc));
  }

  private receive(kind: Kind, data: Uint8Array): void {
    if (this.left) return; // an unsubscribe during an outage may leave the listener behind
    if (kind === 'sync' || kind === 'sync-reply') this.answer({ kind, data });
    else this.onMessage({ kind, data });
  }

  /** Sync step 2 for another instance: what it lacks, and (asked) our state vector in return. */
  private answer(message: SyncMessage): void {
    // A document still loading has nothing to add to what the asker can read from the store.
    if (!this.doc) return;
    try {
      const missing = Y.encodeStateAsUpdate(this.doc, message.data);
      // Deletions carry no clock, so the delete set travels even when the vectors agree.
      if (missing.length > EMPTY_UPDATE_BYTES) this.publish('update', missing);
      if (message.kind === 'sync') this.publish('sync-reply', Y.encodeStateVector(this.doc));
    } catch (error) {
      this.log.warn({ err: error, docName: this.docName }, 'ignored a state vector that would not decode');
    }
  }
}
