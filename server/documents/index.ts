import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type * as Y from 'yjs';
import type { User } from '../../shared/domain';
import type { ClusterBus } from '../cluster/bus';
import type { Logger } from '../logger';
import type { DocKinds } from './access';
import type { DocStore } from './doc-store';
import type { Merger } from './state-merger';
import { sessionOf } from './session';
import { DocumentServerImpl } from './document-server';

export type { DocAccess, DocGrant, DocKind } from './access';
export { DocKinds, grant } from './access';
export type { DocStore, DocVersion, DocVersionInfo, NewDocVersion } from './doc-store';

export interface DocumentServerDeps {
  store: DocStore;
  kinds: DocKinds;
  /** Who is asking: from `?token=` or the session cookie (with an Origin check); null when nobody. */
  authenticate(req: IncomingMessage): Promise<User | null>;
  /**
   * The user as they are now, for `recheck` after a role change; null when the account is gone.
   * Without it, `recheck` decides with the user as they were when they connected.
   */
  findUser?(id: string): Promise<User | null>;
  logger: Logger;
  /**
   * The cluster bus, when there may be other instances: updates and awareness made on one reach
   * clients on the others. The instances must share the durable store; each stores only its own
   * clients' updates.
   */
  bus?: ClusterBus;
  /** How long a document without connections stays in memory; default 30 s. */
  idleUnloadMs?: number;
  /** Compact a document's update log once it holds more rows than this; default 500. */
  compactEvery?: number;
  /** Told, for each client update, the seconds from its arrival to its forwarding (the metrics). */
  forwarded?(seconds: number): void;
  /** Folds a document's log into one state update, off the event loop; default a worker thread (`StateMerger`). */
  merger?: Merger;
}

export interface DocumentServer {
  /** Call from the http server's 'upgrade' for paths starting with /yjs/; returns false if not ours. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /**
   * Re-decide access of live connections (role change, proposal locked): writers may become readers or be closed.
   * A comments companion is matched by its text's name: `match('proposal:1')` rechecks `comments:proposal:1` too.
   */
  recheck(match: (docName: string) => boolean): Promise<void>;
  /** Calls `listener` with each document once it has loaded, before any connection sees it (see server/comments). */
  onLoaded(listener: LoadedListener): void;
  /** Apply a server-side change (e.g. restoring a version) to a doc, persisted and broadcast like a client edit. */
  change(docName: string, fn: (doc: Y.Doc) => void): Promise<void>;
  /** Current full state of a doc (loads it if needed). */
  state(docName: string): Promise<Uint8Array>;
  /** See `ExclusiveDoc`: a command that reads the document and stores its change in the command's own transaction. */
  exclusive<T>(docName: string, command: (doc: ExclusiveDoc) => Promise<T>): Promise<T>;
  /**
   * Closes a user's connections with 4501 so that each reconnects and authenticates
   * again (after a sign-out, the signed-out session's connections are then refused).
   */
  reauthenticate(userId: string): void;
  /** Loaded documents and open connections. */
  stats(): DocumentServerStats;
  /** Flush, close sockets with 1001. */
  close(): Promise<void>;
}

/** The signed-in user whose session a Yjs transaction came from; null for the server's own changes, relays and loads. */
export const clientUser = (origin: unknown): User | null => sessionOf(origin)?.user ?? null;

/** Told of a document that has loaded; it may read the document and change it (through the server), not keep it. */
export type LoadedListener = (docName: string, doc: Y.Doc) => void;

/**
 * A document held for one command: no other write reaches it until the command ends, so
 * what the command reads is what it changes. A staged change is stored by the command,
 * inside its transaction (`append(tx)`), and applied and broadcast only once that
 * transaction has committed; after a rollback nothing of it remains.
 */
export interface ExclusiveDoc {
  /** The full current state as one update. */
  state(): Uint8Array;
  /** Runs `fn` on a copy; the change it made, to be stored with `append`, or null when it made none. */
  stage(fn: (doc: Y.Doc) => void): StagedChange | null;
}

export interface StagedChange {
  /** The change, as one Yjs update. */
  readonly update: Uint8Array;
  /** Appends the change to the document's log inside `tx`. */
  append(tx: DocTx): Promise<void>;
}

/** What a staged change needs of a transaction (the store's `Tx` has it). */
export interface DocTx {
  readonly docs: Pick<DocStore, 'appendBatch'>;
  afterCommit(fn: () => void): void;
}

export interface DocumentServerStats {
  documents: number;
  connections: number;
}

/** The y-websocket-compatible document server at /yjs/<docName>. */
export function createDocumentServer(deps: DocumentServerDeps): DocumentServer {
  return new DocumentServerImpl(deps);
}
