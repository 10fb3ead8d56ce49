import type { AmendmentDecisionRecord } from '../../amendments/amendment-store';

// Amendment decisions: the rows both stores read (SQLite and PostgreSQL share the schema) and their domain records.

export interface AmendmentRow {
  proposal_id: string;
  thread_id: string;
  decision: AmendmentDecisionRecord['decision'];
  text: string;
  decided_by: string;
  decided_at: string;
  version_id: string | null;
}

export const toAmendmentDecision = (r: AmendmentRow): AmendmentDecisionRecord => ({
  proposalId: r.proposal_id,
  threadId: r.thread_id,
  decision: r.decision,
  text: r.text,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  versionId: r.version_id,
});
