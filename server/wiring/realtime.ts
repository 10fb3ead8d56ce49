import type { IncomingMessage, Server } from 'node:http';
import type { User } from '../../shared/domain';
import { publicUser } from '../auth/auth-store';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { DocumentServer } from '../documents';
import type { ForumServer } from '../realtime/socket-server';
import { credentialsOf } from '../realtime/socket-server';
import type { Store } from '../store/store';
import type { ControlCommand, ControlPlane } from './control-plane';
import type { Core } from './core';
import type { Domains } from './domains';

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

/**
 * What each instance does with a control command (wiring/control-plane.ts), for its own
 * connections: every instance runs the same, whichever of them the change came from.
 */
export function controlActions(core: Core, io: ForumServer, documents: DocumentServer, domains: () => Pick<Domains, 'meetings' | 'presence'>) {
  return async (command: ControlCommand): Promise<void> => {
    switch (command.kind) {
      case 'recheck':
        return documents.recheck((name) => name === command.docName);
      case 'user-changed': {
        const user = await findUser(core.store, command.userId);
        if (!user) return;
        for (const socket of await io.local.in(`user:${command.userId}`).fetchSockets()) socket.data.user = user;
        // Each follows the new role on its own: document access must neither wait for presence and the
        // meeting rooms (who is present shows roles; a room's audience follows them) nor fail with them.
        return allDone([documents.recheck(() => true), domains().presence.relabel(user), domains().meetings.regroup(user)]);
      }
      case 'session-ended': {
        core.liveSessions.forget(command.sessionId);
        io.local.to(`session:${command.sessionId}`).emit('session:ended', command.reason);
        io.local.in(`session:${command.sessionId}`).disconnectSockets(true);
        // Document connections reconnect and authenticate again: the ended session's are refused.
        documents.reauthenticate(command.userId);
      }
    }
  };
}

/** Waits for every one of `work`, then fails with what failed, if anything did (the control plane logs it). */
async function allDone(work: Promise<void>[]): Promise<void> {
  const failed = (await Promise.allSettled(work)).flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
  if (failed.length === 1) throw failed[0];
  if (failed.length > 1) throw new AggregateError(failed, 'several parts of a role change failed here');
}

/** Account changes reach live connections at once, on every instance, not at the next reconnect. */
export function wireAccountHooks(core: Core, control: ControlPlane, log: Logger): void {
  core.hooks.onUserChanged = (userId) => void control.send({ kind: 'user-changed', userId });
  core.hooks.onSessionEnded = (sessionId, userId, reason) => {
    // A sign-out deleted the row already; an expiry is deleted here, before the others are told.
    const ended = reason === 'expired' ? core.auth.expire(sessionId) : Promise.resolve();
    ended
      .catch((error: unknown) => log.warn({ err: error }, 'could not delete an expired session; it is refused by its expiry all the same'))
      .finally(() => void control.send({ kind: 'session-ended', sessionId, userId, reason }));
  };
  core.liveSessions.start();
}
