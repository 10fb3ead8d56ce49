import type { AmendmentVerdict } from '../../shared/schemas/amendments';

/** What was decided about a suggested replacement text attached to a comment. */
export interface AmendmentDecisionRecord {
  proposalId: string;
  /** The comment thread the amendment is attached to. */
  threadId: string;
  decision: AmendmentVerdict;
  /** The replacement text as it was decided. */
  text: string;
  decidedBy: string;
  decidedAt: string;
  /** The version saved before an accepted amendment was applied. */
  versionId: string | null;
}

/** Decisions on amendments, one per comment thread, part of the proposals store. */
export interface AmendmentStore {
  amendmentDecisions(proposalId: string): Promise<AmendmentDecisionRecord[]>;
  /** False when the thread's amendment was already decided (by anyone, on any instance). */
  recordAmendmentDecision(record: AmendmentDecisionRecord): Promise<boolean>;
}
