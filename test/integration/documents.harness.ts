/**
 * A real document server for the documents tests: node:http on port 0, our handleUpgrade,
 * SQLite in a temp dir, and stock `y-websocket` providers (ws as their WebSocket).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { User } from '../../shared/domain';
import { DocKinds, grant, type DocAccess, type DocGrant, type DocKind } from '../../server/documents/access';
import type { DocStore } from '../../server/documents/doc-store';
import { moveCommentsOutOnLoad } from '../../server/comments/move-out';
import { createDocumentServer, type DocumentServer, type DocumentServerDeps } from '../../server/documents/index';
import { encodeSyncStep1 } from '../../server/documents/messages';
import { systemClock } from '../../server/clock';
import { ClusterBus } from '../../server/cluster/bus';
import type { Ephemeral } from '../../server/ephemeral/ephemeral';
import { MemoryEphemeral } from '../../server/ephemeral/memory';
import { newId } from '../../server/ids';
import { createLogger } from '../../server/logger';
import { openDatabase, type Db } from '../../server/store/sqlite/database';
import { sqliteDocStore } from '../../server/store/sqlite/documents';
import { openPostgresStore } from '../../server/store/postgres';
import type { Store } from '../../server/store/store';
import { testDatabaseFor, type TestDatabase } from '../helpers/postgres';

const user = (id: string, role: User['role']): User => ({
  id,
  email: `${id}@forum.test`,
  name: id,
  role,
  subcommittee: role === 'chair' ? 'investment' : null,
  createdAt: '2026-01-01T00:00:00.000Z',
});

/** Fixture users; each signs in with `?token=token-<id>`. Observers read, everyone else writes. */
export const users = {
  alice: user('alice', 'chair'),
  bob: user('bob', 'ministry'),
  carol: user('carol', 'staff'),
  dave: user('dave', 'chair'),
  olga: user('olga', 'observer'),
} satisfies Record<string, User>;
export type UserName = keyof typeof users;

/** A user's access to a note: 'comment' reads the text and writes its comments (`comments:note:<id>`). */
export type NoteRule = DocAccess | 'comment' | null;

/** `note:<id>` documents; `note:missing-*` do not exist; `rules` overrides a user's access. */
export class NoteKind implements DocKind {
  readonly prefix = 'note';
  readonly rules = new Map<string, NoteRule>();

  async access(u: User, id: string): Promise<DocGrant | null> {
    if (id.startsWith('missing')) return null;
    const rule = this.rules.has(u.id) ? this.rules.get(u.id)! : u.role === 'observer' ? 'read' : 'write';
    if (rule === null) return null;
    return rule === 'comment' ? grant('read', true) : grant(rule, rule === 'write');
  }
}

export interface HarnessOptions {
  idleUnloadMs?: number;
  compactEvery?: number;
  merger?: DocumentServerDeps['merger'];
  /** Wraps the SQLite store, e.g. to delay or fail some calls. */
  wrapStore?: (store: DocStore) => DocStore;
  /** Pub/sub shared with other instances; by default a private in-memory one, as the app has with one instance. */
  ephemeral?: Ephemeral;
  /** Another instance's data directory: share its database file (and leave the directory to it). */
  dir?: string;
}

export interface Close {
  code: number;
  reason: string;
}

export class Client {
  readonly doc = new Y.Doc();
  readonly text = this.doc.getText('t');
  readonly provider: WebsocketProvider;
  /** Every close the server sent, in order. */
  readonly closes: Close[] = [];

  constructor(url: string, docName: string, token: string | null) {
    this.provider = new WebsocketProvider(url, docName, this.doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      params: token ? { token } : {},
      // In Node, BroadcastChannel is global: providers in one process would sync around the server.
      disableBc: true,
      maxBackoffTime: 100,
    });
    this.provider.on('connection-close', (event) => {
      if (event) this.closes.push({ code: event.code, reason: event.reason });
    });
  }

  get awareness() {
    return this.provider.awareness;
  }

  get socket(): WebSocket {
    return this.provider.ws as unknown as WebSocket;
  }

  synced(): Promise<unknown> {
    return waitFor(() => this.provider.synced, 'provider synced');
  }

  /** Resolves with the first close that made the provider give up (a 44xx code). */
  closed(): Promise<Close> {
    return waitFor(() => this.closes.find((c) => c.code >= 4400 && c.code < 4500), 'a terminal close');
  }

  /**
   * Sends sync step 1 and waits for the server's step 2: once it arrives, the server has
   * handled everything this client sent before, and sent us everything it meant to.
   */
  async roundTrip(): Promise<void> {
    const ws = this.socket;
    await new Promise<void>((resolve) => {
      const onMessage = (data: ArrayBuffer | Buffer) => {
        const bytes = new Uint8Array(data);
        if (bytes[0] === 0 && bytes[1] === 1) {
          ws.off('message', onMessage);
          resolve();
        }
      };
      ws.on('message', onMessage);
      ws.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    });
  }

  /** Cuts the connection the way a crash would: no goodbye, no reconnect. */
  kill(): void {
    this.provider.shouldConnect = false;
    this.socket.terminate();
  }

  destroy(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}

