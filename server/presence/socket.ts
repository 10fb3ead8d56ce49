import type { Logger } from '../logger';
import type { ForumServer, ForumSocket } from '../realtime/socket-server';
import { validated } from '../realtime/validated';
import type { PresenceService } from './presence-service';

export const FORUM_SCOPE = 'forum';

/** Every signed-in connection is present in the forum until it leaves or its heartbeat lapses. */
export function presenceSocketModule(presence: PresenceService, logger: Logger) {
  return (socket: ForumSocket) => {
    void socket.join(FORUM_SCOPE);
    // The newcomer gets the list at once; others hear of the change through the broadcaster.
    void presence
      .join(FORUM_SCOPE, socket.id, socket.data.user, 'home')
      .then(async () => socket.emit('presence:online', await presence.online(FORUM_SCOPE)))
      .catch((err) => logger.warn({ err }, 'presence join failed'));

    socket.on(
      'presence:update',
      validated(socket, 'presence:update', logger, async ({ location, idle }) => {
        await presence.join(FORUM_SCOPE, socket.id, socket.data.user, location, idle);
        return { ok: true };
      }),
    );
    socket.on('disconnect', () => {
      void presence.leave(socket.id).catch((err) => logger.warn({ err }, 'presence leave failed'));
    });
  };
}

/**
 * Tells this instance's clients the list whenever it changes: on an announced
 * change, and on a sweep that notices entries which expired silently. Returns the function that stops it.
 */
export function startPresenceBroadcast(io: ForumServer, presence: PresenceService, ttlMs: number): () => void {
  let last = '';
  let pending: NodeJS.Timeout | undefined;
  const broadcast = async () => {
    const online = await presence.online(FORUM_SCOPE);
    const json = JSON.stringify(online);
    if (json === last) return;
    last = json;
    io.local.to(FORUM_SCOPE).emit('presence:online', online);
  };
  // Coalesce bursts (a room of people arriving at once) into one list per 100 ms,
  // so N arrivals cost N messages per client at most, usually one.
  const schedule = () => {
    pending ??= setTimeout(() => {
      pending = undefined;
      void broadcast().catch(() => {});
    }, 100);
  };
  const stopHearing = presence.onChanged((scope) => {
    if (scope === FORUM_SCOPE) schedule();
  });
  // Redis may have restarted empty: write this instance's connections back at once, tell the
  // other instances, and send this instance's clients the whole list again.
  const stopReconnected = presence.onReconnected(() => {
    void presence
      .refresh()
      .then(() => presence.announceAll())
      .then(() => {
        last = '';
        return broadcast();
      })
      .catch(() => {});
  });
  const timer = setInterval(() => {
    void presence
      .refresh()
      .then(() => broadcast())
      .catch(() => {});
  }, Math.max(250, Math.floor(ttlMs / 3)));
  timer.unref();
  return () => {
    stopReconnected();
    clearInterval(timer);
    clearTimeout(pending);
    stopHearing();
  };
}
