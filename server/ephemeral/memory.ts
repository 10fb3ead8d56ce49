import type { Clock } from '../clock';
import { msUntilFull, takeFrom, type BucketPolicy, type BucketState } from './token-bucket';
import type { Ephemeral, PresenceEntry, Unsubscribe } from './ephemeral';

interface Timed {
  value: string;
  expiresAt: number;
}

/** Ephemeral state for a single process. Expiry is checked on read, so no timers leak. */
export class MemoryEphemeral implements Ephemeral {
  readonly kind = 'memory' as const;
  private readonly values = new Map<string, Timed>();
  private readonly sets = new Map<string, Set<string>>();
  private readonly lists = new Map<string, string[]>();
  private readonly presence = new Map<string, Map<string, PresenceEntry<unknown>>>();
  private readonly channels = new Map<string, Set<(message: string | Uint8Array) => void>>();

  constructor(private readonly clock: Clock) {}

  private live(key: string): Timed | undefined {
    const entry = this.values.get(key);
    if (entry && entry.expiresAt <= this.clock.now()) {
      this.values.delete(key);
      return undefined;
    }
    return entry;
  }

  async get(key: string) {
    return this.live(key)?.value ?? null;
  }
  async set(key: string, value: string, ttlMs: number) {
    this.values.set(key, { value, expiresAt: this.clock.now() + ttlMs });
  }
  async delete(key: string) {
    this.values.delete(key);
    this.sets.delete(key);
    this.lists.delete(key);
  }
  async increment(key: string, windowMs: number) {
    const entry = this.live(key);
    const count = entry ? Number(entry.value) + 1 : 1;
    this.values.set(key, { value: String(count), expiresAt: entry?.expiresAt ?? this.clock.now() + windowMs });
    return count;
  }
  async ttl(key: string) {
    const entry = this.live(key);
    return entry ? entry.expiresAt - this.clock.now() : null;
  }

  async takeToken(key: string, policy: BucketPolicy, cost = 1) {
    const now = this.clock.now();
    const stored = this.live(key);
    const { state, result } = takeFrom(stored && (JSON.parse(stored.value) as BucketState), policy, now, cost);
    this.values.set(key, { value: JSON.stringify(state), expiresAt: now + Math.max(1, msUntilFull(state, policy)) });
    return result;
  }

  async resetTokens(key: string) {
    this.values.delete(key);
  }

  async setAdd(key: string, member: string) {
    let set = this.sets.get(key);
    if (!set) this.sets.set(key, (set = new Set()));
    set.add(member);
  }
  async setRemove(key: string, member: string) {
    this.sets.get(key)?.delete(member);
  }
  async setMembers(key: string) {
    return [...(this.sets.get(key) ?? [])];
  }

  async listPush(key: string, value: string) {
    let list = this.lists.get(key);
    if (!list) this.lists.set(key, (list = []));
    list.push(value);
    return list.length;
  }
  async listRemove(key: string, value: string) {
    const list = this.lists.get(key);
    if (list) this.lists.set(key, list.filter((v) => v !== value));
  }
  async listRange(key: string) {
    return [...(this.lists.get(key) ?? [])];
  }

  async presenceSet<T>(scope: string, member: string, value: T, ttlMs: number) {
    let members = this.presence.get(scope);
    if (!members) this.presence.set(scope, (members = new Map()));
    members.set(member, { member, value: structuredClone(value), expiresAt: this.clock.now() + ttlMs });
  }
  async presenceRemove(scope: string, member: string) {
    this.presence.get(scope)?.delete(member);
  }
  async presenceList<T>(scope: string) {
    const members = this.presence.get(scope);
    if (!members) return [];
    const now = this.clock.now();
    for (const [member, entry] of members) if (entry.expiresAt <= now) members.delete(member);
    return [...members.values()].map((e) => structuredClone(e)) as PresenceEntry<T>[];
  }

  async publish(channel: string, message: string | Uint8Array) {
    for (const handler of this.channels.get(channel) ?? []) queueMicrotask(() => handler(message));
  }
  async subscribe(channel: string, onMessage: (message: string) => void): Promise<Unsubscribe> {
    return this.listen(channel, (message) => onMessage(typeof message === 'string' ? message : Buffer.from(message).toString('utf8')));
  }
  async subscribeBytes(channel: string, onMessage: (message: Uint8Array) => void): Promise<Unsubscribe> {
    return this.listen(channel, (message) => onMessage(typeof message === 'string' ? Buffer.from(message, 'utf8') : message));
  }
  private listen(channel: string, handler: (message: string | Uint8Array) => void): Unsubscribe {
    let handlers = this.channels.get(channel);
    if (!handlers) this.channels.set(channel, (handlers = new Set()));
    handlers.add(handler);
    return async () => {
      handlers.delete(handler);
    };
  }

  onReconnected() {
    // One process: no connection to lose.
    return () => {};
  }
  async health() {
    return true;
  }
  async close() {
    this.channels.clear();
  }
}
