import type { User } from '../../shared/domain';
import type { TokenBucket } from '../ephemeral/token-bucket';
import type { Logger } from '../logger';
import type { DocAccess } from './access';
import type { Broadcast } from './broadcast';
import type { ClientMessage } from './messages';

/** Standard close codes used besides the application ones of `CloseCode`. */
export const StandardClose = { internalError: 1011, tryAgainLater: 1013 } as const;

/**
 * One client on one document, as the document room sees it: who, with what access, how
 * to send to it and close it. The room never sees the transport (a WebSocket in
 * `Connection`, or an in-memory pair in tests), as tldraw's room sees sessions, not sockets.
 */
export interface Session {
  /** Tells a session apart from the server's own transaction origins (see `Origin`). */
  readonly kind: 'session';
  readonly id: number;
  readonly docName: string;
  readonly user: User;
  readonly log: Logger;
  access: DocAccess;
  /** Awareness messages it may send (a writer's cursor moves beyond the rate are deferred). */
  readonly awarenessRate: TokenBucket;
  /** One of its updates was refused or not stored: what it sent after that may depend on it, so it is dropped too. */
  readonly refused: boolean;
  readonly isOpen: boolean;
  send(message: Uint8Array | Broadcast): void;
  /** Closes with a code and a reason; `refused` when one of its updates was refused (see above). */
  close(code: number, reason: string, why?: 'refused'): void;
  /** Runs once it has closed, whoever closed it. */
  onClosed(listener: () => void): void;
  /** Starts delivering its messages to the room, those that arrived while the document loaded first. */
  attach(handler: (message: ClientMessage) => void): void;
}

/**
 * Where a change to a document came from, as its Yjs transaction origin: a client's
 * session, or the server itself — loading the log, a server-side command, another
 * instance through the relay, or a session that went away (its awareness states removed).
 */
export type Origin = Session | ServerOrigin;
export type ServerOrigin = 'load' | 'server' | 'remote' | 'disconnect';

/** The session a transaction or awareness change came from; null when the server made it. */
export const sessionOf = (origin: unknown): Session | null =>
  typeof origin === 'object' && origin !== null && (origin as Partial<Session>).kind === 'session' ? (origin as Session) : null;
