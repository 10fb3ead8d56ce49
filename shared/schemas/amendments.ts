import { z } from 'zod';
import { Id } from './common';

export { AMENDMENT_DECISION_FIELD, AMENDMENT_FIELD, amendmentMaxChars } from './amendment-fields';

export const AmendmentParams = z.object({ id: Id, threadId: Id });
export const AmendmentDecisionBody = z.strictObject({ decision: z.enum(['accepted', 'declined']) });

export const AmendmentDecision = z.object({
  threadId: Id,
  decision: z.enum(['accepted', 'declined']),
  text: z.string(),
  decidedBy: z.object({ id: Id, name: z.string() }),
  decidedAt: z.string(),
  /** The version saved before an accepted amendment was applied. */
  versionId: z.string().nullable(),
});
export type AmendmentDecision = z.infer<typeof AmendmentDecision>;

export const AmendmentDecisionResponse = z.object({ amendment: AmendmentDecision });
export const AmendmentDecisionsResponse = z.object({ amendments: z.array(AmendmentDecision) });