/** A bare socket for sending bytes the stock client never would. */
export class RawSocket {
  readonly received: Uint8Array[] = [];
  readonly closedWith: Promise<Close>;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => this.received.push(new Uint8Array(data)));
    this.closedWith = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  static async open(url: string, docName: string, token: string): Promise<RawSocket> {
    const ws = new WebSocket(`${url}/${docName}?token=${token}`);
    const raw = new RawSocket(ws);
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
    return raw;
  }
}

export class Harness {
  docs!: DocumentServer;
  store!: DocStore;
  /** The SQLite database (unless FORUM_TEST_STORE=postgres). */
  db!: Db;
  private pg: Store | undefined;
  private database: TestDatabase | undefined;
  readonly kind = new NoteKind();
  /** Paths the document server said were not its own. */
  readonly notOurs: string[] = [];
  private readonly clients: Client[] = [];
  private readonly ephemeral: Ephemeral;

  private constructor(
    private readonly http: Server,
    readonly dir: string,
    private readonly options: HarnessOptions,
  ) {
    this.ephemeral = options.ephemeral ?? new MemoryEphemeral(systemClock);
  }

  static async start(options: HarnessOptions = {}): Promise<Harness> {
    const http = createServer((_req, res) => res.writeHead(404).end());
    const h = new Harness(http, options.dir ?? mkdtempSync(join(tmpdir(), 'forum-docs-')), options);
    await h.boot();
    http.on('upgrade', (req, socket, head) => {
      if (!h.docs.handleUpgrade(req, socket, head)) {
        h.notOurs.push(req.url ?? '');
        socket.destroy();
      }
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    return h;
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.http.address() as AddressInfo).port}/yjs`;
  }

  /** A stock provider for `docName` signed in as `who` (null: no token at all). */
  connect(docName: string, who: UserName | null = 'alice', token = who && `token-${who}`): Client {
    const client = new Client(this.url, docName, token);
    this.clients.push(client);
    return client;
  }

  async connectSynced(docName: string, who: UserName = 'alice'): Promise<Client> {
    const client = this.connect(docName, who);
    await client.synced();
    return client;
  }

  raw(docName: string, who: UserName = 'alice'): Promise<RawSocket> {
    return RawSocket.open(this.url, docName, `token-${who}`);
  }

  /** The document as stored: the update log applied to a fresh Y.Doc. */
  async storedDoc(docName: string): Promise<Y.Doc> {
    const doc = new Y.Doc();
    for (const update of await this.store.load(docName)) Y.applyUpdate(doc, update);
    return doc;
  }

  async storedText(docName: string): Promise<string> {
    return (await this.storedDoc(docName)).getText('t').toString();
  }

  /** The server's copy of `docName` (loading it if needed). */
  async serverDoc(docName: string): Promise<Y.Doc> {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await this.docs.state(docName));
    return doc;
  }

  async serverText(docName: string): Promise<string> {
    return (await this.serverDoc(docName)).getText('t').toString();
  }

  /** Closes every client and the document server, then starts a fresh one on the same database file. */
  async restart(): Promise<void> {
    this.clients.splice(0).forEach((c) => c.destroy());
    await this.docs.close();
    await this.closeStore();
    await this.boot();
  }

  async close(): Promise<void> {
    this.clients.splice(0).forEach((c) => c.destroy());
    await this.docs.close();
    this.http.closeAllConnections();
    await new Promise((resolve) => this.http.close(resolve));
    await this.closeStore();
    if (!this.options.ephemeral) await this.ephemeral.close();
    if (!this.options.dir) {
      rmSync(this.dir, { recursive: true, force: true });
      await this.database?.drop();
    }
  }

  /** The update log: a SQLite file in the folder, or (FORUM_TEST_STORE=postgres) the folder's own PostgreSQL database. */
  private async openStore(): Promise<DocStore> {
    this.database ??= await testDatabaseFor(this.dir);
    if (this.database) {
      this.pg = await openPostgresStore(this.database.url);
      return this.pg.docs;
    }
    this.db = openDatabase(join(this.dir, 'forum.db'));
    return sqliteDocStore(this.db);
  }

  private async closeStore(): Promise<void> {
    if (this.pg) await this.pg.close();
    else this.db.close();
    this.pg = undefined;
  }

  private async boot(): Promise<void> {
    const store = await this.openStore();
    this.store = this.options.wrapStore ? this.options.wrapStore(store) : store;
    const kinds = new DocKinds();
    kinds.register(this.kind);
    const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
    this.docs = createDocumentServer({
      store: this.store,
      kinds,
      authenticate: async (req: IncomingMessage) => {
        const token = new URL(req.url ?? '/', 'http://x').searchParams.get('token');
        return Object.values(users).find((u) => `token-${u.id}` === token) ?? null;
      },
      logger,
      // A new instance at each boot, as a restarted server is.
      bus: new ClusterBus(this.ephemeral, newId(), logger),
      idleUnloadMs: this.options.idleUnloadMs,
      compactEvery: this.options.compactEvery,
      merger: this.options.merger,
    });
    moveCommentsOutOnLoad(this.docs, { docs: this.store, logger });
  }
}

/** Polls until `check` returns a truthy value; fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 5_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Waits until every client shows the same text, and returns it. */
export async function converged(clients: Client[], what = 'clients to converge', timeoutMs = 10_000): Promise<string> {
  await waitFor(() => clients.every((c) => c.text.toString() === clients[0]!.text.toString()), what, timeoutMs);
  return clients[0]!.text.toString();
}
