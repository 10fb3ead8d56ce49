import type { Logger } from '../logger';

/** Something the scheduler runs every round; what is due is decided by the injected clock. */
export interface ScheduledJob {
  name: string;
  tick(): Promise<unknown>;
}

/**
 * Runs the time-driven notifications (reminders, digests) every `everyMs` of real time.
 * What is due is decided by each job against the injected clock and claimed in the store,
 * so tests move the clock and call `tick()`, and rounds overlapping on two instances are harmless.
 */
export class NotificationScheduler {
  private timer: NodeJS.Timeout | undefined;
  /** Rounds run one after another; the last one queued. */
  private chain: Promise<void> = Promise.resolve();
  private queued = 0;

  constructor(
    private readonly jobs: ScheduledJob[],
    private readonly o: { everyMs: number; logger: Logger },
  ) {}

  start(): void {
    // A timer round is skipped while another waits: rounds never pile up behind a slow one.
    this.timer = setInterval(() => (this.queued === 0 ? void this.tick() : undefined), this.o.everyMs);
    this.timer.unref();
    void this.tick();
  }

  /** One round of every job, after any round under way (so it reads the clock as it is now). */
  tick(): Promise<void> {
    this.queued += 1;
    this.chain = this.chain.then(() => {
      this.queued -= 1;
      return this.round();
    });
    return this.chain;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.chain;
  }

  private async round(): Promise<void> {
    for (const job of this.jobs) {
      try {
        await job.tick();
      } catch (error) {
        this.o.logger.error({ err: error, job: job.name }, 'a scheduled notification job failed; it runs again next round');
      }
    }
  }
}
