/**
 * better-sqlite3 runs every statement on one connection, so while a command's
 * transaction is open (BEGIN sent, awaiting its next step), a statement from any
 * other request would run inside it and commit or roll back with it. The gate keeps
 * them apart: while a transaction holds it, every other call waits and runs, in
 * arrival order, as soon as it is released; with no transaction open (nearly always)
 * a call runs at once, so the document update path pays one comparison.
 *
 * A waiting call gives up after `maxWaitMs`: a transaction is a few milliseconds of
 * database work, so a long wait means a command awaited something that itself waits
 * for the gate, and failing that call (and with it, the command) beats hanging forever.
 */
export class Gate {
  private held = false;
  private readonly queue: Waiter[] = [];

  constructor(private readonly maxWaitMs = 10_000) {}

  /**
   * Runs `call` now, or once no transaction is open. `call` must do all its work
   * synchronously (an async function around better-sqlite3 statements does).
   */
  pass<R>(call: () => Promise<R>): Promise<R> {
    if (!this.held) return call();
    return new Promise<R>((resolve, reject) => this.enqueue({ kind: 'call', run: () => call().then(resolve, reject), reject }));
  }

  /** Waits until no transaction is open and holds the gate; `release` must follow. */
  acquire(): Promise<void> {
    if (!this.held && this.queue.length === 0) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => this.enqueue({ kind: 'transaction', run: resolve, reject }));
  }

  /** Runs the calls that waited (synchronously, before any new transaction), then hands over to the next transaction. */
  release(): void {
    this.held = false;
    while (this.queue.length > 0) {
      const next = this.queue.shift()!;
      clearTimeout(next.timer);
      if (next.kind === 'transaction') {
        this.held = true;
        next.run();
        return;
      }
      next.run();
    }
  }

  private enqueue(waiter: Waiter): void {
    waiter.timer = setTimeout(() => {
      const at = this.queue.indexOf(waiter);
      if (at < 0) return;
      this.queue.splice(at, 1);
      waiter.reject(new Error(`the database was held by a transaction for more than ${this.maxWaitMs} ms`));
    }, this.maxWaitMs);
    waiter.timer.unref();
    this.queue.push(waiter);
  }
}

interface Waiter {
  kind: 'call' | 'transaction';
  run(): void;
  reject(error: Error): void;
  timer?: NodeJS.Timeout;
}

const shared = new Map<string, { gate: Gate; users: number }>();

/**
 * The gate of a database file, shared by every store this process opens on it: two
 * connections to one file (two instances in one test process) would otherwise block each
 * other, the second waiting synchronously on SQLite's lock while the first's transaction
 * waits for the event loop. `release` when the store closes.
 */
export function gateFor(file: string): { gate: Gate; release(): void } {
  if (file === ':memory:') return { gate: new Gate(), release: () => {} };
  const entry = shared.get(file) ?? { gate: new Gate(), users: 0 };
  entry.users++;
  shared.set(file, entry);
  let released = false;
  return {
    gate: entry.gate,
    release() {
      if (released) return;
      released = true;
      if (--entry.users === 0) shared.delete(file);
    },
  };
}
