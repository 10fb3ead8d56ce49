/** The only thing tests may fake: time. */
export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };
