import { createAdapter } from '@socket.io/redis-adapter';
import { createClient, type RedisClientType } from 'redis';
import type { Logger } from '../logger';
import type { ForumServer } from './socket-server';

type Client = RedisClientType;

/** The adapter's own calls that nobody awaits: their rejections must not reach the process. */
const FIRE_AND_FORGET = ['publish', 'sPublish', 'subscribe', 'pSubscribe', 'unsubscribe', 'pUnsubscribe'] as const;
/** While Redis is away every broadcast fails; one line per this many ms says so. */
const WARN_EVERY_MS = 10_000;

/** A warning at most once per WARN_EVERY_MS, with how many failures it stands for. */
export function throttledWarn(logger: Logger, message: string): (err: unknown) => void {
  let last = 0;
  let missed = 0;
  return (err) => {
    const now = Date.now();
    if (now - last < WARN_EVERY_MS) {
      missed++;
      return;
    }
    logger.warn({ err, alsoFailed: missed }, message);
    last = now;
    missed = 0;
  };
}

/**
 * The Socket.IO Redis adapter publishes every broadcast without awaiting it; while Redis is
 * away each publish rejects (the client's command timeout, or at once without an offline
 * queue) and Node ends the process on the unhandled rejection. Catching on the client
 * itself keeps the adapter as it is: local sockets still get every broadcast, and what
 * other instances missed is sent again when Redis returns (see docs/realtime.md).
 */
export function guardCalls(client: Client, onError: (err: unknown) => void): Client {
  const target = client as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of FIRE_AND_FORGET) {
    const original = target[name];
    if (typeof original !== 'function') continue;
    target[name] = (...args: unknown[]) => {
      const result = original.apply(client, args);
      // Attaching a handler marks the promise handled; a caller that awaits it still sees the error.
      if (result instanceof Promise) result.catch(onError);
      return result;
    };
  }
  return client;
}

/** The adapter's reconnects: quick at first, then every 2 s, forever. */
function reconnectStrategy(retries: number): number {
  return Math.min(50 * 2 ** retries, 2_000) + Math.floor(Math.random() * 200);
}

/** With several instances, Socket.IO rooms span them through Redis. */
export async function attachRedisAdapter(io: ForumServer, url: string, logger: Logger): Promise<Client[]> {
  const warn = throttledWarn(logger, 'Socket.IO adapter: Redis unreachable, broadcasts reach this instance only');
  // No offline queue: a broadcast during an outage fails at once (caught below) instead of
  // piling up for the client's 5 s command timeout.
  const pub: Client = createClient({ url, disableOfflineQueue: true, socket: { reconnectStrategy } });
  const sub: Client = pub.duplicate();
  // Every failed reconnect emits 'error'; without a listener Node would throw it.
  for (const client of [pub, sub]) client.on('error', warn);
  await Promise.all([pub.connect(), sub.connect()]);
  io.adapter(createAdapter(guardCalls(pub, warn), guardCalls(sub, warn)));
  return [pub, sub];
}
