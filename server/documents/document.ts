import * as Y from 'yjs';
import { CloseCode } from '../../shared/close-codes';
import { limits } from '../../shared/limits';
import type { ClusterBus } from '../cluster/bus';
import type { Logger } from '../logger';
import type { User } from '../../shared/domain';
import { admitNow, type DocAccess, type DocAdmission } from './access';
import { DocAwareness } from './awareness';
import { Compactor } from './compactor';
import { Broadcast } from './broadcast';
import type { DocStore } from './doc-store';
import type { ExclusiveDoc } from './index';
import { describeUpdate, encodeSyncStep1, encodeSyncStep2, type ClientMessage, type UpdateInfo } from './messages';
import { DocRelay, type RemoteMessage } from './relay';
import { SerialQueue } from './serial-queue';
import { StandardClose, type Origin, type Session } from './session';
import { SizeGuard } from './size-guard';
import { replayLog } from './log-replay';
import { TrialDoc } from './trial';
import { UpdateBatch } from './update-batch';

export interface LiveDocDeps {
  store: DocStore;
  logger: Logger;
  compactEvery: number;
  /** Folds updates into one state update, off the event loop (see StateMerger). */
  merge(updates: Uint8Array[]): Promise<Uint8Array>;
  /** The cluster bus, when there may be other instances: the document's traffic crosses on it (see DocRelay). */
  bus?: ClusterBus;
  /** Called when the last connection leaves. */
  onIdle(): void;
  /** Told, for each client update, the seconds from its arrival to its forwarding (the metrics). */
  forwarded?(seconds: number): void;
  /**
   * The document's admission, from its kind, and the session's user as they are now (null:
   * signed out or gone). With both, the room asks the kind before each write round what each
   * sender may do now: a change of role or status made on another instance then holds at the
   * next write, however late the control plane's recheck arrives. Without them, access is as last decided.
   */
  admission?: DocAdmission;
  userNow?(conn: Session): Promise<User | null>;
}

/**
 * A document whose last write round ended within this long is busy: its next round waits for
 * the end of the event loop's turn, to gather what else arrives in it into one transaction
 * and one frame. (From the end: a round that sends to hundreds of sockets takes milliseconds.)
 */
const busyWithinMs = 5;

/** Why a connection's update was refused; the connection is then closed with a reason. */
type Refusal = 'too-large' | 'store-failed' | 'not-applicable' | 'unresolved';

/** A server-side change a command staged: stored at `seq` once `committed`. */
interface Staged {
  update: Uint8Array;
  seq: number;
  committed: boolean;
}

/** A client's update waiting for the next write round. */
interface Received {
  info: UpdateInfo;
  origin: Session;
  /** performance.now() when it arrived. */
  at: number;
}

/**
 * A loaded document and the connections on it. Clients' updates are written in rounds,
 * one per turn of the event loop: the updates received in that turn are appended to the
 * durable log in one transaction, then forwarded (one merged message per receiver),
 * then applied to the in-memory document. Rounds and server-side changes run one at a
 * time, so the log and the document see the same order.
 */
export class LiveDoc {
  readonly connections = new Set<Session>();
  /** Updates applied this turn of the event loop, forwarded together (see UpdateBatch). */
  private readonly updates = new UpdateBatch(() => this.connections);
  private readonly awareness: DocAwareness;
  private readonly writes = new SerialQueue();
  /** Updates received since the last write round started. */
  private inbox: Received[] = [];
  private roundQueued = false;
  private lastRoundEnd = -Infinity;
  private readonly size: SizeGuard;
  /** Where each client update is applied first: only what applies there is stored (see TrialDoc). */
  private readonly trial: TrialDoc;
  private readonly log: Logger;
  /** Keeps the durable log short. */
  private readonly compactor: Compactor;

  /**
   * Loads the stored log; rows that would not apply are moved to the quarantine first and the
   * document loads from the rest. Throws (leaving nothing behind) when the store fails.
   */
  static async load(name: string, deps: LiveDocDeps): Promise<LiveDoc> {
    // Relayed messages that arrive while the store is read are applied after it (updates commute).
    const early: RemoteMessage[] = [];
    let doc: LiveDoc | undefined;
    const relay = deps.bus && (await DocRelay.join(deps.bus, name, deps.logger, (m) => (doc ? doc.receiveRemote(m) : early.push(m))));
    try {
      const replayed = await LiveDoc.replay(name, deps);
      doc = new LiveDoc(name, replayed.doc, replayed.rows, deps, relay);
    } catch (error) {
      relay?.leave();
      throw error;
    }
    for (const message of early) doc.receiveRemote(message);
    relay?.follow(doc.doc);
    return doc;
  }

