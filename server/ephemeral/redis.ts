import { createClient, type RedisClientType } from 'redis';
import { systemClock, type Clock } from '../clock';
import type { BucketPolicy, TakeResult } from './token-bucket';
import type { Ephemeral, PresenceEntry, Unsubscribe } from './ephemeral';
import { MemoryEphemeral } from './memory';
import { BatchedTakes } from './redis-buckets';

type Client = RedisClientType;

export interface RedisEphemeralOptions {
  /** Prepended to every key and channel, so several deployments can share one Redis. */
  prefix?: string;
  /** Presence expiry is computed from this clock; value TTLs are Redis's own. */
  clock?: Clock;
}

/** Startup fails instead of hanging when Redis is unreachable; reconnects later retry forever. */
const CONNECT_TIMEOUT_MS = 5_000;
const HEALTH_TIMEOUT_MS = 1_000;
/** Reconnect listeners run once both connections are back, not once per connection. */
const RECONNECT_SETTLE_MS = 50;
/** The client's default backoff (50 ms · 2^n + jitter), capped so an outage is noticed soon after it ends. */
const MAX_RECONNECT_DELAY_MS = 2_000;

function reconnectStrategy(retries: number): number {
  return Math.min(50 * 2 ** retries, MAX_RECONNECT_DELAY_MS) + Math.floor(Math.random() * 200);
}

/**
 * Drops a scope's expired members from both the sorted set and the value hash in one step,
 * then returns the live ones as a flat [member, expiresAt, json, ...] array. A Lua script
 * because HDEL needs the names ZREMRANGEBYSCORE removes, and a member refreshed between a
 * read and a MULTI would otherwise be deleted.
 */
const PRESENCE_LIST = `
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
for _, member in ipairs(expired) do redis.call('HDEL', KEYS[2], member) end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
local live = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
local out = {}
for i = 1, #live, 2 do
  out[#out + 1] = live[i]
  out[#out + 1] = live[i + 1]
  out[#out + 1] = redis.call('HGET', KEYS[2], live[i]) or ''
end
return out
`;

/** Rejects after `ms` so a dead connection cannot hang the caller; the timer never outlives the race. */
async function within<T>(promise: Promise<T>, ms: number, message: string, cause?: () => unknown): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message, { cause: cause?.() })), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Connects, or destroys the client and throws with the last connection error as the cause. */
async function open(client: Client): Promise<Client> {
  let lastError: unknown;
  // The client emits 'error' on every failed (re)connect and Node throws an 'error' event
  // nobody listens to, which would crash the process; health() reports the state instead.
  client.on('error', (err: unknown) => {
    lastError = err;
  });
  try {
    await within(client.connect(), CONNECT_TIMEOUT_MS, `Redis not reachable within ${CONNECT_TIMEOUT_MS} ms`, () => lastError);
    return client;
  } catch (err) {
    client.destroy();
    throw err;
  }
}

/** close() waits for queued commands, which never drain while disconnected, so destroy then. */
async function shut(client: Client): Promise<void> {
  if (client.isReady) await client.close();
  else client.destroy();
}

/**
 * Ephemeral state shared by several server instances. Presence values travel as JSON, so
 * they must be JSON-serialisable (memory.ts clones them structurally instead).
 */
export class RedisEphemeral implements Ephemeral {
  readonly kind = 'redis' as const;
  private closed = false;
  private readonly reconnectListeners = new Set<() => void>();
  private reconnectTimer: NodeJS.Timeout | undefined;
  /** Limits while Redis is unreachable: each instance counts on its own rather than stalling every request. */
  private readonly localBuckets: MemoryEphemeral;
  private readonly takes: BatchedTakes;

  private constructor(
    private readonly client: Client,
    /** A connection in subscriber mode can run no other command, hence a second one. */
    private readonly subscriber: Client,
    private readonly prefix: string,
    private readonly clock: Clock,
  ) {
    // Both connected in connect(), so every later 'ready' is a reconnect.
    for (const c of [client, subscriber]) c.on('ready', () => this.readyAgain());
    this.localBuckets = new MemoryEphemeral(clock);
    this.takes = new BatchedTakes((script, keys, args) => this.client.eval(script, { keys, arguments: args }), () => this.clock.now());
  }

