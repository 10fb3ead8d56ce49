/**
 * Group commit: what arrives in one turn of the event loop is committed together, by one call
 * of `commit`, and each caller hears its own answer only once that call has returned (so, for
 * a transaction, after it committed). One group is committed at a time; what arrives meanwhile
 * forms the next. Two items with the same key never share a group: the later one waits for the
 * next, so it is judged knowing the earlier one was stored. If `commit` throws, every item of
 * that group fails with the error and nothing of it counts.
 */
export class GroupCommit<T, R> {
  private readonly waiting: Pending<T, R>[] = [];
  private scheduled = false;
  private committing = false;

  constructor(
    private readonly commit: (items: T[]) => Promise<R[]>,
    private readonly keyOf: (item: T) => string,
    /** A group holds at most this many items; the rest start the next. */
    private readonly maxGroup = 1_000,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.committing) return;
    this.scheduled = true;
    // setImmediate: after every socket read of this turn has been handled.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    const group = this.take();
    if (group.length === 0) return;
    this.committing = true;
    try {
      const results = await this.commit(group.map((p) => p.item));
      group.forEach((p, i) => p.resolve(results[i]!));
    } catch (error) {
      for (const p of group) p.reject(error);
    } finally {
      this.committing = false;
      if (this.waiting.length > 0) this.schedule();
    }
  }

  /** The next group, in arrival order; a repeated key (and what exceeds the size) stays waiting. */
  private take(): Pending<T, R>[] {
    const group: Pending<T, R>[] = [];
    const keys = new Set<string>();
    const later: Pending<T, R>[] = [];
    for (const p of this.waiting.splice(0)) {
      const key = this.keyOf(p.item);
      if (keys.has(key) || group.length >= this.maxGroup) later.push(p);
      else {
        keys.add(key);
        group.push(p);
      }
    }
    this.waiting.push(...later);
    return group;
  }
}

interface Pending<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}
