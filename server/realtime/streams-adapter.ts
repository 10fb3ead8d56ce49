import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient, type RedisClientType } from 'redis';
import type { Logger } from '../logger';
import type { ForumServer } from './socket-server';

type Client = RedisClientType;
type Method = (...args: unknown[]) => unknown;

/**
 * The adapter's own calls that nobody awaits (pub/sub, `persistSession`'s SET, its subscriber's
 * SUBSCRIBE): their rejections must not reach the process.
 */
const FIRE_AND_FORGET = ['publish', 'sPublish', 'set', 'subscribe', 'sSubscribe'] as const;
/** While Redis is away every broadcast fails; one line per this many ms says so. */
const WARN_EVERY_MS = 10_000;
/**
 * Broadcasts kept in the stream (Redis trims it to about this many): what a client dropped for
 * the recovery window (socket-server.ts) can be replayed unless more than this were sent meanwhile, and then it
 * is not recovered and fetches the state again.
 */
const STREAM_MAX_LENGTH = 10_000;
/** Reads of the stream after a failure: quick at first, then every 2 s. */
const READ_RETRY_MAX_MS = 2_000;

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

function methods(client: Client): Record<string, Method> {
  return client as unknown as Record<string, Method>;
}

/**
 * The adapter publishes some messages and stores sessions without awaiting them; while
 * Redis is away each call rejects at once (no offline queue) and Node would end the process
 * on the unhandled rejection. Catching on the client itself keeps the adapter as it is.
 */
export function guardCalls(client: Client, onError: (err: unknown) => void, calls?: Promise<unknown>[]): Client {
  const target = methods(client);
  for (const name of FIRE_AND_FORGET) {
    const original = target[name];
    if (typeof original !== 'function') continue;
    target[name] = (...args: unknown[]) => {
      const result = original.apply(client, args);
      // Attaching a handler marks the promise handled; a caller that awaits it still sees the error.
      if (!(result instanceof Promise)) return result;
      const handled = result.catch(onError);
      calls?.push(handled);
      return result;
    };
  }
  return client;
}

/**
 * The adapter connects its reader and subscriber and subscribes without awaiting any of it;
 * waits until all that is done, so that an instance reported started is subscribed (and a
 * Redis that stops right after cannot fail a SUBSCRIBE nobody handles).
 */
async function settled(calls: Promise<unknown>[]): Promise<void> {
  do {
    await Promise.allSettled(calls.splice(0));
    // Each answer lets the adapter make its next call a few promise turns later.
    await new Promise((resolve) => setImmediate(resolve));
  } while (calls.length > 0);
}

/** Milliseconds to wait before the next read after `failures` failed ones in a row. */
export function readRetryDelay(failures: number): number {
  return failures === 0 ? 0 : Math.min(50 * 2 ** (failures - 1), READ_RETRY_MAX_MS);
}

/**
 * The adapter reads the stream in a loop that calls XREAD again the moment one fails. Without
 * an offline queue a read during an outage fails at once, so the loop turns into an endless
 * chain of promise callbacks that never yields: the instance stops answering anything until
 * Redis returns (measured with a real redis-server stopped: no timer fired for 20 s). Its reads
 * therefore wait in the offline queue, and after each failure (a dropped connection, an error
 * reply) the next read waits a growing delay, so the loop can never spin.
 */
export function pacedReads(client: Client, onError: (err: unknown) => void): Client {
  const target = methods(client);
  const read = target.xRead!.bind(client);
  let failures = 0;
  target.xRead = async (...args: unknown[]) => {
    const delay = readRetryDelay(failures);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    try {
      const reply = await read(...args);
      failures = 0;
      return reply;
    } catch (err) {
      failures++;
      onError(err);
      throw err;
    }
  };
  return client;
}

export interface StreamsAdapter {
  /** Its Redis connections; the cluster bus is up when every one is ready. */
  clients: { isReady: boolean }[];
  /** After io.close(). */
  close(): Promise<void>;
}

interface BroadcastOptions {
  rooms: Set<string>;
  except: Set<string>;
  flags?: Record<string, unknown>;
}
type Broadcast = (packet: unknown, opts: BroadcastOptions) => unknown;

/**
 * With recovery on, Socket.IO sends even `socket.emit` through the adapter (to the socket's own
 * room, so that it can be replayed). A cluster adapter would append it to the Redis stream for
 * every instance to read and deliver it only once Redis answered: a `session:ended` followed by
 * the disconnect never arrived, and every reply to one socket would cost a Redis round trip.
 * An emit to one socket connected here stays here, at once, as without recovery.
 */
