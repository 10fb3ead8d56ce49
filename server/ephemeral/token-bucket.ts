/**
 * The token bucket, as the ephemeral state keeps it for every rate limit (`Ephemeral.takeToken`:
 * `takeFrom` below in memory.ts, its Lua twin in redis.ts). The limits and their policies are
 * server/limits/.
 */

/** How fast a bucket refills and how much it holds: `perSecond` on average, bursts up to `burst`. */
export interface BucketPolicy {
  perSecond: number;
  burst: number;
}

/** A bucket's state between takes; stored as is in memory, as a Redis hash by the Lua twin of `takeFrom`. */
export interface BucketState {
  tokens: number;
  /** Epoch ms of the last take. */
  at: number;
}

/** Whether a take was allowed and, when it was not, when one token will be there. */
export interface TakeResult {
  allowed: boolean;
  retryAfterMs: number;
}

/**
 * Refills `state` for the time since its last take, then takes `cost` tokens (a negative
 * cost gives them back, capped at the burst). The one definition of a token bucket: the
 * Redis Lua script in redis-buckets.ts computes exactly this.
 */
export function takeFrom(state: BucketState | undefined, policy: BucketPolicy, now: number, cost = 1): { state: BucketState; result: TakeResult } {
  const elapsed = state ? Math.max(0, now - state.at) : 0;
  const tokens = state ? Math.min(policy.burst, state.tokens + (elapsed / 1000) * policy.perSecond) : policy.burst;
  if (cost > 0 && tokens < cost) {
    const retryAfterMs = Math.ceil(((cost - tokens) / policy.perSecond) * 1000);
    return { state: { tokens, at: now }, result: { allowed: false, retryAfterMs } };
  }
  return { state: { tokens: Math.min(policy.burst, tokens - cost), at: now }, result: { allowed: true, retryAfterMs: 0 } };
}

/** Milliseconds until a bucket that is not touched again is full, after which it may be forgotten. */
export const msUntilFull = (state: BucketState, policy: BucketPolicy): number =>
  Math.ceil(((policy.burst - state.tokens) / policy.perSecond) * 1000);

/**
 * One in-process bucket; used to drop excess awareness messages (cursor moves)
 * instead of relaying every one.
 */
export class TokenBucket {
  private state: BucketState | undefined;
  private readonly policy: BucketPolicy;

  constructor(
    perSecond: number,
    burst: number = perSecond,
    private readonly now: () => number = Date.now,
  ) {
    this.policy = { perSecond, burst };
  }

  /** Takes one token; false when the bucket is empty and the event should be dropped. */
  take(): boolean {
    const { state, result } = takeFrom(this.state, this.policy, this.now());
    this.state = state;
    return result.allowed;
  }
}
