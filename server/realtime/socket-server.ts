import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type {
  ClientToServerEvents,
  InterServerEvents,
  ServerToClientEvents,
  SocketData,
} from '../../shared/realtime/protocol';
import { limits } from '../../shared/limits';
import type { SessionRef } from '../http/env';
import { originAllowed } from '../http/origin';
import { SESSION_COOKIE, type Authenticator } from '../http/session';
import type { Logger } from '../logger';

export type ForumServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type ForumSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** How long a dropped client's rooms and missed packets are kept for it (connection state recovery). */
export const RECOVERY_WINDOW_MS = 2 * 60_000;

/** A domain's socket handlers, registered on every new connection. */
export type SocketModule = (socket: ForumSocket) => void;

export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** A token from the Socket.IO handshake, a `?token=` query or the session cookie (which then needs our Origin). */
export function credentialsOf(
  req: IncomingMessage,
  explicitToken: unknown,
  publicOrigin: string | undefined,
): { token: string | undefined; originOk: boolean } {
  if (typeof explicitToken === 'string' && explicitToken) return { token: explicitToken, originOk: true };
  const cookie = cookieValue(req.headers.cookie, SESSION_COOKIE);
  if (!cookie) return { token: undefined, originOk: true };
  const scheme = (req.socket as { encrypted?: boolean }).encrypted ? 'https:' : 'http:';
  return { token: cookie, originOk: originAllowed(req.headers.origin, req.headers.host, publicOrigin, scheme) };
}

export function createSocketServer(
  httpServer: HttpServer,
  deps: {
    auth: Authenticator;
    logger: Logger;
    publicOrigin: string | undefined;
    watch: (session: SessionRef) => void;
    /** Connection state recovery: with the Redis streams adapter only. */
    recovery: boolean;
  },
): ForumServer {
  const io: ForumServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: limits.socketPayloadBytes,
    // /yjs upgrades belong to the document server; Socket.IO must not destroy them.
    destroyUpgrade: false,
    pingInterval: 10_000,
    pingTimeout: 10_000,
    // With Redis, a client back within the window gets its rooms and the broadcasts it missed
    // from the stream; `socket.recovered` tells it whether that worked, and when not it fetches
    // its state again (client/realtime/reconnect.ts). The session is authenticated again all the
    // same: it may have ended meanwhile. Not in memory: the in-memory adapter would keep every
    // broadcast for the window, this instance's presence lists and meeting states included.
    ...(deps.recovery ? { connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: false } } : {}),
  });

  io.use(async (socket, next) => {
    const { token, originOk } = credentialsOf(socket.request, socket.handshake.auth?.token, deps.publicOrigin);
    if (!originOk) return next(new Error('This origin may not connect with a session cookie.'));
    const found = await deps.auth.authenticate(token).catch(() => null);
    if (!found) return next(new Error('Not signed in: a valid session token is required.'));
    socket.data.userId = found.user.id;
    socket.data.sessionId = found.session.id;
    socket.data.user = found.user;
    // Watched so that the connection closes when the session expires (auth/live-sessions.ts).
    deps.watch(found.session);
    next();
  });

  return io;
}

/** Every connection joins its user's and session's rooms, then each domain registers its handlers. */
export function useSocketModules(io: ForumServer, modules: SocketModule[]): void {
  io.on('connection', (socket) => {
    void socket.join([`user:${socket.data.userId}`, `session:${socket.data.sessionId}`]);
    for (const register of modules) register(socket);
  });
}
