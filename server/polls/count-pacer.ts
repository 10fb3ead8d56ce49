/**
 * When a poll's counts go out to its room: once ballots have stopped changing them for `quietMs`,
 * or `maxWaitMs` after the first change not yet sent, whichever comes first; never two sends of
 * one poll less than `quietMs` apart. Each send is a write to every socket in the room, and
 * during a burst the voters' acknowledgements wait behind those writes: a thousand voters casting
 * at once hear the counts when the burst has passed (and once a second while it lasts) instead of
 * every 150 ms of it.
 */
export class CountPacer {
  private readonly pending = new Map<string, { first: number; last: number; timer: NodeJS.Timeout }>();

  constructor(
    private readonly send: (key: string) => void,
    private readonly quietMs = 150,
    private readonly maxWaitMs = 1_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The counts of `key` changed: sent once quiet (or when waited long enough). */
  changed(key: string): void {
    const at = this.now();
    const entry = this.pending.get(key);
    if (entry) {
      entry.last = at;
      return;
    }
    this.pending.set(key, { first: at, last: at, timer: setTimeout(() => this.due(key), this.quietMs) });
  }

  /** Drops what waits for `key` (its state is being sent at once anyway). */
  cancel(key: string): void {
    clearTimeout(this.pending.get(key)?.timer);
    this.pending.delete(key);
  }

  stop(): void {
    for (const entry of this.pending.values()) clearTimeout(entry.timer);
    this.pending.clear();
  }

  private due(key: string): void {
    const entry = this.pending.get(key);
    if (!entry) return;
    const at = this.now();
    const quietFor = at - entry.last;
    const waited = at - entry.first;
    if (quietFor < this.quietMs && waited < this.maxWaitMs) {
      entry.timer = setTimeout(() => this.due(key), Math.min(this.quietMs - quietFor, this.maxWaitMs - waited));
      return;
    }
    this.pending.delete(key);
    this.send(key);
  }
}