  /** Connects to `url` (redis:// or rediss://); rejects if Redis is not reachable at startup. */
  static async connect(url: string, options: RedisEphemeralOptions = {}): Promise<RedisEphemeral> {
    // No offline queue: while Redis is away a command fails at once instead of holding its
    // caller for the client's 5 s command timeout, so sessions fall back to the store and a
    // meeting goes on without its speaker queue rather than waiting for Redis.
    const client: Client = createClient({ url, disableOfflineQueue: true, socket: { reconnectStrategy } });
    await open(client);
    try {
      // The subscriber now, not on the first subscribe: one made during an outage could not connect.
      const subscriber = await open(client.duplicate());
      return new RedisEphemeral(client, subscriber, options.prefix ?? 'fw:', options.clock ?? systemClock);
    } catch (err) {
      client.destroy();
      throw err;
    }
  }

  onReconnected(listener: () => void) {
    this.reconnectListeners.add(listener);
    return () => void this.reconnectListeners.delete(listener);
  }
  private readyAgain() {
    if (this.closed || !this.client.isReady || !this.subscriber.isReady) return;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      if (this.closed) return;
      for (const listener of this.reconnectListeners) listener();
    }, RECONNECT_SETTLE_MS);
    this.reconnectTimer.unref();
  }

  private key(key: string) {
    return this.prefix + key;
  }
  /** Hash tags keep a scope's two keys in one cluster slot, as the Lua script needs. */
  private presenceKeys(scope: string) {
    const base = `${this.prefix}presence:{${scope}}`;
    return { expiry: `${base}:expiry`, values: `${base}:values` };
  }

  async get(key: string) {
    return this.client.get(this.key(key));
  }
  async set(key: string, value: string, ttlMs: number) {
    // Redis refuses PX <= 0; memory.ts treats such a value as already expired.
    if (ttlMs <= 0) {
      await this.client.del(this.key(key));
      return;
    }
    await this.client.set(this.key(key), value, { expiration: { type: 'PX', value: Math.ceil(ttlMs) } });
  }
  async delete(key: string) {
    await this.client.del(this.key(key));
  }
  async increment(key: string, windowMs: number) {
    const k = this.key(key);
    // NX: only a new counter gets an expiry, so later hits do not extend the window.
    const [count] = await this.client.multi().incr(k).pExpire(k, Math.max(1, Math.ceil(windowMs)), 'NX').exec();
    return Number(count);
  }
  async ttl(key: string) {
    const ms = await this.client.pTTL(this.key(key));
    // -2: missing; -1: no expiry (sets, lists), which memory.ts also reports as null.
    return ms < 0 ? null : ms;
  }

  /** Takes of one turn go to Redis together (redis-buckets.ts); each is still its own atomic step. */
  async takeToken(key: string, policy: BucketPolicy, cost = 1): Promise<TakeResult> {
    if (!this.client.isReady) return this.localBuckets.takeToken(key, policy, cost);
    try {
      return await this.takes.take(this.key(key), policy, cost);
    } catch {
      return this.localBuckets.takeToken(key, policy, cost);
    }
  }

  async resetTokens(key: string) {
    // The bucket counted here while Redis was away goes too; a shared one that cannot be
    // reached now refills on its own, so failing the caller (a sign-in that just succeeded) gains nothing.
    await this.localBuckets.resetTokens(key);
    if (!this.client.isReady) return;
    await this.client.del(this.key(key)).catch(() => undefined);
  }

  async setAdd(key: string, member: string) {
    await this.client.sAdd(this.key(key), member);
  }
  async setRemove(key: string, member: string) {
    await this.client.sRem(this.key(key), member);
  }
  async setMembers(key: string) {
    return [...(await this.client.sMembers(this.key(key)))];
  }

  async listPush(key: string, value: string) {
    return this.client.rPush(this.key(key), value);
  }
  async listRemove(key: string, value: string) {
    await this.client.lRem(this.key(key), 0, value);
  }
  async listRange(key: string) {
    return this.client.lRange(this.key(key), 0, -1);
  }

  async presenceSet<T>(scope: string, member: string, value: T, ttlMs: number) {
    const { expiry, values } = this.presenceKeys(scope);
    const ttl = Math.max(1, Math.ceil(ttlMs));
    // The keys expire with their last member (NX sets a first expiry, GT only extends it),
    // so a scope nobody reads again does not stay in Redis forever.
    await this.client
      .multi()
      .zAdd(expiry, { score: this.clock.now() + ttlMs, value: member })
      .hSet(values, member, JSON.stringify(value))
      .pExpire(expiry, ttl, 'NX')
      .pExpire(expiry, ttl, 'GT')
      .pExpire(values, ttl, 'NX')
      .pExpire(values, ttl, 'GT')
      .exec();
  }
  async presenceRemove(scope: string, member: string) {
    const { expiry, values } = this.presenceKeys(scope);
    await this.client.multi().zRem(expiry, member).hDel(values, member).exec();
  }
  async presenceList<T>(scope: string) {
    const { expiry, values } = this.presenceKeys(scope);
    const flat = (await this.client.eval(PRESENCE_LIST, {
      keys: [expiry, values],
      arguments: [String(this.clock.now())],
    })) as string[];
    const entries: PresenceEntry<T>[] = [];
    for (let i = 0; i + 2 < flat.length; i += 3) {
      const [member, score, json] = [flat[i]!, flat[i + 1]!, flat[i + 2]!];
      // A member without a value can only come from a write outside this class; skip it.
      if (json) entries.push({ member, value: JSON.parse(json) as T, expiresAt: Number(score) });
    }
    return entries;
  }

  async publish(channel: string, message: string | Uint8Array) {
    // The client takes a Buffer, not any Uint8Array: a view on the same bytes, no copy.
    const argument = typeof message === 'string' ? message : Buffer.from(message.buffer, message.byteOffset, message.byteLength);
    await this.client.publish(this.key(channel), argument);
  }
  subscribe(channel: string, onMessage: (message: string) => void): Promise<Unsubscribe> {
    return this.listen(channel, onMessage, false);
  }
  subscribeBytes(channel: string, onMessage: (message: Uint8Array) => void): Promise<Unsubscribe> {
    // The client reads every message as bytes; asking for them skips its decoding to a string.
    return this.listen(channel, onMessage, true);
  }
  private async listen<Bytes extends boolean>(
    channel: string,
    onMessage: (message: Bytes extends true ? Buffer : string) => void,
    bytes: Bytes,
  ): Promise<Unsubscribe> {
    if (this.closed) throw new Error('RedisEphemeral is closed');
    const subscriber = this.subscriber;
    // Deliver outside the client's reply parser, as memory.ts does: a throwing handler
    // must not corrupt the connection.
    const listener = (message: Bytes extends true ? Buffer : string) => queueMicrotask(() => onMessage(message));
    await subscriber.subscribe(this.key(channel), listener, bytes);
    let active = true;
    return async () => {
      if (!active || !subscriber.isOpen) return;
      active = false;
      // The client sends UNSUBSCRIBE only when the channel's last listener goes.
      const done = subscriber.unsubscribe(this.key(channel), listener, bytes);
      // While Redis is away the command fails at once; a shutdown must not fail for it (close()
      // destroys the connection), and a listener left behind is told nothing by its owner after.
      if (!subscriber.isReady) return done.catch(() => {});
      await done;
    };
  }
  /** True when Redis answers PING; never throws. */
  async health() {
    if (!this.client.isReady || !this.subscriber.isReady) return false;
    try {
      return (await within(this.client.ping(), HEALTH_TIMEOUT_MS, 'PING timed out')) === 'PONG';
    } catch {
      return false;
    }
  }
  async close() {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    await Promise.all([shut(this.client), shut(this.subscriber)]);
  }
}
