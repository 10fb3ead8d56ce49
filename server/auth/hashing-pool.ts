/**
 * Password hashing (scrypt: 128 MiB and a good part of a core per hash) at most
 * `concurrency` at a time, so a burst of sign-ins cannot exhaust memory or the thread
 * pool. A freed slot goes to the waiting key (the caller's address) with the fewest
 * hashes running, then in turn order: one address with forty queued guesses holds
 * back a sign-in from another address until the next slot frees, not for forty hashes.
 */
export class HashingPool {
  private running = 0;
  /** Hashes running per key. */
  private readonly runningFor = new Map<string, number>();
  /** Insertion order is the turn order: a key whose turn came goes to the back. */
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly concurrency: number) {}

  /** Hashes waiting for a turn. */
  get queued(): number {
    let n = 0;
    for (const q of this.waiting.values()) n += q.length;
    return n;
  }

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    await this.turn(key);
    this.runningFor.set(key, (this.runningFor.get(key) ?? 0) + 1);
    try {
      return await task();
    } finally {
      const left = this.runningFor.get(key)! - 1;
      if (left > 0) this.runningFor.set(key, left);
      else this.runningFor.delete(key);
      this.release();
    }
  }

  private turn(key: string): Promise<void> {
    if (this.running < this.concurrency) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const queue = this.waiting.get(key);
      if (queue) queue.push(resolve);
      else this.waiting.set(key, [resolve]);
    });
  }

  /** Hands the freed slot on (the running count stays), or frees it. */
  private release(): void {
    const key = this.nextKey();
    if (key === undefined) {
      this.running--;
      return;
    }
    const queue = this.waiting.get(key)!;
    const resolve = queue.shift()!;
    this.waiting.delete(key);
    if (queue.length > 0) this.waiting.set(key, queue);
    resolve();
  }

  /** The waiting key with the fewest hashes running; the earliest in turn order among equals. */
  private nextKey(): string | undefined {
    let best: string | undefined;
    let fewest = Infinity;
    for (const key of this.waiting.keys()) {
      const running = this.runningFor.get(key) ?? 0;
      if (running < fewest) [best, fewest] = [key, running];
      if (running === 0) break;
    }
    return best;
  }
}
