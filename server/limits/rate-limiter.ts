import type { AppError } from '../../shared/result';
import type { Ephemeral } from '../ephemeral/ephemeral';
import type { BucketPolicy, TakeResult } from '../ephemeral/token-bucket';

/** The refusal every limited path answers: code `rate_limited` with when to try again. */
export function rateLimited(retryAfterMs: number, what = 'requests'): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return {
    code: 'rate_limited',
    message: `Too many ${what}. Try again in ${retryAfterSeconds} s.`,
    reason: 'requests.rate_limited',
    retryAfterSeconds,
  };
}

/**
 * Named token buckets in the ephemeral state: in memory for one process, in Redis
 * (one Lua script, atomic across instances) with REDIS_URL. With Redis, a local twin
 * of each bucket answers first: a flood is refused here without a Redis round trip per
 * event (10,000 queued scripts would delay every other Redis command, health included),
 * and since it can only refuse, the shared bucket stays the limit.
 */
export class RateLimiter {
  /** Told of every refusal, with the limit's name (the metrics count them). */
  onRefused: ((limit: string) => void) | undefined;

  constructor(
    private readonly ephemeral: Ephemeral,
    private readonly name: string,
    readonly policy: BucketPolicy,
    private readonly local?: Ephemeral,
  ) {}

  /** Takes one token for `key`; refused when the bucket is empty. The check and the count are one step. */
  async take(key: string): Promise<TakeResult> {
    const result = await this.takeHereOrShared(key);
    if (!result.allowed) this.onRefused?.(this.name);
    return result;
  }

  private async takeHereOrShared(key: string): Promise<TakeResult> {
    if (this.local) {
      const here = await this.local.takeToken(this.key(key), this.policy, 1);
      if (!here.allowed) return here;
    }
    return this.ephemeral.takeToken(this.key(key), this.policy, 1);
  }

  /** Returns a token taken for an attempt that turned out not to count (a successful sign-in). */
  async giveBack(key: string): Promise<void> {
    await Promise.all([this.local?.takeToken(this.key(key), this.policy, -1), this.ephemeral.takeToken(this.key(key), this.policy, -1)]);
  }

  /** Forgets `key`: its bucket is full again. */
  async reset(key: string): Promise<void> {
    await Promise.all([this.local?.resetTokens(this.key(key)), this.ephemeral.resetTokens(this.key(key))]);
  }

  private key(key: string) {
    return `rate:${this.name}:${key}`;
  }
}
