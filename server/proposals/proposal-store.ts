import type { SubcommitteeId } from '../../shared/domain';
import type { ProposalStatus } from '../../shared/proposals/workflow';

export interface ProposalRecord {
  id: string;
  title: string;
  subcommittee: SubcommitteeId;
  status: ProposalStatus;
  summary: string | null;
  createdBy: string;
  createdAt: string;
  /** Last change to the record itself (title, summary, status, restore). */
  updatedAt: string;
}

/** A proposal as lists show it. */
export interface ProposalRow extends ProposalRecord {
  authorName: string;
  /** The later of `updatedAt` and the last stored update of its document. */
  lastChangedAt: string;
}

export interface StatusChangeRecord {
  from: ProposalStatus | null;
  to: ProposalStatus;
  note: string | null;
  actorId: string | null;
  actorName: string | null;
  at: string;
}

export interface ProposalFilter {
  subcommittee?: SubcommitteeId;
  status?: ProposalStatus;
  /** Substring of the title. */
  q?: string;
}

export type StatusOutcome = 'changed' | 'missing' | 'stale';

/** The durable record of proposals and their status history; each method is atomic. */
export interface ProposalStore {
  /** Inserts the proposal and the history entry of its creation (null → its status). */
  create(record: ProposalRecord): Promise<void>;
  /** Creates it only when no proposal has this id; for idempotent seeding. */
  createIfMissing(record: ProposalRecord, history: StatusChangeRecord[]): Promise<boolean>;
  byId(id: string): Promise<ProposalRow | null>;
  list(filter: ProposalFilter): Promise<ProposalRow[]>;
  update(id: string, changes: { title?: string; summary?: string | null }, at: string): Promise<boolean>;
  /** Compare-and-set: moves `from` → `to` and records it, or answers `stale` if the status is no longer `from`. */
  setStatus(id: string, change: StatusChangeRecord & { from: ProposalStatus }): Promise<StatusOutcome>;
  /** Oldest first. */
  history(id: string): Promise<StatusChangeRecord[]>;
  /** Marks a change that lives outside the record (a restore). */
  touch(id: string, at: string): Promise<void>;
  /** Display names of users, for ids that exist. */
  userNames(ids: string[]): Promise<Map<string, string>>;
}
