import type { AmendmentStore } from '../../amendments/amendment-store';
import type { Db } from './database';
import { toAmendmentDecision, type AmendmentRow } from '../rows/amendments';

/** Amendment decisions, part of the SQLite proposals store. */
export function sqliteAmendmentStore(db: Db): AmendmentStore {
  const list = db.prepare<[string], AmendmentRow>('SELECT * FROM amendment_decisions WHERE proposal_id = ? ORDER BY decided_at, thread_id');
  const insert = db.prepare(
    `INSERT INTO amendment_decisions (proposal_id, thread_id, decision, text, decided_by, decided_at, version_id)
     VALUES (@proposalId, @threadId, @decision, @text, @decidedBy, @decidedAt, @versionId) ON CONFLICT DO NOTHING`,
  );
  return {
    async amendmentDecisions(proposalId) {
      return list.all(proposalId).map(toAmendmentDecision);
    },
    async recordAmendmentDecision(record) {
      return insert.run(record).changes === 1;
    },
  };
}
