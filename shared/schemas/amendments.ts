import { z } from 'zod';
import { Id } from './common';

/** The text a comment suggests in place of the commented range (a field `amendment` of the comment thread). */
export const AMENDMENT_FIELD = 'amendment';
/** Written into the thread by the server once decided, for every client to show. */
export const AMENDMENT_DECISION_FIELD = 'amendmentDecision';
export const amendmentMaxChars = 4000;

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