  /** The log replayed, each row that would not apply moved to the quarantine (and logged as an error). */
  private static async replay(name: string, deps: LiveDocDeps): Promise<{ doc: Y.Doc; rows: number }> {
    const updates = await deps.store.load(name);
    const all = new Y.Doc();
    try {
      Y.transact(all, () => updates.forEach((update) => Y.applyUpdate(all, update, 'load')), 'load');
      return { doc: all, rows: updates.length };
    } catch {
      all.destroy();
    }
    // Some row throws: find which, row by row, and take them out of the log.
    const log = await deps.store.loadLog(name);
    const { doc, failed } = replayLog(log);
    try {
      for (const { row, error } of failed) {
        await deps.store.quarantine(name, row.seq, error);
        deps.logger.error({ docName: name, seq: row.seq, bytes: row.update.byteLength, error }, 'a stored update would not apply; moved it to the quarantine');
      }
    } catch (error) {
      doc.destroy();
      throw error;
    }
    return { doc, rows: log.length - failed.length };
  }

  private constructor(
    readonly name: string,
    readonly doc: Y.Doc,
    rows: number,
    private readonly deps: LiveDocDeps,
    private readonly relay: DocRelay | undefined,
  ) {
    this.log = deps.logger.child({ docName: name });
    this.awareness = new DocAwareness(
      this.doc,
      (message, except) => this.broadcast(message, except),
      (update) => relay?.publish('awareness', update),
    );
    this.trial = new TrialDoc(this.doc);
    this.size = new SizeGuard(this.doc, limits.yjsDocumentBytes);
    this.compactor = new Compactor({ name, store: deps.store, merge: deps.merge, compactEvery: deps.compactEvery, writes: this.writes, size: this.size, log: this.log }, rows);
    // No 'update' listener: every change is applied in this class with its update in hand
    // (forwarded and relayed from here), and a listener would make Yjs encode each one again.
    // Transactions are still tagged with where they came from (`Origin`): a session, 'server', 'remote', 'load'.
  }

  get busy(): boolean {
    return this.writes.busy || this.inbox.length > 0 || this.compactor.busy;
  }

  attach(conn: Session): void {
    this.connections.add(conn);
    conn.onClosed(() => this.detach(conn));
    // A reader's reply to sync step 1 would be ignored anyway, so only writers are asked.
    if (conn.access !== 'read') conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    this.awareness.sendStates(conn);
    conn.attach((message) => this.receive(conn, message));
  }

  /** Applies a new access decision to a live connection, without a reconnect. */
  setAccess(conn: Session, access: DocAccess): void {
    if (conn.access === access) return;
    conn.access = access;
    conn.log.info({ access }, 'access changed');
    if (access === 'read') this.awareness.drop(conn, conn);
    // A new writer may hold edits it made offline; asking for its state brings them in.
    else conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
  }

  /** Applies a server-side change (e.g. restoring a version), stored and forwarded like a client's. */
  change(fn: (doc: Y.Doc) => void): Promise<void> {
    // Stored on its own: the append is the whole transaction.
    const own = { docs: this.deps.store, afterCommit: (then: () => void) => then() };
    return this.exclusive(async (held) => held.stage(fn)?.append(own));
  }

  /** Runs a command with the document held (see `ExclusiveDoc`); its staged change is applied once committed. */
  exclusive<T>(command: (doc: ExclusiveDoc) => Promise<T>): Promise<T> {
    return this.writes.run(async () => {
      let staged: Staged | undefined;
      const held: ExclusiveDoc = {
        state: () => Y.encodeStateAsUpdate(this.doc),
        stage: (fn) => {
          if (staged) throw new Error(`one staged change per command on ${this.name}`);
          const update = this.stageChange(fn);
          if (!update) return null;
          const change: Staged = { update, seq: 0, committed: false };
          staged = change;
          return {
            update,
            append: async (tx) => {
              change.seq = await tx.docs.appendBatch(this.name, [update]);
              tx.afterCommit(() => (change.committed = true));
            },
          };
        },
      };
      try {
        return await command(held);
      } finally {
        // Stored is stored, even when the command failed after its commit.
        if (staged?.committed) this.applyServerChange(staged.update, staged.seq);
      }
    });
  }

