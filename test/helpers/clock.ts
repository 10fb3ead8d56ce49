import type { Clock, Scheduled } from '../../server/clock';

/** A call waiting on the test clock, and the real timer that will make it (none while it must not run). */
interface Waiting {
  due: number;
  run: () => void;
  timer?: NodeJS.Timeout;
}

/**
 * A clock a test can stop and move: real time by default, frozen by `freeze()`
 * (token buckets then never refill, so limits count exactly), jumped by `advance()`.
 * What waits on it (`after`) runs when the clock reaches its time, however it got there:
 * in real time while it runs, at once when `advance()` passes it, never while it stands still.
 */
export class TestClock implements Clock {
  private offset = 0;
  private frozenAt: number | null = null;
  private readonly waiting = new Set<Waiting>();

  now(): number {
    return this.frozenAt ?? Date.now() + this.offset;
  }
  after(ms: number, run: () => void): Scheduled {
    const waiting: Waiting = { due: this.now() + ms, run };
    this.waiting.add(waiting);
    this.arm(waiting);
    return {
      cancel: () => {
        clearTimeout(waiting.timer);
        this.waiting.delete(waiting);
      },
    };
  }
  freeze(): void {
    this.frozenAt = this.now();
    this.rearm();
  }
  /** Back to running, from where it stands now. */
  resume(): void {
    if (this.frozenAt === null) return;
    this.offset = this.frozenAt - Date.now();
    this.frozenAt = null;
    this.rearm();
  }
  advance(ms: number): void {
    if (this.frozenAt !== null) this.frozenAt += ms;
    else this.offset += ms;
    this.rearm();
  }

  /** Calls are made on a real timer, never inside the test's own call, as the system clock would. */
  private arm(waiting: Waiting): void {
    clearTimeout(waiting.timer);
    waiting.timer = undefined;
    const left = waiting.due - this.now();
    if (left > 0 && this.frozenAt !== null) return;
    waiting.timer = setTimeout(() => {
      this.waiting.delete(waiting);
      waiting.run();
    }, Math.max(0, left));
    waiting.timer.unref();
  }
  private rearm(): void {
    for (const waiting of this.waiting) this.arm(waiting);
  }
}
