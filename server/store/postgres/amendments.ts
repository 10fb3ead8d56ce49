import type { AmendmentDecisionRecord, AmendmentStore } from '../../amendments/amendment-store';
import type { Sql } from './sql';

interface Row {
  proposal_id: string;
  thread_id: string;
  decision: AmendmentDecisionRecord['decision'];
  text: string;
  decided_by: string;
  decided_at: string;
  version_id: string | null;
}

const toRecord = (r: Row): AmendmentDecisionRecord => ({
  proposalId: r.proposal_id,
  threadId: r.thread_id,
  decision: r.decision,
  text: r.text,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  versionId: r.version_id,
});

/** Amendment decisions, part of the PostgreSQL proposals store (as in SQLite). */
export function pgAmendmentStore(sql: Sql): AmendmentStore {
  return {
    async amendmentDecisions(proposalId) {
      const rows = await sql.rows<Row>('SELECT * FROM amendment_decisions WHERE proposal_id = $1 ORDER BY decided_at, thread_id', [proposalId]);
      return rows.map(toRecord);
    },
    async recordAmendmentDecision(r) {
      const inserted = await sql.run(
        `INSERT INTO amendment_decisions (proposal_id, thread_id, decision, text, decided_by, decided_at, version_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        [r.proposalId, r.threadId, r.decision, r.text, r.decidedBy, r.decidedAt, r.versionId],
      );
      return inserted === 1;
    },
  };
}
