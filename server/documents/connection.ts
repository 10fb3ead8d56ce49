import WebSocket from 'ws';
import { CloseCode } from '../../shared/close-codes';
import type { User } from '../../shared/domain';
import type { Logger } from '../logger';
import type { DocAccess } from './access';
import { Broadcast } from './broadcast';
import { decodeMessage, type ClientMessage } from './messages';
import { TokenBucket } from '../limits/token-bucket';

/** Awareness messages a writer may send per second; cursor moves beyond that are dropped. */
const awarenessPerSecond = 20;
/** Before its document is loaded a client may queue this much (hocuspocus caps the same way). */
const maxQueuedMessages = 1_000;
const maxQueuedBytes = 5 * 1024 * 1024;
/** A client that lets this much pile up unread is cut off rather than held in memory. */
const maxBufferedBytes = 32 * 1024 * 1024;
/** RFC 6455 limits a close reason to 123 bytes; ws throws beyond that. */
const maxReasonBytes = 123;

/** Standard codes used besides the application ones of `CloseCode`. */
export const StandardClose = { internalError: 1011, tryAgainLater: 1013 } as const;

let nextId = 1;

/**
 * One client socket on one document. It decodes and validates what arrives, queues
 * messages until its document is loaded (no sync reply before that), and carries the
 * per-connection policy: its access and its awareness throttle.
 */
export class Connection {
  readonly id = nextId++;
  readonly log: Logger;
  access: DocAccess;
  readonly awarenessRate = new TokenBucket(awarenessPerSecond);
  /** Set when one of its updates was refused or not stored: what it sent next may depend on it, so it is dropped too. */
  failed = false;

  private handler: ((message: ClientMessage) => void) | null = null;
  private queued: ClientMessage[] = [];
  private queuedBytes = 0;
  /** Once we decide to close, nothing more it sends is looked at. */
  private closing = false;
  private alive = true;
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
    ws.on('pong', () => (this.alive = true));
    // ws reports protocol errors here and closes the socket itself; an unheard 'error' would crash the process.
    ws.on('error', (error) => this.log.debug({ err: error }, 'socket error'));
    ws.on('close', (code, reason) => {
      this.closing = true;
      this.log.debug({ code, reason: reason.toString() }, 'connection closed');
      for (const listener of this.closedListeners.splice(0)) listener();
    });
  }

  get isOpen(): boolean {
    return !this.closing && this.ws.readyState === WebSocket.OPEN;
  }

  /** Runs once the socket has closed, whoever closed it. */
  onClosed(listener: () => void): void {
    if (this.ws.readyState === WebSocket.CLOSED) listener();
    else this.closedListeners.push(listener);
  }

  /** Starts delivering messages, those queued while the document was loading first. */
  attach(handler: (message: ClientMessage) => void): void {
    this.handler = handler;
    const queued = this.queued.splice(0);
    this.queuedBytes = 0;
    for (const message of queued) if (!this.closing) handler(message);
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

  close(code: number, reason: string): void {
    if (this.closing) return;
    this.closing = true;
    this.log.info({ code, reason }, 'closing connection');
    this.ws.close(code, truncate(reason));
  }

  /** Called periodically: a socket that did not answer the previous ping is dead (e.g. a laptop lid closed). */
  heartbeat(): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    if (!this.alive) {
      this.log.info('no pong; terminating');
      this.ws.terminate();
      return;
    }
    this.alive = false;
    this.ws.ping();
  }

  private receive(data: WebSocket.RawData, isBinary: boolean): void {
    if (this.closing) return;
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
    if (this.handler) {
      this.handler(decoded.message);
      return;
    }
    this.queued.push(decoded.message);
    this.queuedBytes += bytes.byteLength;
    if (this.queued.length > maxQueuedMessages || this.queuedBytes > maxQueuedBytes) {
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
