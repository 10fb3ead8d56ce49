/**
 * Password hashing (scrypt: 128 MiB and a good part of a core per hash) at most
 * `concurrency` at a time, so a burst of sign-ins cannot exhaust memory or the thread
 * pool. Waiting hashes take turns by key (the caller's address): one address with
 * forty queued guesses holds back another address by at most one hash per turn,
 * not by forty.
 */
export class HashingPool {
  private running = 0;
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
    try {
      return await task();
    } finally {
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

  /** Hands the freed slot to the next key in turn (the running count stays), or frees it. */
  private release(): void {
    const next = this.waiting.entries().next();
    if (next.done) {
      this.running--;
      return;
    }
    const [key, queue] = next.value;
    const resolve = queue.shift()!;
    this.waiting.delete(key);
    if (queue.length > 0) this.waiting.set(key, queue);
    resolve();
  }
}
