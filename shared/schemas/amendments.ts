import { z } from 'zod';
import { Id } from './common';

export { AMENDMENT_DECISION_FIELD, AMENDMENT_FIELD, amendmentMaxChars } from './amendment-fields';

export const AmendmentParams = z.object({ id: Id, threadId: Id });
/** What the author made of a suggested change. */
export const AmendmentVerdict = z.enum(['accepted', 'declined']);
export type AmendmentVerdict = z.infer<typeof AmendmentVerdict>;
export const AmendmentDecisionBody = z.strictObject({ decision: AmendmentVerdict });

export const AmendmentDecision = z.object({
  threadId: Id,
  decision: AmendmentVerdict,
  text: z.string(),
  decidedBy: z.object({ id: Id, name: z.string() }),
  decidedAt: z.string(),
  /** The version saved before an accepted amendment was applied. */
  versionId: z.string().nullable(),
});
export type AmendmentDecision = z.infer<typeof AmendmentDecision>;

export const AmendmentDecisionResponse = z.object({ amendment: AmendmentDecision });
export const AmendmentDecisionsResponse = z.object({ amendments: z.array(AmendmentDecision) });

/** A suggested replacement not yet accepted or declined, on a proposal on a meeting's agenda. */
export const OpenAmendment = z.object({
  proposalId: Id,
  proposalTitle: z.string(),
  threadId: Id,
  /** The commented text, and what the comment suggests in its place. */
  quote: z.string(),
  text: z.string(),
  author: z.string(),
});
export type OpenAmendment = z.infer<typeof OpenAmendment>;
export const OpenAmendmentsResponse = z.object({ amendments: z.array(OpenAmendment) });
