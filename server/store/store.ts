import type { ActionItemStore } from '../action-items/action-item-store';
import type { AmendmentStore } from '../amendments/amendment-store';
import type { AuditStore } from '../audit/audit-store';
import type { AuthStore } from '../auth/auth-store';
import type { CalendarStore } from '../calendar/calendar-store';
import type { DocStore } from '../documents/doc-store';
import type { ForumStore } from '../forum/forum-store';
import type { OutboxStore } from '../mail/outbox-store';
import type { MeetingStore } from '../meetings/meeting-store';
import type { NotificationStore } from '../notifications/notification-store';
import type { PollStore } from '../polls/poll-store';
import type { ProposalStore } from '../proposals/proposal-store';
import type { SearchStore } from '../search/search-store';

/** Every domain's store: each owns an interface of atomic operations. */
export interface DomainStores {
  readonly auth: AuthStore;
  readonly audit: AuditStore;
  readonly forum: ForumStore;
  readonly docs: DocStore;
  /**
   * A meeting's action items are kept with the meetings, an amendment's decision with its
   * proposal: one store each, two interfaces, so that neither domain names the other's.
   */
  readonly meetings: MeetingStore & ActionItemStore;
  readonly polls: PollStore;
  readonly proposals: ProposalStore & AmendmentStore;
  readonly calendar: CalendarStore;
  readonly notifications: NotificationStore;
  readonly outbox: OutboxStore;
  readonly search: SearchStore;
}

/** Whatever can run a transaction: the store, or a transaction already open (which is then joined). */
export interface Transactor {
  /**
   * Runs `fn` in one transaction: what it writes through `tx` commits together, or
   * nothing of it does (a throw rolls everything back). Called on a `Tx`, it joins that
   * transaction. Keep `fn` to the database: read documents, sockets and other services
   * before it, and leave broadcasts to `tx.afterCommit`.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

/**
 * A transaction-bound view of the domain stores. Every call runs inside the
 * transaction; once it has ended, the view refuses further calls.
 */
export interface Tx extends DomainStores, Transactor {
  /**
   * Runs `fn` once the transaction has committed, never after a rollback: broadcasts,
   * live re-checks, anything outside the database. A throw there is logged; the command
   * has happened all the same.
   */
  afterCommit(fn: () => void): void;
}

/**
 * The durable record. A backend (SQLite, PostgreSQL) implements every domain's store.
 * Methods are async so that a networked database fits behind the same interface.
 * Outside `transaction`, each call is its own atomic operation.
 */
export interface Store extends DomainStores, Transactor {
  readonly kind: 'sqlite' | 'postgres';
  health(): Promise<boolean>;
  /**
   * Runs `fn` while no other instance on this database runs one under the same `name` (first
   * start's seeding, say, when several instances start together on an empty database). `fn` uses
   * the store as usual; this only keeps it apart from its twins elsewhere.
   */
  exclusive<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Flush and release; called once on shutdown. */
  close(): Promise<void>;
}
