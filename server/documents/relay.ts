import * as Y from 'yjs';
import type { Ephemeral, Unsubscribe } from '../ephemeral/ephemeral';
import type { Logger } from '../logger';

export type RemoteMessage = { kind: 'update' | 'awareness'; data: Uint8Array };

/**
 * What crosses the channel besides updates and awareness: sync step 1 over pub/sub. `sync`
 * carries the sender's state vector and asks every other instance for what the sender
 * lacks and for their own state vector; `sync-reply` carries a state vector and asks only
 * for what is missing. The answers are ordinary `update` messages.
 */
type SyncMessage = { kind: 'sync' | 'sync-reply'; data: Uint8Array };
type Message = RemoteMessage | SyncMessage;

/** An update with no structs and an empty delete set: nothing to send. */
const EMPTY_UPDATE_BYTES = 2;

/**
 * Carries a document's updates and awareness to the other server instances over the
 * Ephemeral pub/sub (Redis with several instances, memory with one). Only what an
 * instance's own clients send is published; each instance stores what it publishes, so a
 * relayed update is applied and forwarded but never stored or relayed again.
 *
 * Pub/sub forgets what it could not deliver. When the connection returns after an outage,
 * the instances exchange state vectors for the document (`sync`), and each sends the others
 * what they lack, so edits made on both sides meanwhile meet without an unload. The same
 * happens when the first subscription failed because Redis was away at load time.
 */
export class DocRelay {
  private unsubscribe: Unsubscribe | undefined;
  private doc: Y.Doc | undefined;
  private left = false;
  private readonly stopWatching: () => void;

  private constructor(
    private readonly ephemeral: Ephemeral,
    private readonly channel: string,
    private readonly instanceId: string,
    private readonly log: Logger,
    private readonly onMessage: (message: RemoteMessage) => void,
  ) {
    this.stopWatching = ephemeral.onReconnected(() => void this.resync());
  }

  /**
   * Subscribes before the document is read from the store, so no update falls in between.
   * Never fails for want of Redis: the document then loads from the store alone, and the
   * subscription (with a sync) follows when Redis returns.
   */
  static async join(
    ephemeral: Ephemeral,
    instanceId: string,
    docName: string,
    log: Logger,
    onMessage: (message: RemoteMessage) => void,
  ): Promise<DocRelay> {
    const relay = new DocRelay(ephemeral, `yjs:${docName}`, instanceId, log, onMessage);
    await relay.subscribe();
    return relay;
  }

  /** The loaded document, whose state answers other instances' `sync`. */
  follow(doc: Y.Doc): void {
    this.doc = doc;
  }

  publish(kind: Message['kind'], data: Uint8Array): void {
    const message = `${this.instanceId} ${kind} ${Buffer.from(data).toString('base64')}`;
    this.ephemeral.publish(this.channel, message).catch((error: unknown) => {
      // Other instances miss this live; the sync when Redis returns brings it to them.
      this.log.warn({ err: error, channel: this.channel }, 'could not relay to other instances');
    });
  }

  leave(): void {
    this.left = true;
    this.stopWatching();
    this.unsubscribe?.().catch((error: unknown) => this.log.warn({ err: error, channel: this.channel }, 'could not unsubscribe'));
  }

  private async subscribe(): Promise<void> {
    try {
      const unsubscribe = await this.ephemeral.subscribe(this.channel, (raw) => this.receive(raw));
      if (this.left) await unsubscribe();
      else this.unsubscribe = unsubscribe;
    } catch (error) {
      this.log.warn({ err: error, channel: this.channel }, 'not subscribed to other instances until Redis returns');
    }
  }

  /** After an outage: subscribe if that failed, then ask the others what this instance missed. */
  private async resync(): Promise<void> {
    if (this.left) return;
    if (!this.unsubscribe) await this.subscribe();
    if (this.doc && this.unsubscribe) this.publish('sync', Y.encodeStateVector(this.doc));
  }

  private receive(raw: string): void {
    if (this.left) return; // an unsubscribe during an outage may leave the listener behind
    const message = parse(raw, this.instanceId);
    if (message === 'own') return;
    if (!message) return this.log.warn({ channel: this.channel }, 'ignored a malformed relay message');
    if (message.kind === 'sync' || message.kind === 'sync-reply') this.answer({ kind: message.kind, data: message.data });
    else this.onMessage({ kind: message.kind, data: message.data });
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
      this.log.warn({ err: error, channel: this.channel }, 'ignored a state vector that would not decode');
    }
  }
}

const KINDS = new Set<Message['kind']>(['update', 'awareness', 'sync', 'sync-reply']);

/** `<instance> <kind> <base64>`: an instance skips its own messages without decoding them. */
function parse(raw: string, instanceId: string): Message | 'own' | null {
  if (raw.startsWith(`${instanceId} `)) return 'own';
  const [, kind, data, extra] = raw.split(' ');
  if (!KINDS.has(kind as Message['kind']) || data === undefined || extra !== undefined) return null;
  return { kind: kind as Message['kind'], data: new Uint8Array(Buffer.from(data, 'base64')) };
}
