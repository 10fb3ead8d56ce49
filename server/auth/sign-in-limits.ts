import type { RateLimiter } from '../limits/rate-limiter';

export type SignInAttempt = { ok: true; succeeded(): Promise<void> } | { ok: false; retryAfterMs: number };

/**
 * Failed sign-ins, counted in three token buckets (limits/rate-limiter.ts):
 * - per account and address: the tight limit, so guessing one person's password from one place stops soon;
 * - per account, from every address: a higher ceiling, so a third party hammering an account from one
 *   address cannot lock its owner out, yet a distributed guess still stops;
 * - per address, over every account: one place guessing many accounts.
 * An attempt takes its tokens before the password is checked (each take is one atomic step), so
 * parallel attempts count exactly and an attempt over a limit costs no hashing.
 */
export class SignInLimits {
  constructor(private readonly buckets: { pair: RateLimiter; account: RateLimiter; address: RateLimiter }) {}

  async begin(email: string, address: string): Promise<SignInAttempt> {
    const account = email.trim().toLowerCase();
    const takes: [RateLimiter, string][] = [
      [this.buckets.pair, `${account} ${address}`],
      [this.buckets.account, account],
      [this.buckets.address, address],
    ];
    const taken: [RateLimiter, string][] = [];
    for (const [bucket, key] of takes) {
      const { allowed, retryAfterMs } = await bucket.take(key);
      if (!allowed) {
        // A refused attempt is not checked, so it does not count against the other limits either.
        await Promise.all(taken.map(([b, k]) => b.giveBack(k)));
        return { ok: false, retryAfterMs };
      }
      taken.push([bucket, key]);
    }
    return {
      ok: true,
      // The owner proved the password here: this pair starts afresh; the ceiling and the
      // address only get this attempt back, as others may be guessing meanwhile.
      succeeded: async () => {
        await Promise.all([this.buckets.pair.reset(takes[0]![1]), this.buckets.account.giveBack(account), this.buckets.address.giveBack(address)]);
      },
    };
  }
}
