import type { BucketPolicy, TakeResult } from './token-bucket';

/**
 * token-bucket.ts `takeFrom` in Lua, for each bucket of a batch in turn, so that the
 * refill, the check and the take are one step for every instance. KEYS: the buckets' hashes (a
 * key given twice is taken from twice, in order); ARGV: now, then perSecond, burst and cost of
 * each key. Returns allowed (0/1) and retryAfterMs of each key, one flat list. A bucket's key
 * expires once it would be full.
 */
const TAKE_TOKENS = `
local now = tonumber(ARGV[1])
local out = {}
for i, key in ipairs(KEYS) do
  local rate, burst, cost = tonumber(ARGV[3 * i - 1]), tonumber(ARGV[3 * i]), tonumber(ARGV[3 * i + 1])
  local stored = redis.call('HMGET', key, 'tokens', 'at')
  local tokens = burst
  if stored[1] then
    tokens = math.min(burst, tonumber(stored[1]) + math.max(0, now - tonumber(stored[2])) / 1000 * rate)
  end
  local allowed, retry = 1, 0
  if cost > 0 and tokens < cost then
    allowed, retry = 0, math.ceil((cost - tokens) / rate * 1000)
  else
    tokens = math.min(burst, tokens - cost)
  end
  redis.call('HSET', key, 'tokens', string.format('%.17g', tokens), 'at', ARGV[1])
  redis.call('PEXPIRE', key, math.max(1, math.ceil((burst - tokens) / rate * 1000)))
  out[#out + 1] = allowed
  out[#out + 1] = retry
end
return out
`;

/** Runs a script with its keys and arguments (the Redis client's EVAL). */
export type EvalScript = (script: string, keys: string[], args: string[]) => Promise<unknown>;

interface Take {
  key: string;
  policy: BucketPolicy;
  cost: number;
  resolve(result: TakeResult): void;
  reject(error: unknown): void;
}

/** At most this many takes go into one script run: Redis runs a script to its end before any other command. */
const MAX_BATCH = 500;

/**
 * The token takes asked for in one turn of the event loop, sent to Redis as one script run: a
 * thousand voters casting at once (each ballot an event that takes a token) cost one round trip
 * and one script instead of a thousand. Each take is still refilled, checked and counted on its
 * own, in the order asked, atomically for every instance: the limit means what it meant.
 */
export class BatchedTakes {
  private waiting: Take[] = [];

  constructor(
    private readonly evaluate: EvalScript,
    private readonly now: () => number,
  ) {}

  /** Rejects when Redis did not answer (the caller then counts on its own). */
  take(key: string, policy: BucketPolicy, cost: number): Promise<TakeResult> {
    return new Promise((resolve, reject) => {
      // setImmediate: after every socket read of this turn has asked.
      if (this.waiting.length === 0) setImmediate(() => this.flush());
      this.waiting.push({ key, policy, cost, resolve, reject });
    });
  }

  private flush(): void {
    const all = this.waiting.splice(0);
    for (let at = 0; at < all.length; at += MAX_BATCH) void this.send(all.slice(at, at + MAX_BATCH));
  }

  private async send(batch: Take[]): Promise<void> {
    const args = [String(this.now()), ...batch.flatMap((t) => [String(t.policy.perSecond), String(t.policy.burst), String(t.cost)])];
    try {
      const reply = (await this.evaluate(TAKE_TOKENS, batch.map((t) => t.key), args)) as number[];
      batch.forEach((t, i) => t.resolve({ allowed: reply[2 * i] === 1, retryAfterMs: reply[2 * i + 1]! }));
    } catch (error) {
      for (const t of batch) t.reject(error);
    }
  }
}
