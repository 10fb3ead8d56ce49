import type { AmendmentStore } from '../../amendments/amendment-store';
import type { Sql } from './sql';
import { toAmendmentDecision, type AmendmentRow } from '../rows/amendments';

/** Amendment decisions, part of the PostgreSQL proposals store (as in SQLite). */
export function pgAmendmentStore(sql: Sql): AmendmentStore {
  return {
    async amendmentDecisions(proposalId) {
      const rows = await sql.rows<AmendmentRow>('SELECT * FROM amendment_decisions WHERE proposal_id = $1 ORDER BY decided_at, thread_id', [proposalId]);
      return rows.map(toAmendmentDecision);
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
