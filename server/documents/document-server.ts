import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/close-codes';
import { textDocNameOf } from '../../shared/comments';
import type { User } from '../../shared/domain';
import type { Logger } from '../logger';
import { admitNow, type DocAccess } from './access';
import { Connection } from './connection';
import { StandardClose, type Session } from './session';
import type { DocumentServer, DocumentServerDeps, DocumentServerStats, ExclusiveDoc, LoadedListener } from './index';
import { DocRegistry } from './registry';
import { StateMerger, type Merger } from './state-merger';
import { createSocketServer, docNameOf, refuse } from './upgrade';

const heartbeatMs = 30_000;
/** How long `close` waits for clients to answer the close frame before cutting them off. */
const closeGraceMs = 2_000;

export class DocumentServerImpl implements DocumentServer {
  private readonly wss = createSocketServer();
  private readonly merger: Merger;
  private readonly registry: DocRegistry;
  private readonly connections = new Set<Connection>();
  private readonly log: Logger;
  private readonly heartbeat: NodeJS.Timeout;
  /**
   * Bumped by every `recheck`. A connection whose access was decided before a recheck
   * started but which joined after it had looked is checked again.
   */
  private accessEpoch = 0;
  /** The latest recheck of each connection: an older answer arriving late must not win. */
  private readonly latestCheck = new WeakMap<Connection, number>();
  /** The upgrade request of each connection: its credentials, to authenticate it again at write time. */
  private readonly requests = new WeakMap<Session, IncomingMessage>();
  private checks = 0;
  private closing = false;
  private readonly loadedListeners: LoadedListener[] = [];

  constructor(private readonly deps: DocumentServerDeps) {
    this.log = deps.logger.child({ module: 'documents' });
    this.merger = deps.merger ?? new StateMerger();
    this.registry = new DocRegistry({
      store: deps.store,
      logger: this.log,
      idleUnloadMs: deps.idleUnloadMs ?? 30_000,
      compactEvery: deps.compactEvery ?? 500,
      merge: (updates) => this.merger.merge(updates),
      bus: deps.bus,
      admissionOf: (name) => deps.kinds.admission(name) ?? undefined,
      // Only with a way to read the user as they are now; otherwise a write would re-decide with stale facts.
      userNow: deps.findUser && ((conn) => this.userNow(conn)),
      onLoaded: (name, doc) => this.loaded(name, doc.doc),
      forwarded: deps.forwarded,
    });
    this.heartbeat = setInterval(() => this.connections.forEach((c) => c.heartbeat()), heartbeatMs);
    this.heartbeat.unref();
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const docName = docNameOf(req);
    if (docName === undefined) return false;
    // Node removes its own error listener before 'upgrade'; a reset during the async checks would crash us.
    const onEarlyError = (error: Error) => this.log.debug({ err: error }, 'socket error before upgrade');
    socket.on('error', onEarlyError);
    this.admit(req, socket, head, docName)
      .catch((error: unknown) => {
        this.log.error({ err: error }, 'upgrade failed');
        socket.destroy();
      })
      .finally(() => socket.off('error', onEarlyError));
    return true;
  }

  async recheck(match: (docName: string) => boolean): Promise<void> {
    this.accessEpoch++;
    // A document's comments follow it: `comments:proposal:1` is rechecked with `proposal:1`.
    const affected = [...this.connections].filter((c) => c.isOpen && match(textDocNameOf(c.docName) ?? c.docName));
    await Promise.all(affected.map((c) => this.recheckConnection(c)));
  }

  onLoaded(listener: LoadedListener): void {
    this.loadedListeners.push(listener);
  }

  async change(docName: string, fn: (doc: Y.Doc) => void): Promise<void> {
    const doc = await this.registry.get(docName);
    await doc.change(fn);
  }

  async exclusive<T>(docName: string, command: (doc: ExclusiveDoc) => Promise<T>): Promise<T> {
    const doc = await this.registry.get(docName);
    return doc.exclusive(command);
  }

  async state(docName: string): Promise<Uint8Array> {
    const doc = await this.registry.get(docName);
    return Y.encodeStateAsUpdate(doc.doc);
  }

  reauthenticate(userId: string): void {
    for (const conn of this.connections) {
      if (conn.isOpen && conn.user.id === userId) conn.close(CloseCode.reauthenticate, 'Signed out somewhere: reconnecting to sign in again.');
    }
  }

