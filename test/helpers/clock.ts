import type { Clock } from '../../server/clock';

/**
 * A clock a test can stop and move: real time by default, frozen by `freeze()`
 * (token buckets then never refill, so limits count exactly), jumped by `advance()`.
 */
export class TestClock implements Clock {
  private offset = 0;
  private frozenAt: number | null = null;

  now(): number {
    return this.frozenAt ?? Date.now() + this.offset;
  }
  freeze(): void {
    this.frozenAt = this.now();
  }
  /** Back to running, from where it stands now. */
  resume(): void {
    if (this.frozenAt === null) return;
    this.offset = this.frozenAt - Date.now();
    this.frozenAt = null;
  }
  advance(ms: number): void {
    if (this.frozenAt !== null) this.frozenAt += ms;
    else this.offset += ms;
  }
}
