import type { IncomingMessage, Server } from 'node:http';
import type { User } from '../../shared/domain';
import { publicUser } from '../auth/auth-store';
import type { Config } from '../config';
import type { DocumentServer } from '../documents';
import type { ForumServer } from '../realtime/socket-server';
import { credentialsOf } from '../realtime/socket-server';
import type { Store } from '../store/store';
import type { Core } from './core';

/** A stored user without the password hash, or null. */
export async function findUser(store: Store, id: string): Promise<User | null> {
  const record = await store.auth.userById(id);
  return record && publicUser(record);
}

/** Who opens a /yjs connection: `?token=` or the session cookie (which then needs our Origin). */
export function authenticateUpgrade(core: Core, config: Config) {
  return async (req: IncomingMessage): Promise<User | null> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const { token, originOk } = credentialsOf(req, url.searchParams.get('token'), config.PUBLIC_ORIGIN);
    if (!originOk) return null;
    const found = await core.auth.authenticate(token);
    if (!found) return null;
    core.liveSessions.watch(found.session);
    return found.user;
  };
}

/** /socket.io upgrades belong to Socket.IO; /yjs ones to the document server; anything else is refused. */
export function routeUpgrades(http: Server, documents: DocumentServer): void {
  http.on('upgrade', (req, socket, head) => {
    if (req.url?.startsWith('/socket.io/')) return; // Socket.IO's own listener takes it
    if (!documents.handleUpgrade(req, socket, head)) socket.destroy();
  });
}

/** Account changes reach live connections at once, not at the next reconnect. */
export function wireAccountHooks(core: Core, io: ForumServer, documents: DocumentServer): void {
  core.hooks.onUserChanged = (userId) => {
    void (async () => {
      const user = await findUser(core.store, userId);
      if (!user) return;
      for (const socket of await io.local.in(`user:${userId}`).fetchSockets()) socket.data.user = user;
      await documents.recheck(() => true);
    })();
  };
  core.hooks.onSessionEnded = (sessionId, userId, reason) => {
    core.liveSessions.forget(sessionId);
    // A sign-out reaches every instance's sockets through the adapter; an expiry is found by
    // each instance's own sweep, so it closes only this one's.
    const sockets = reason === 'signed out' ? io : io.local;
    sockets.to(`session:${sessionId}`).emit('session:ended', reason);
    sockets.in(`session:${sessionId}`).disconnectSockets(true);
    // Document connections reconnect and authenticate again: the ended session's are refused.
    documents.reauthenticate(userId);
  };
  core.liveSessions.start();
}