function directEmitsStayLocal(io: ForumServer, position: StreamPosition): void {
  const nsp = io.of('/');
  const adapter = nsp.adapter as unknown as { broadcast: Broadcast };
  const broadcast = adapter.broadcast.bind(adapter);
  adapter.broadcast = (packet, opts) => {
    const [room] = opts.rooms;
    const toOneSocketHere = opts.rooms.size === 1 && opts.except.size === 0 && room !== undefined && nsp.sockets.has(room);
    if (!toOneSocketHere) return broadcast(packet, opts);
    position.stamp(packet, opts);
    return broadcast(packet, { ...opts, flags: { ...opts.flags, local: true } });
  };
}

/** Stream entry ids (`<ms>-<seq>`) in order. */
export function newerEntry(a: string, b: string): boolean {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am > bm || (am === bm && as > bs);
}

/**
 * The newest stream entry this instance wrote or read. A client can only be recovered from an
 * offset that is in the stream, which it learns from the last broadcast it received; one that
 * heard only direct emits (the presence list on connecting) would have none. Such an emit
 * carries this position instead: a recovery from it replays what came after it.
 */
class StreamPosition {
  private latest: string | undefined;

  saw(id: unknown): void {
    if (typeof id === 'string' && (this.latest === undefined || newerEntry(id, this.latest))) this.latest = id;
  }

  /** Appends the position to an event packet, where Socket.IO puts the offset of a broadcast. */
  stamp(packet: unknown, opts: BroadcastOptions): void {
    const { type, id, data } = packet as { type?: number; id?: number; data?: unknown[] };
    const event = type === 2 && id === undefined && opts.flags?.volatile === undefined;
    if (event && this.latest && Array.isArray(data)) data.push(this.latest);
  }

  /** Notes the id of every entry the client writes (XADD) or reads (XREAD). */
  watch(client: Client): void {
    const target = methods(client);
    for (const name of ['xAdd', 'xRead'] as const) {
      const original = target[name]!;
      target[name] = (...args: unknown[]) => {
        const result = original.apply(client, args) as Promise<unknown>;
        void result.then((reply) => this.sawReply(reply)).catch(() => {});
        return result;
      };
    }
  }

  private sawReply(reply: unknown): void {
    if (typeof reply === 'string') return this.saw(reply);
    for (const stream of Array.isArray(reply) ? (reply as { messages?: { id: string }[] }[]) : []) {
      for (const entry of stream.messages ?? []) this.saw(entry.id);
    }
  }
}

/** Reconnects: quick at first, then every 2 s, forever. */
function reconnectStrategy(retries: number): number {
  return Math.min(50 * 2 ** retries, 2_000) + Math.floor(Math.random() * 200);
}

/**
 * With several instances, Socket.IO rooms span them through a Redis stream
 * (`@socket.io/redis-streams-adapter`): every broadcast is appended to the stream and each
 * instance reads it from where it stopped, so an instance that loses Redis for a moment gets
 * what was appended meanwhile, and a client that drops for a moment gets its rooms back and
 * the packets it missed (connection state recovery), on whichever instance it reconnects to.
 */
export async function attachStreamsAdapter(io: ForumServer, url: string, logger: Logger): Promise<StreamsAdapter> {
  const warn = throttledWarn(logger, 'Socket.IO adapter: Redis unreachable, broadcasts reach this instance only');
  // No offline queue for writes: a broadcast during an outage fails at once and still reaches
  // this instance's sockets, instead of waiting for Redis before anyone hears of it.
  const pub: Client = createClient({ url, disableOfflineQueue: true, socket: { reconnectStrategy } });
  pub.on('error', warn); // every failed reconnect emits 'error'; without a listener Node would throw it
  await pub.connect();
  const position = new StreamPosition();
  position.watch(pub);
  const readers: Client[] = [];
  const duplicate = methods(pub).duplicate!.bind(pub);
  // The adapter makes its stream reader and its subscriber with duplicate(); both queue while offline.
  const startup: Promise<unknown>[] = [];
  methods(pub).duplicate = (overrides?: unknown) => {
    const reader = pacedReads(duplicate({ ...(overrides as object), disableOfflineQueue: false }) as Client, warn);
    position.watch(reader);
    readers.push(reader);
    const connect = methods(reader).connect!.bind(reader);
    methods(reader).connect = () => {
      const connected = connect() as Promise<unknown>;
      startup.push(connected);
      return connected;
    };
    return guardCalls(reader, warn, startup);
  };
  io.adapter(createAdapter(guardCalls(pub, warn), { maxLen: STREAM_MAX_LENGTH }));
  directEmitsStayLocal(io, position);
  await settled(startup);
  return {
    clients: [pub, ...readers],
    // A reader blocks on XREAD for up to 5 s and close() would wait for it: nothing is lost by destroying it.
    close: async () => {
      for (const reader of readers) reader.destroy();
      await (pub.isReady ? pub.close().catch(() => {}) : pub.destroy());
    },
  };
}
