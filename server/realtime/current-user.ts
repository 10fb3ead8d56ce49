import type { User } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import type { Logger } from '../logger';
import type { ForumSocket, SocketModule } from './socket-server';

/** The user behind a live session as they are now, or null once it ended (auth's AuthService answers it). */
export interface CurrentUser {
  current(sessionId: string): Promise<User | null>;
}

/**
 * Every event is decided with the user as the store has them now, not as they were when the
 * socket connected: a role change or a sign-out made on another instance holds from the next
 * event, even when the control plane's message about it is late or lost (wiring/control-plane.ts
 * only makes it visible sooner). A session that ended is told so and closed; its event is dropped.
 * Registered after the rate limit, so a flood costs no store reads.
 */
export function currentUserSocket(auth: CurrentUser, logger: Logger): SocketModule {
  return (socket: ForumSocket) => {
    socket.use((packet, next) => {
      const refuse = (error: AppError) => {
        const ack = packet[packet.length - 1];
        if (typeof ack === 'function') (ack as (answer: unknown) => void)({ ok: false, error });
      };
      auth
        .current(socket.data.sessionId)
        .then((user) => {
          if (user) {
            socket.data.user = user;
            return next();
          }
          refuse({ code: 'unauthenticated', message: 'Your session has ended; sign in again.', reason: 'auth.signed_out' });
          socket.emit('session:ended', 'signed out');
          socket.disconnect(true);
        })
        .catch((error: unknown) => {
          // Fail closed: a store that cannot say who this is must not let the event through.
          logger.warn({ err: error, event: packet[0] }, 'could not read the current user; event refused');
          refuse({ code: 'internal', message: 'Your access could not be checked; try again.', reason: 'server.internal' });
        });
    });
  };
}
