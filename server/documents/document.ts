import * as Y from 'yjs';
import { CloseCode } from '../../shared/close-codes';
import { limits } from '../../shared/limits';
import type { Ephemeral } from '../ephemeral/ephemeral';
import type { Logger } from '../logger';
import type { DocAccess } from './access';
import { DocAwareness } from './awareness';
import { Connection, StandardClose } from './connection';
import type { DocStore } from './doc-store';
import { describeUpdate, encodeSyncStep1, encodeSyncStep2, type ClientMessage, type UpdateInfo } from './messages';
import { DocRelay, type RemoteMessage } from './relay';
import { SerialQueue } from './serial-queue';
import { SizeGuard } from './size-guard';
import { UpdateBatch } from './update-batch';

/** Where a change to the in-memory document came from (hocuspocus tags its transactions the same way). */
export type Origin = Connection | 'server' | 'load' | 'remote';

export interface LiveDocDeps {
  store: DocStore;
  logger: Logger;
  compactEvery: number;
  /** Pub/sub to the other instances, when there may be some. */
  relay?: { ephemeral: Ephemeral; instanceId: string };
  /** Called when the last connection leaves. */
  onIdle(): void;
}

export type WriteOutcome = 'stored' | 'skipped' | 'too-large' | 'store-failed' | 'not-applicable';

/**
 * A loaded document and the connections on it. Every change goes through `persist`:
 * appended to the durable log first, then applied, then forwarded (batched per turn
 * of the event loop), one at a time.
 */
export class LiveDoc {
  readonly doc = new Y.Doc();
  readonly connections = new Set<Connection>();
  /** Updates applied this turn of the event loop, forwarded together (see UpdateBatch). */
  private readonly updates = new UpdateBatch(() => this.connections);
  private readonly awareness: DocAwareness;
  private readonly writes = new SerialQueue();
  private readonly size: SizeGuard;
  private readonly log: Logger;
  /** Rows in the durable log; compaction folds them into one once there are too many. */
  private logLength: number;
  private compactAfter: number;

  /** Loads the stored log; throws (leaving nothing behind) when the store or an update fails. */
  static async load(name: string, deps: LiveDocDeps): Promise<LiveDoc> {
    // Relayed messages that arrive while the store is read are applied after it (updates commute).
    const early: RemoteMessage[] = [];
    let doc: LiveDoc | undefined;
    const relay =
      deps.relay &&
      (await DocRelay.join(deps.relay.ephemeral, deps.relay.instanceId, name, deps.logger, (m) =>
        doc ? doc.receiveRemote(m) : early.push(m),
      ));
    try {
      doc = new LiveDoc(name, await deps.store.load(name), deps, relay);
    } catch (error) {
      relay?.leave();
      throw error;
    }
    for (const message of early) doc.receiveRemote(message);
    return doc;
  }

  private constructor(
    readonly name: string,
    stored: Uint8Array[],
    private readonly deps: LiveDocDeps,
    private readonly relay: DocRelay | undefined,
  ) {
    this.log = deps.logger.child({ docName: name });
    this.awareness = new DocAwareness(
      this.doc,
      (message, except) => this.broadcast(message, except),
      (update) => relay?.publish('awareness', update),
    );
    try {
      Y.transact(this.doc, () => stored.forEach((update) => Y.applyUpdate(this.doc, update, 'load')), 'load');
    } catch (error) {
      // The caller leaves the relay; here only what this constructor made.
      this.awareness.destroy();
      this.doc.destroy();
      throw error;
    }
    this.size = new SizeGuard(this.doc, limits.yjsDocumentBytes);
    this.logLength = stored.length;
    this.compactAfter = deps.compactEvery;
    this.doc.on('update', (update: Uint8Array, origin: Origin) => {
      this.updates.add(update, origin);
      if (origin !== 'remote') relay?.publish('update', update);
    });
  }

  get busy(): boolean {
    return this.writes.busy;
  }

  attach(conn: Connection): void {
    this.connections.add(conn);
    conn.onClosed(() => this.detach(conn));
    // A reader's reply to sync step 1 would be ignored anyway, so only writers are asked.
    if (conn.access === 'write') conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    this.awareness.sendStates(conn);
    conn.attach((message) => this.receive(conn, message));
  }

  /** Applies a new access decision to a live connection, without a reconnect. */
  setAccess(conn: Connection, access: DocAccess): void {
    if (conn.access === access) return;
    conn.access = access;
    conn.log.info({ access }, 'access changed');
    if (access === 'read') this.awareness.drop(conn, conn);
    // A new writer may hold edits it made offline; asking for its state brings them in.
    else conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
  }

  /** Applies a server-side change (e.g. restoring a version), stored and forwarded like a client's. */
  change(fn: (doc: Y.Doc) => void): Promise<void> {
    return this.writes.run(async () => {
      const update = this.captureChange(fn);
      if (!update) return;
      const outcome = await this.persist(describeUpdate(update), 'server');
      if (outcome !== 'stored' && outcome !== 'skipped') throw new Error(`could not change ${this.name}: ${outcome}`);
    });
  }

  /** Waits for queued writes (and compaction) to finish. */
  drain(): Promise<void> {
    return this.writes.drain();
  }

