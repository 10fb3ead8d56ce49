/**
 * Runs async tasks one at a time, in the order they were queued. A document's writes go
 * through one, so that the update log and the in-memory document see the same order.
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;

  get busy(): boolean {
    return this.pending > 0;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    this.pending++;
    const result = this.tail.then(task).finally(() => this.pending--);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Resolves once every task queued so far, and any they queued, has finished. */
  async drain(): Promise<void> {
    while (this.pending > 0) await this.tail;
  }
}