  /** Waits for received updates to be written, and queued writes (and compaction) to finish. */
  async drain(): Promise<void> {
    if (this.inbox.length > 0) await this.writes.run(() => this.writeRoundSafely());
    await this.writes.drain();
    await this.compactor.settled();
  }

  destroy(): void {
    this.updates.clear();
    this.trial.destroy();
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
      this.trial.follow(message.data);
      this.updates.add(message.data, 'remote');
      this.size.applied(message.data);
    } catch (error) {
      // Another instance applied it before storing it, so this is unexpected; the replica starts again from here.
      this.trial.drop();
      this.log.warn({ err: error }, 'ignored a relayed message that would not apply');
    }
  }

  private detach(conn: Session): void {
    if (!this.connections.delete(conn)) return;
    this.awareness.drop(conn, 'disconnect');
    if (this.connections.size === 0) this.deps.onIdle();
  }

  private receive(conn: Session, message: ClientMessage): void {
    try {
      this.handle(conn, message);
    } catch (error) {
      // A message that parsed but that Yjs chokes on (e.g. while diffing a sync reply) must not reach the socket's event loop.
      conn.log.error({ err: error, type: message.type }, 'could not handle a message');
      this.refuse(conn, 'not-applicable');
    }
  }

  private handle(conn: Session, message: ClientMessage): void {
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

  private receiveUpdate(conn: Session, info: UpdateInfo, isSyncReply: boolean): void {
    if (conn.access === 'read') {
      conn.log.debug('ignored an update from a reader');
      return;
    }
    if (info.empty || conn.refused) return;
    if (isSyncReply) {
      // A reconnecting client's reply holds all it knows: store and forward only what is new here.
      if (Y.snapshotContainsUpdate(Y.snapshot(this.doc), info.update)) return;
      info = describeUpdate(Y.diffUpdate(info.update, Y.encodeStateVector(this.doc)));
    }
    this.inbox.push({ info, origin: conn, at: performance.now() });
    if (this.roundQueued) return;
    this.roundQueued = true;
    const round = () => void this.writes.run(() => this.writeRoundSafely());
    // A quiet document is unlikely to get another update in this turn: write as soon as this
    // socket's data is read, rather than after every other socket's.
    if (this.writes.busy || performance.now() - this.lastRoundEnd < busyWithinMs) setImmediate(round);
    else queueMicrotask(round);
  }

  /** A round that failed unexpectedly is logged, never left as an unhandled rejection. */
  private async writeRoundSafely(): Promise<void> {
    try {
      await this.writeRound();
    } catch (error) {
      this.log.error({ err: error }, 'a write round failed');
    }
  }

  /**
   * Appends the updates received since the last round to the log in one transaction,
   * forwards them (a client may see what is durable), then applies them.
   */
  private async writeRound(): Promise<void> {
    this.roundQueued = false;
    const received = this.inbox.splice(0);
    const { admission, userNow } = this.deps;
    // Without a way to ask, no await: the round stays in this turn, as before the check existed.
    const round = this.admit(admission && userNow ? await this.fromWritersNow(async (conn) => admitNow(admission, conn.user, await userNow(conn)), received) : received);
    if (round.length === 0) return;
    let seq: number;
    try {
      seq = await this.deps.store.appendBatch(this.name, round.map((r) => r.info.update));
    } catch (error) {
      this.log.error({ err: error, updates: round.length }, 'could not append updates; none was forwarded or applied');
      this.trial.abandon();
      for (const conn of new Set(round.map((r) => r.origin))) this.refuse(conn, 'store-failed');
      return;
    }
    for (const { info, origin } of round) this.updates.add(info.update, origin);
    try {
      this.updates.flush();
    } catch (error) {
      // Stored all the same: it must reach the document, and clients get it when they sync again.
      this.log.error({ err: error }, 'could not forward a round of updates');
    }
    if (this.deps.forwarded) {
      const now = performance.now();
      for (const r of round) this.deps.forwarded((now - r.at) / 1000);
    }
    for (const { info, origin } of round) this.apply(info.update, origin);
    this.trial.settled();
    this.lastRoundEnd = performance.now();
    this.compactor.logged(round.length, seq);
  }

  /**
   * The updates whose senders may still write, decided now: a sender that became a reader
   * stays connected as one (as after a recheck), one that may no longer open the document is
   * closed, and one whose access cannot be checked is refused like a failed store.
   */
  private async fromWritersNow(accessNow: (conn: Session) => Promise<DocAccess | null>, received: Received[]): Promise<Received[]> {
    if (received.length === 0) return received;
    const senders = [...new Set(received.map((r) => r.origin))].filter((conn) => !conn.refused);
    const decided = await Promise.all(senders.map((conn) => accessNow(conn).then((access) => ({ access }), (error: unknown) => ({ error }))));
    senders.forEach((conn, i) => {
      const now = decided[i]!;
      if ('error' in now) {
        conn.log.error({ err: now.error }, 'could not check access before a write');
        this.refuse(conn, 'store-failed');
      } else if (now.access === null) {
        conn.close(CloseCode.permissionsChanged, 'Your access to this document was withdrawn.', 'refused');
      } else if (now.access !== conn.access && this.connections.has(conn)) {
        this.setAccess(conn, now.access);
      }
    });
    return received.filter((r) => !r.origin.refused && r.origin.access !== 'read');
  }

  /**
   * The updates of a round that may be written: none from a failed connection, none that
   * make the doc too large, and none that would not apply in full (tried on the replica,
   * in order, after those admitted before it in this round).
   */
  private admit(received: Received[]): Received[] {
    const admitted: Received[] = [];
    for (const r of received) {
      if (r.origin.refused) continue;
      if (!this.size.admits(r.info.update, r.info.inserts)) {
        this.refuse(r.origin, 'too-large');
        continue;
      }
      const trial = this.trial.try(r.info.update);
      if (!trial.ok) {
        if (trial.why === 'throws') r.origin.log.warn({ err: trial.error, bytes: r.info.update.byteLength }, 'refused an update that does not apply');
        this.refuse(r.origin, trial.why === 'throws' ? 'not-applicable' : 'unresolved');
        continue;
      }
      this.size.applied(r.info.update);
      admitted.push(r);
    }
    return admitted;
  }

  private apply(update: Uint8Array, origin: Session): void {
    try {
      Y.applyUpdate(this.doc, update, origin);
      this.relay?.publish('update', update);
    } catch (error) {
      // It applied to the replica, so this is a bug; the replica may now differ from this document.
      this.trial.drop();
      this.log.error({ err: error }, 'a stored update that applied to the replica failed to apply');
      this.refuse(origin, 'not-applicable');
    }
  }

  /** Closes a connection whose update was refused; whatever it sent after that is dropped too. */
  private refuse(conn: Session, why: Refusal): void {
    const { code, reason } = refusalClose(why);
    if (why === 'too-large' || why === 'unresolved') conn.log.info({ why }, 'refused an update');
    conn.close(code, reason, 'refused');
  }

  /** What `fn` changes, checked against the size limit; null when it changes nothing. */
  private stageChange(fn: (doc: Y.Doc) => void): Uint8Array | null {
    const update = this.captureChange(fn);
    if (!update) return null;
    const { inserts } = describeUpdate(update);
    if (!this.size.admits(update, inserts)) throw new Error(`could not change ${this.name}: the document would be too large`);
    return update;
  }

  /** A server-side change that is stored: applied, forwarded, relayed, counted. */
  private applyServerChange(update: Uint8Array, seq: number): void {
    Y.applyUpdate(this.doc, update, 'server');
    this.trial.follow(update);
    this.updates.add(update, 'server');
    this.relay?.publish('update', update);
    this.size.applied(update);
    this.compactor.logged(1, seq);
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
  private broadcast(message: Uint8Array, origin: Origin): void {
    const shared = new Broadcast(message);
    for (const conn of this.connections) if (conn !== origin) conn.send(shared);
  }
}

const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;

/**
 * The close code and reason of each refusal. 'unresolved': another instance may have what
 * the update refers to; the relay brings it here soon, so the client retries (its sync reply
 * then carries all it has, dependencies included).
 */
function refusalClose(why: Refusal): { code: number; reason: string } {
  switch (why) {
    case 'too-large':
      return { code: CloseCode.documentTooLarge, reason: `The document may not exceed ${mib(limits.yjsDocumentBytes)}; this change was not saved.` };
    case 'store-failed':
      return { code: StandardClose.internalError, reason: 'Your change could not be saved; reconnecting.' };
    case 'not-applicable':
      return { code: CloseCode.notApplicable, reason: 'Your change could not be applied to this document and was not saved.' };
    case 'unresolved':
      return { code: StandardClose.tryAgainLater, reason: 'Your change refers to changes this server has not received yet; reconnecting.' };
    default:
      return why satisfies never;
  }
}
