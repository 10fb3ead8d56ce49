import type { Ephemeral } from '../ephemeral/ephemeral';

/** A fixed-window counter in the ephemeral state, shared by every server instance. */
export class RateLimit {
  constructor(
    private readonly ephemeral: Ephemeral,
    private readonly name: string,
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds to wait when the limit is reached, else 0. Does not count. */
  async blockedFor(key: string): Promise<number> {
    const count = Number((await this.ephemeral.get(this.key(key))) ?? 0);
    if (count < this.max) return 0;
    return (await this.ephemeral.ttl(this.key(key))) ?? 0;
  }

  async hit(key: string): Promise<void> {
    await this.ephemeral.increment(this.key(key), this.windowMs);
  }

  async reset(key: string): Promise<void> {
    await this.ephemeral.delete(this.key(key));
  }

  private key(key: string) {
    return `rate:${this.name}:${key}`;
  }
}
