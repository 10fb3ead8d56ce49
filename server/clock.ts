/** A call the clock will make later, until it is cancelled. */
export interface Scheduled {
  cancel(): void;
}

/** The only thing tests may fake: time (what it reads, and when what waits on it runs). */
export interface Clock {
  now(): number;
  /**
   * Calls `run` once this clock has moved on by `ms`. The wait does not keep the process
   * alive (a countdown left running must not hold up a shutdown).
   */
  after(ms: number, run: () => void): Scheduled;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  after(ms, run) {
    const timer = setTimeout(run, ms);
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
};