  destroy(): void {
    this.updates.clear();
    this.relay?.leave();
    this.awareness.destroy();
    this.doc.destroy();
  }

  /** An update or awareness change another instance received (and stored): applied and forwarded only. */
  private receiveRemote(message: RemoteMessage): void {
    try {
      if (message.kind === 'awareness') {
        this.awareness.receiveRemote(message.data);
        return;
      }
      Y.applyUpdate(this.doc, message.data, 'remote');
      this.size.applied(message.data);
    } catch (error) {
      this.log.warn({ err: error }, 'ignored a relayed message that would not apply');
    }
  }

  private detach(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    this.awareness.drop(conn, 'disconnect');
    if (this.connections.size === 0) this.deps.onIdle();
  }

  private receive(conn: Connection, message: ClientMessage): void {
    switch (message.type) {
      case 'sync-step-1':
        conn.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, message.stateVector)));
        return;
      case 'sync-step-2':
      case 'update':
        this.receiveUpdate(conn, message, message.type === 'sync-step-2');
        return;
      case 'awareness':
        this.awareness.receive(conn, message.update, message.entries);
        return;
      case 'query-awareness':
        this.awareness.sendStates(conn);
        return;
      default:
        message satisfies never;
    }
  }

  private receiveUpdate(conn: Connection, info: UpdateInfo, isSyncReply: boolean): void {
    if (conn.access !== 'write') {
      conn.log.debug('ignored an update from a reader');
      return;
    }
    if (info.empty) return;
    // A reconnecting client's sync reply often holds nothing new; don't grow the log with it.
    if (isSyncReply && Y.snapshotContainsUpdate(Y.snapshot(this.doc), info.update)) return;
    void this.writes.run(() => this.persist(info, conn)).then((outcome) => this.settle(conn, outcome));
  }

  /** Runs inside the write queue: size check, append, apply (which forwards), maybe compact. */
  private async persist(info: UpdateInfo, origin: Origin): Promise<WriteOutcome> {
    if (origin instanceof Connection && origin.failed) return 'skipped';
    if (!this.size.admits(info.update, info.inserts)) return 'too-large';
    let seq: number;
    try {
      seq = await this.deps.store.append(this.name, info.update);
    } catch (error) {
      this.log.error({ err: error }, 'could not append an update; it was not applied');
      return 'store-failed';
    }
    try {
      Y.applyUpdate(this.doc, info.update, origin);
    } catch (error) {
      // Parsed fine but would not apply; it is in the log, so a reload will meet it again: say so loudly.
      this.log.error({ err: error, seq }, 'a stored update failed to apply');
      return 'not-applicable';
    }
    this.size.applied(info.update);
    this.logLength++;
    if (this.logLength > this.compactAfter) await this.compact(seq);
    return 'stored';
  }

  private settle(conn: Connection, outcome: WriteOutcome): void {
    switch (outcome) {
      case 'stored':
      case 'skipped':
        return;
      case 'too-large':
        conn.failed = true;
        conn.log.info('refused an update that would make the document too large');
        conn.close(CloseCode.documentTooLarge, `The document may not exceed ${mib(limits.yjsDocumentBytes)}; this change was not saved.`);
        return;
      case 'store-failed':
        conn.failed = true;
        conn.close(StandardClose.internalError, 'Your change could not be saved; reconnecting.');
        return;
      case 'not-applicable':
        conn.failed = true;
        conn.close(CloseCode.invalidMessage, 'The update could not be applied.');
        return;
      default:
        outcome satisfies never;
    }
  }

  /**
   * Folds the log, up to `throughSeq`, into one state update. The state is rebuilt from the
   * stored rows rather than taken from memory: with several instances, the log may hold an
   * update from another one that has not reached this one yet.
   */
  private async compact(throughSeq: number): Promise<void> {
    try {
      const state = stateOf(await this.deps.store.load(this.name));
      await this.deps.store.compact(this.name, state, throughSeq);
      this.logLength = 1;
      this.compactAfter = this.deps.compactEvery;
      this.size.measured(state.byteLength);
      this.log.debug({ throughSeq, bytes: state.byteLength }, 'compacted');
    } catch (error) {
      // The log is intact (one transaction); try again after another round of updates.
      this.compactAfter = this.logLength + this.deps.compactEvery;
      this.log.error({ err: error }, 'compaction failed');
    }
  }

  /** Runs `fn` on a copy and returns what it changed, so the change can be stored before it is applied. */
  private captureChange(fn: (doc: Y.Doc) => void): Uint8Array | null {
    const copy = new Y.Doc();
    try {
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.doc));
      const updates: Uint8Array[] = [];
      copy.on('update', (update: Uint8Array) => updates.push(update));
      fn(copy);
      return updates.length ? Y.mergeUpdates(updates) : null;
    } finally {
      copy.destroy();
    }
  }

  /** Sends to every connection but the one the change came from. */
  private broadcast(message: Uint8Array, origin: unknown): void {
    for (const conn of this.connections) if (conn !== origin) conn.send(message);
  }
}

/** One state update from a log: applied to a fresh doc, so deleted content is garbage-collected. */
function stateOf(updates: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  try {
    Y.transact(doc, () => updates.forEach((update) => Y.applyUpdate(doc, update)));
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;
