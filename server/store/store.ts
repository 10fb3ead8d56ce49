import type { AuditStore } from '../audit/audit-store';
import type { AuthStore } from '../auth/auth-store';
import type { DocStore } from '../documents/doc-store';
import type { ForumStore } from '../forum/forum-store';
import type { MeetingStore } from '../meetings/meeting-store';
import type { PollStore } from '../polls/poll-store';
import type { ProposalStore } from '../proposals/proposal-store';

/**
 * The durable record. Each domain owns an interface of atomic operations; a
 * backend (SQLite now, PostgreSQL later) implements them all. Methods are async
 * so that a networked database fits behind the same interface.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  readonly auth: AuthStore;
  readonly audit: AuditStore;
  readonly forum: ForumStore;
  readonly docs: DocStore;
  readonly meetings: MeetingStore;
  readonly polls: PollStore;
  readonly proposals: ProposalStore;
  health(): Promise<boolean>;
  /** Flush and release; called once on shutdown. */
  close(): Promise<void>;
}
