import type { ForumSocket, SocketModule } from '../realtime/socket-server';
import type { Logger } from '../logger';
import { rateLimited, type RateLimiter } from './rate-limiter';

/** Events of one connection checked between two turns of the event loop, at most. */
const PER_TURN = 50;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Every Socket.IO event of a user takes a token before any handler sees it; a refused
 * event is answered `{ ok: false, error: rate_limited }` and goes no further. Registered
 * first, so it runs before each domain's handlers.
 *
 * A connection's events are checked in order, yielding to the event loop every PER_TURN:
 * a flood arrives as one read of thousands of packets, and answering them all in one turn
 * would keep every other request (/api/health, other people's events) waiting meanwhile.
 */
export function rateLimitSocket(limiter: RateLimiter, logger: Logger): SocketModule {
  return (socket: ForumSocket) => {
    let queue = Promise.resolve();
    let inTurn = 0;
    const check = async (packet: unknown[], next: (err?: Error) => void) => {
      if (++inTurn > PER_TURN) {
        inTurn = 0;
        await nextTurn();
      }
      try {
        const { allowed, retryAfterMs } = await limiter.take(socket.data.userId);
        if (allowed) return next();
        const ack = packet[packet.length - 1];
        if (typeof ack === 'function') (ack as (answer: unknown) => void)({ ok: false, error: rateLimited(retryAfterMs, 'events') });
      } catch (err) {
        // A limiter that cannot answer must not take the meeting down with it.
        logger.warn({ err }, 'rate limit check failed; letting the event through');
        next();
      }
    };
    socket.use((packet, next) => {
      queue = queue.then(() => check(packet, next));
    });
  };
}
