/**
 * Fault injection around the real store: the database stays real, and one chosen call
 * inside a command's transaction throws, as a full disk or a lost connection would.
 */
import type { Store, Tx } from '../../server/store/store';
import { wrapStores } from '../../server/store/transaction';

export class InjectedFault extends Error {
  constructor(readonly step: number) {
    super(`injected fault at step ${step}`);
  }
}

export class Faults {
  private armedAt: number | null = null;
  private calls = 0;
  /** Whether the armed fault was thrown. */
  fired = false;
  /** What the last armed transaction did, step by step (method names, then 'commit'). */
  readonly steps: string[] = [];
  /** Transactions started through the wrapped store, armed or not. */
  started = 0;
  /** The store as the server opened it, unwrapped. */
  real: Store | undefined;

  /** For `startForum({ wrapStore })`. */
  readonly wrap = (store: Store): Store => {
    this.real = store;
    return { ...store, kind: store.kind, health: () => store.health(), close: () => store.close(), transaction: (fn) => this.transaction(store, fn) };
  };

  /**
   * The next transaction that starts fails at its `step`-th store call (1-based); with
   * fewer calls than that, it fails just before committing when `step` is one more.
   */
  arm(step: number): void {
    this.armedAt = step;
    this.calls = 0;
    this.fired = false;
    this.steps.length = 0;
  }

  private transaction<T>(store: Store, fn: (tx: Tx) => Promise<T>): Promise<T> {
    this.started++;
    const armed = this.armedAt;
    this.armedAt = null;
    if (armed === null) return store.transaction(fn);
    return store.transaction(async (tx) => {
      const step = (name: string) => {
        this.steps.push(name);
        if (++this.calls === armed) {
          this.fired = true;
          throw new InjectedFault(armed);
        }
      };
      const view: Tx = {
        ...wrapStores(tx, (call, method) => {
          step(method);
          return call();
        }),
        afterCommit: (after) => tx.afterCommit(after),
        transaction: (inner) => inner(view),
      };
      const result = await fn(view);
      step('commit');
      return result;
    });
  }
}
