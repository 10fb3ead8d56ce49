import type { SubcommitteeId } from '../../../shared/domain';
import type { ProposalStatus } from '../../../shared/proposals/workflow';
import type { ProposalRow, StatusChangeRecord } from '../../proposals/proposal-store';

// Proposals and their status history: the rows both stores read (SQLite and PostgreSQL share the schema) and their domain records.

export interface StoredProposalRow {
  id: string;
  title: string;
  subcommittee: SubcommitteeId;
  status: ProposalStatus;
  summary: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  author_name: string | null;
  doc_at: string | null;
}
export interface HistoryRow {
  from_status: ProposalStatus | null;
  to_status: ProposalStatus;
  note: string | null;
  actor_id: string | null;
  actor_name: string | null;
  at: string;
}

export const toProposalRow = (r: StoredProposalRow): ProposalRow => ({
  id: r.id,
  title: r.title,
  subcommittee: r.subcommittee,
  status: r.status,
  summary: r.summary,
  createdBy: r.created_by,
  authorName: r.author_name ?? '',
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  lastChangedAt: r.doc_at && r.doc_at > r.updated_at ? r.doc_at : r.updated_at,
});

export const toHistory = (r: HistoryRow): StatusChangeRecord => ({
  from: r.from_status,
  to: r.to_status,
  note: r.note,
  actorId: r.actor_id,
  actorName: r.actor_name,
  at: r.at,
});

// The time of a document's newest stored update (the doc log is indexed by name and seq).
export const PROPOSAL_SELECT = `
  SELECT p.*, u.name AS author_name,
    (SELECT d.created_at FROM doc_updates d WHERE d.doc_name = 'proposal:' || p.id ORDER BY d.seq DESC LIMIT 1) AS doc_at
  FROM proposals p LEFT JOIN users u ON u.id = p.created_by`;
