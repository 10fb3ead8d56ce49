import WebSocket from 'ws';
import { CloseCode } from '../../shared/close-codes';
import type { User } from '../../shared/domain';
import type { Logger } from '../logger';
import type { DocAccess } from './access';
import { Broadcast } from './broadcast';
import { decodeMessage, type ClientMessage } from './messages';
import { TokenBucket } from '../ephemeral/token-bucket';
import { StandardClose, type Session } from './session';

/** Awareness messages a writer may send per second; cursor moves beyond that are dropped. */
const awarenessPerSecond = 20;
/** Before its document is loaded a client may queue this much (hocuspocus caps the same way). */
const maxQueuedMessages = 1_000;
const maxQueuedBytes = 5 * 1024 * 1024;
/** A client that lets this much pile up unread is cut off rather than held in memory. */
const maxBufferedBytes = 32 * 1024 * 1024;
/** RFC 6455 limits a close reason to 123 bytes; ws throws beyond that. */
const maxReasonBytes = 123;


let nextId = 1;

/**
 * Where a connection is in its life: messages queue while its document loads, go to the
 * room once attached, and nothing more is looked at once it is closing. `answeredPing`
 * is the heartbeat's: a socket that did not answer the last ping is dead.
 */
type ConnectionState =
  | { type: 'loading'; queued: ClientMessage[]; queuedBytes: number; answeredPing: boolean }
  | { type: 'attached'; handler: (message: ClientMessage) => void; answeredPing: boolean }
  | { type: 'closing'; refused: boolean };

/**
 * One client socket on one document: the WebSocket transport of a `Session`. It decodes
 * and validates what arrives, queues messages until its document is loaded (no sync reply
 * before that), and carries the per-connection policy: its access and its awareness throttle.
 */
export class Connection implements Session {
  readonly kind = 'session';
  readonly id = nextId++;
  readonly log: Logger;
  access: DocAccess;
  readonly awarenessRate = new TokenBucket(awarenessPerSecond);

  private state: ConnectionState = { type: 'loading', queued: [], queuedBytes: 0, answeredPing: true };
  private readonly closedListeners: (() => void)[] = [];

  constructor(
    private readonly ws: WebSocket,
    readonly docName: string,
    readonly user: User,
    access: DocAccess,
    logger: Logger,
  ) {
    this.access = access;
    this.log = logger.child({ conn: this.id, docName, userId: user.id });
    ws.on('message', (data, isBinary) => this.receive(data, isBinary));
    ws.on('pong', () => {
      if (this.state.type !== 'closing') this.state.answeredPing = true;
    });
    // ws reports protocol errors here and closes the socket itself; an unheard 'error' would crash the process.
    ws.on('error', (error) => this.log.debug({ err: error }, 'socket error'));
    ws.on('close', (code, reason) => {
      if (this.state.type !== 'closing') this.state = { type: 'closing', refused: false };
      this.log.debug({ code, reason: reason.toString() }, 'connection closed');
      for (const listener of this.closedListeners.splice(0)) listener();
    });
  }

  get isOpen(): boolean {
    return this.state.type !== 'closing' && this.ws.readyState === WebSocket.OPEN;
  }

  get refused(): boolean {
    return this.state.type === 'closing' && this.state.refused;
  }

  /** Runs once the socket has closed, whoever closed it. */
  onClosed(listener: () => void): void {
    if (this.ws.readyState === WebSocket.CLOSED) listener();
    else this.closedListeners.push(listener);
  }

  /** Starts delivering messages, those queued while the document was loading first. */
  attach(handler: (message: ClientMessage) => void): void {
    if (this.state.type !== 'loading') return;
    const { queued, answeredPing } = this.state;
    this.state = { type: 'attached', handler, answeredPing };
    for (const message of queued) if (this.state.type === 'attached') handler(message);
  }

  send(message: Uint8Array | Broadcast): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    if (this.ws.bufferedAmount > maxBufferedBytes) {
      this.close(StandardClose.tryAgainLater, 'The connection is too slow to keep up; reconnect.');
      return;
    }
    if (message instanceof Broadcast) message.writeTo(this.ws);
    else this.ws.send(message);
  }

  close(code: number, reason: string, why?: 'refused'): void {
    if (this.state.type === 'closing') {
      // Closed already (by the client, say): updates of it still waiting are dropped all the same.
      if (why === 'refused') this.state.refused = true;
      return;
    }
    this.state = { type: 'closing', refused: why === 'refused' };
    this.log.info({ code, reason }, 'closing connection');
    this.ws.close(code, truncate(reason));
  }

  /** Called periodically: a socket that did not answer the previous ping is dead (e.g. a laptop lid closed). */
  heartbeat(): void {
    if (this.ws.readyState !== WebSocket.OPEN || this.state.type === 'closing') return;
    if (!this.state.answeredPing) {
      this.log.info('no pong; terminating');
      this.ws.terminate();
      return;
    }
    this.state.answeredPing = false;
    this.ws.ping();
  }

  private receive(data: WebSocket.RawData, isBinary: boolean): void {
    if (this.state.type === 'closing') return;
    if (!isBinary) {
      this.close(CloseCode.invalidMessage, 'Only binary y-websocket messages are accepted.');
      return;
    }
    const bytes = toBytes(data);
    const decoded = decodeMessage(bytes);
    if (!decoded.ok) {
      this.log.info({ reason: decoded.reason, bytes: bytes.byteLength }, 'malformed message');
      this.close(CloseCode.invalidMessage, `Malformed message: ${decoded.reason}`);
      return;
    }
    const state = this.state;
    if (state.type === 'attached') {
      state.handler(decoded.message);
      return;
    }
    state.queued.push(decoded.message);
    state.queuedBytes += bytes.byteLength;
    if (state.queued.length > maxQueuedMessages || state.queuedBytes > maxQueuedBytes) {
      this.close(StandardClose.tryAgainLater, 'Too many messages before the document was ready.');
    }
  }
}

function toBytes(data: WebSocket.RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

function truncate(reason: string): string {
  const bytes = Buffer.from(reason);
  if (bytes.byteLength <= maxReasonBytes) return reason;
  // Cut on a character boundary: drop a partial UTF-8 sequence at the end.
  return bytes.subarray(0, maxReasonBytes).toString().replace(/\uFFFD+$/, '');
}
