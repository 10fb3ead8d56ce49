import type { AmendmentDecisionRecord, AmendmentStore } from '../../amendments/amendment-store';
import type { Db } from './database';

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

/** Amendment decisions, part of the SQLite proposals store. */
export function sqliteAmendmentStore(db: Db): AmendmentStore {
  const list = db.prepare<[string], Row>('SELECT * FROM amendment_decisions WHERE proposal_id = ? ORDER BY decided_at, thread_id');
  const insert = db.prepare(
    `INSERT INTO amendment_decisions (proposal_id, thread_id, decision, text, decided_by, decided_at, version_id)
     VALUES (@proposalId, @threadId, @decision, @text, @decidedBy, @decidedAt, @versionId) ON CONFLICT DO NOTHING`,
  );
  return {
    async amendmentDecisions(proposalId) {
      return list.all(proposalId).map(toRecord);
    },
    async recordAmendmentDecision(record) {
      return insert.run(record).changes === 1;
    },
  };
}