  stats(): DocumentServerStats {
    return { documents: this.registry.size, connections: this.connections.size };
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    clearInterval(this.heartbeat);
    const open = [...this.connections];
    const closed = Promise.all(open.map((c) => new Promise<void>((resolve) => c.onClosed(resolve))));
    for (const conn of open) conn.close(CloseCode.serverShutdown, 'The server is restarting.');
    // What was received before the close is still stored.
    await this.registry.close();
    await this.merger.close();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([closed, new Promise((resolve) => (timer = setTimeout(resolve, closeGraceMs)))]);
    clearTimeout(timer);
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private loaded(docName: string, doc: Y.Doc): void {
    for (const listener of this.loadedListeners) {
      try {
        listener(docName, doc);
      } catch (error) {
        this.log.error({ err: error, docName }, 'a listener failed on a loaded document');
      }
    }
  }

  /** Authenticates and decides access before the WebSocket exists; refuses with a close code and reason. */
  private async admit(req: IncomingMessage, socket: Duplex, head: Buffer, docName: string | null): Promise<void> {
    const deny = (code: number, reason: string) => refuse(this.wss, req, socket, head, code, reason);
    if (this.closing) return deny(CloseCode.serverShutdown, 'The server is restarting.');
    let user: User | null;
    let access: DocAccess | null;
    const epoch = this.accessEpoch;
    const admission = docName === null ? null : this.deps.kinds.admission(docName);
    try {
      user = await this.deps.authenticate(req);
      if (!user) return deny(CloseCode.unauthenticated, 'Sign in to open this document.');
      access = admission && (await admission.access(user));
    } catch (error) {
      this.log.error({ err: error, docName }, 'could not authenticate or check access');
      return deny(StandardClose.internalError, 'Access could not be checked; try again.');
    }
    if (!access || docName === null) return deny(CloseCode.notFound, 'No such document, or you may not open it.');
    if (this.closing) return deny(CloseCode.serverShutdown, 'The server is restarting.');
    // A document with connections will be compacted before long; its merger should be ready by then.
    this.merger.warm();
    const admitted = { docName, user, access };
    this.wss.handleUpgrade(req, socket, head, (ws) => this.requests.set(this.open(ws, admitted, epoch), req));
  }

  private open(ws: WebSocket, admitted: { docName: string; user: User; access: DocAccess }, epoch: number): Connection {
    const conn = new Connection(ws, admitted.docName, admitted.user, admitted.access, this.log);
    this.connections.add(conn);
    conn.onClosed(() => this.connections.delete(conn));
    conn.log.debug({ access: conn.access }, 'connected');
    if (epoch !== this.accessEpoch) void this.recheckConnection(conn);
    void this.attachWhenLoaded(conn);
    return conn;
  }

  /** Messages wait in the connection until the document is loaded: no sync reply before that. */
  private async attachWhenLoaded(conn: Connection): Promise<void> {
    try {
      const doc = await this.registry.get(conn.docName);
      // Attach in this same turn: the registry unloads documents nobody attached to.
      if (conn.isOpen) doc.attach(conn);
    } catch (error) {
      conn.log.error({ err: error }, 'could not open the document');
      conn.close(StandardClose.internalError, 'The document could not be loaded; retrying.');
    }
  }

  /** The session's user now, for a write or a recheck: its credentials authenticated again (null once the session ended). */
  private async userNow(conn: Session): Promise<User | null> {
    const request = this.requests.get(conn);
    return request ? this.deps.authenticate(request) : this.deps.findUser ? this.deps.findUser(conn.user.id) : conn.user;
  }

  /** What the connection may do with its document now, as the document's kind decides for its user now. */
  private async accessNow(conn: Session): Promise<DocAccess | null> {
    const admission = this.deps.kinds.admission(conn.docName);
    return admission && admitNow(admission, conn.user, await this.userNow(conn));
  }

  private async recheckConnection(conn: Connection): Promise<void> {
    const check = ++this.checks;
    this.latestCheck.set(conn, check);
    let access: DocAccess | null;
    try {
      access = await this.accessNow(conn);
    } catch (error) {
      // Fail closed: the client reconnects and is checked afresh on the way in.
      conn.log.error({ err: error }, 'could not recheck access');
      conn.close(StandardClose.internalError, 'Access could not be checked; reconnecting.');
      return;
    }
    if (!conn.isOpen || this.latestCheck.get(conn) !== check) return;
    if (!access) {
      conn.close(CloseCode.permissionsChanged, 'Your access to this document was withdrawn.');
      return;
    }
    const doc = this.registry.peek(conn.docName);
    if (doc?.connections.has(conn)) doc.setAccess(conn, access);
    // Still loading: the document reads the access when the connection attaches.
    else conn.access = access;
  }
}
