import type { Logger } from '../logger';
import type { DomainStores, Tx } from './store';

/** Wraps a call to a store method: may run it now, later, or refuse it. */
export type Around = <R>(call: () => Promise<R>, method: string) => Promise<R>;

/**
 * The same object with every method routed through `around` (the domain stores are plain
 * objects of async methods). Used for the transaction-bound views, SQLite's gate and the
 * tests' fault injection.
 */
export function wrapMethods<T extends object>(target: T, around: Around): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(target)) {
    if (typeof value !== 'function') {
      wrapped[name] = value;
      continue;
    }
    const method = value as (...args: unknown[]) => Promise<unknown>;
    wrapped[name] = (...args: unknown[]) => around(() => method.apply(target, args), name);
  }
  return wrapped as T;
}

const domains = ['auth', 'audit', 'forum', 'docs', 'meetings', 'polls', 'proposals', 'calendar', 'notifications', 'outbox', 'search'] as const;

/** Every domain store wrapped with `around`, which sees methods as `domain.method`. */
export function wrapStores(stores: DomainStores, around: Around): DomainStores {
  return Object.fromEntries(
    domains.map((name) => [name, wrapMethods(stores[name], (call, method) => around(call, `${name}.${method}`))]),
  ) as unknown as DomainStores;
}

/**
 * One transaction's view and its after-commit work. The view passes calls on while the
 * transaction is open (and `stillOpen` agrees), and refuses them once it has ended, so a
 * stray call from a command's leftover promise can never write outside it.
 */
export class TxScope {
  readonly view: Tx;
  private readonly after: (() => void)[] = [];
  private open = true;

  constructor(stores: DomainStores, stillOpen: () => boolean = () => true) {
    const around: Around = (call, method) => {
      if (!this.open) return Promise.reject(new Error(`${method}: the transaction has already ended`));
      if (!stillOpen()) return Promise.reject(new Error(`${method}: the database rolled the transaction back`));
      return call();
    };
    this.view = {
      ...wrapStores(stores, around),
      transaction: (fn) => fn(this.view),
      afterCommit: (fn) => {
        if (!this.open) throw new Error('afterCommit: the transaction has already ended');
        this.after.push(fn);
      },
    };
  }

  /** No call passes from here on. */
  end(): void {
    this.open = false;
  }

  /** Runs what waited for the commit, in order; one that throws does not stop the others. */
  committed(logger: Logger | undefined): void {
    for (const fn of this.after.splice(0)) {
      try {
        fn();
      } catch (error) {
        logger?.error({ err: error }, 'a step after a commit failed; the command itself is stored');
      }
    }
  }
}
