/**
 * An in-memory session pair for the document room (server/documents/document.ts): a
 * `Session` on the server side and a Yjs client on the other, with nothing in between but
 * two queues that move only on an explicit `flush()`. No sockets, no timers of its own:
 * under fake timers a run is the same every time for a seed.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { User } from '../../shared/domain';
import type { DocAccess } from '../../server/documents/access';
import { Broadcast } from '../../server/documents/broadcast';
import type { DocStore, LoggedUpdate } from '../../server/documents/doc-store';
import { decodeMessage, encodeSyncStep1, encodeUpdate, MessageType, type ClientMessage } from '../../server/documents/messages';
import type { Session } from '../../server/documents/session';
import { TokenBucket } from '../../server/ephemeral/token-bucket';
import { createLogger } from '../../server/logger';

const logger = createLogger('silent');
let nextId = 1;

/** The server's side of the pair: what the room sees. Sent messages wait in `toClient`. */
export class MemorySession implements Session {
  readonly kind = 'session';
  readonly id = nextId++;
  readonly log = logger;
  readonly awarenessRate = new TokenBucket(20);
  readonly toClient: Uint8Array[] = [];
  closedWith: { code: number; reason: string } | null = null;
  private handler: ((message: ClientMessage) => void) | null = null;
  private wasRefused = false;
  private readonly closedListeners: (() => void)[] = [];

  constructor(
    readonly docName: string,
    readonly user: User,
    public access: DocAccess,
  ) {}

  get refused(): boolean {
    return this.wasRefused;
  }
  get isOpen(): boolean {
    return this.closedWith === null;
  }
  send(message: Uint8Array | Broadcast): void {
    if (this.isOpen) this.toClient.push(message instanceof Broadcast ? message.bytes : message);
  }
  close(code: number, reason: string, why?: 'refused'): void {
    if (why === 'refused') this.wasRefused = true;
    if (this.closedWith) return;
    this.closedWith = { code, reason };
    for (const listener of this.closedListeners.splice(0)) listener();
  }
  onClosed(listener: () => void): void {
    if (this.closedWith) listener();
    else this.closedListeners.push(listener);
  }
  attach(handler: (message: ClientMessage) => void): void {
    this.handler = handler;
  }
  /** Hands the room one message from the client, as a socket would. */
  deliver(bytes: Uint8Array): void {
    const decoded = decodeMessage(bytes);
    if (!decoded.ok) throw new Error(decoded.reason);
    if (this.isOpen) this.handler?.(decoded.message);
  }
}

/**
 * The client's side: a Y.Doc whose updates queue in `toServer` until flushed. Give it a
 * `clientId` for a run that replays exactly: Yjs picks a random one otherwise, and the order
 * of concurrent inserts follows the client ids.
 */
export class MemoryClient {
  readonly doc = new Y.Doc();
  readonly text = this.doc.getText('t');
  session: MemorySession | null = null;
  private readonly toServer: Uint8Array[] = [];

  constructor(clientId?: number) {
    if (clientId !== undefined) this.doc.clientID = clientId;
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this) this.toServer.push(encodeUpdate(update));
    });
  }

  /** Opens a new session (the room attaches it), and starts the sync handshake from this side. */
  connect(session: MemorySession): void {
    this.session = session;
    this.toServer.length = 0;
    this.toServer.push(encodeSyncStep1(Y.encodeStateVector(this.doc)));
  }

  get connected(): boolean {
    return this.session?.isOpen === true;
  }

  /** Moves every queued message both ways until neither side has anything left to say. */
  flush(): boolean {
    const session = this.session;
    if (!session?.isOpen) return false;
    let moved = false;
    while (session.isOpen && (this.toServer.length > 0 || session.toClient.length > 0)) {
      moved = true;
      for (const bytes of this.toServer.splice(0)) session.deliver(bytes);
      for (const bytes of session.toClient.splice(0)) this.receive(bytes);
    }
    return moved;
  }

  private receive(bytes: Uint8Array): void {
    const decoder = decoding.createDecoder(bytes);
    if (decoding.readVarUint(decoder) !== MessageType.sync) return; // awareness: not this harness's subject
    const reply = encoding.createEncoder();
    encoding.writeVarUint(reply, MessageType.sync);
    syncProtocol.readSyncMessage(decoder, reply, this.doc, this);
    if (encoding.length(reply) > 1) this.toServer.push(encoding.toUint8Array(reply));
  }
}

/** The message of a failed append of `MemoryDocStore`. */
export const diskFull = 'the disk is full';

/** A document store in memory; `failAppends` makes the next appends throw, as a full disk would. */
export class MemoryDocStore implements DocStore {
  private readonly logs = new Map<string, LoggedUpdate[]>();
  private seq = 0;
  failAppends = 0;

  private log(name: string): LoggedUpdate[] {
    let log = this.logs.get(name);
    if (!log) this.logs.set(name, (log = []));
    return log;
  }
  async load(name: string) {
    return this.log(name).map((row) => row.update);
  }
  async loadLog(name: string) {
    return [...this.log(name)];
  }
  async quarantine(name: string, seq: number) {
    const log = this.log(name);
    const at = log.findIndex((row) => row.seq === seq);
    if (at >= 0) log.splice(at, 1);
    return at >= 0;
  }
  async listQuarantined() {
    return [];
  }
  async append(name: string, update: Uint8Array) {
    return this.appendBatch(name, [update]);
  }
  async appendBatch(name: string, updates: Uint8Array[]) {
    if (this.failAppends > 0) {
      this.failAppends--;
      throw new Error(diskFull);
    }
    for (const update of updates) this.log(name).push({ seq: ++this.seq, update });
    return this.seq;
  }
  async compact(name: string, state: Uint8Array, throughSeq: number) {
    const rest = this.log(name).filter((row) => row.seq > throughSeq);
    this.logs.set(name, [{ seq: throughSeq, update: state }, ...rest]);
  }
  async count(name: string) {
    return this.log(name).length;
  }
  async saveVersion(): Promise<string> {
    throw new Error('not in this harness');
  }
  async listVersions() {
    return [];
  }
  async version() {
    return null;
  }
}
