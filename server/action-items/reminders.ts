import type { Logger } from '../logger';

/**
 * Runs the overdue check now and then (every instance; the store decides which one sends
 * each reminder). Never inside a request; a failed round is logged and the next one tries again.
 */
export class OverdueReminders {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;

  constructor(
    private readonly o: { remind(): Promise<number>; everyMs: number; logger: Logger },
  ) {}

  start(): void {
    this.timer = setInterval(() => this.round(), this.o.everyMs);
    this.timer.unref();
  }

  private round(): void {
    if (this.running) return;
    this.running = this.o
      .remind()
      .then(() => undefined)
      .catch((error: unknown) => this.o.logger.error({ err: error }, 'the overdue action item check failed; it runs again on its next round'))
      .finally(() => {
        this.running = null;
      });
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
