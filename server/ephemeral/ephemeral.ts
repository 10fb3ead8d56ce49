/**
 * State that may expire or be rebuilt: sessions, rate-limit counters, presence,
 * and pub/sub between server instances. In memory for one process, Redis for
 * several (REDIS_URL). Both implementations pass test/integration/ephemeral.test.ts.
 */
export interface PresenceEntry<T> {
  member: string;
  value: T;
  /** Epoch ms when the entry expires unless refreshed. */
  expiresAt: number;
}

import type { EphemeralKind } from '../../shared/schemas/forum';
import type { BucketPolicy, TakeResult } from './token-bucket';

export type Unsubscribe = () => Promise<void>;

export interface Ephemeral {
  readonly kind: EphemeralKind;

  /** A value with a time to live. */
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Atomically add 1 and return the new count; the window starts with the first increment. */
  increment(key: string, windowMs: number): Promise<number>;
  /** Milliseconds until the key expires, or null when it does not exist. */
  ttl(key: string): Promise<number | null>;
  /**
   * Refills the token bucket at `key` and takes `cost` tokens (a negative cost gives them
   * back) in one atomic step (token-bucket.ts `takeFrom`); a full bucket is forgotten.
   */
  takeToken(key: string, policy: BucketPolicy, cost?: number): Promise<TakeResult>;
  /** Forgets the token bucket at `key`: it is full again. */
  resetTokens(key: string): Promise<void>;

  /** Set members: each member appears once, in no particular order. */
  setAdd(key: string, member: string): Promise<void>;
  setRemove(key: string, member: string): Promise<void>;
  setMembers(key: string): Promise<string[]>;

  /** Ordered lists (speaker queues): push to the end, remove by value, read all. */
  listPush(key: string, value: string): Promise<number>;
  listRemove(key: string, value: string): Promise<void>;
  listRange(key: string): Promise<string[]>;

  /** A scope of members that each expire on their own unless refreshed (heartbeat TTL). */
  presenceSet<T>(scope: string, member: string, value: T, ttlMs: number): Promise<void>;
  presenceRemove(scope: string, member: string): Promise<void>;
  /** Live members only; expired ones are dropped on read. */
  presenceList<T>(scope: string): Promise<PresenceEntry<T>[]>;

  /** A message as text or as bytes; each subscriber receives it the way it subscribed (text as UTF-8). */
  publish(channel: string, message: string | Uint8Array): Promise<void>;
  subscribe(channel: string, onMessage: (message: string) => void): Promise<Unsubscribe>;
  /** As `subscribe`, each message as the bytes published: binary payloads cross without an encoding. */
  subscribeBytes(channel: string, onMessage: (message: Uint8Array) => void): Promise<Unsubscribe>;
  /**
   * Called each time pub/sub works again after the connection was lost (Redis restarted or
   * unreachable for a while): messages published meanwhile are gone, so what was missed must
   * be asked for again. Memory never loses them. Returns a function that stops the calls.
   */
  onReconnected(listener: () => void): () => void;

  health(): Promise<boolean>;
  close(): Promise<void>;
}
