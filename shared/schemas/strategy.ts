import { z } from 'zod';
import { Id, IsoDate, SubcommitteeId, paragraph } from './common';
import { ProposalStatus } from './proposals';

/** One subcommittee's proposals by status, and what is adopted but not yet in the strategy. */
export const ChapterProgress = z.object({
  subcommittee: SubcommitteeId,
  nameKo: z.string(),
  nameEn: z.string(),
  counts: z.record(ProposalStatus, z.number().int()),
  /** Adopted, not yet incorporated: the secretariat's to-do list. */
  pending: z.array(z.object({ id: Id, title: z.string() })),
  incorporated: z.array(z.object({ id: Id, title: z.string() })),
});
export type ChapterProgress = z.infer<typeof ChapterProgress>;

export const StrategyView = z.object({
  /** The Yjs document of the text: `strategy:<forumId>`. */
  docName: z.string(),
  dueOn: IsoDate,
  today: IsoDate,
  /** Days left to the strategy deadline (negative once past). */
  daysLeft: z.number().int(),
  chapters: z.array(ChapterProgress),
  /** What the requesting user may do (the server decides again on each call). */
  canWrite: z.boolean(),
  canComment: z.boolean(),
  canIncorporate: z.boolean(),
});
export type StrategyView = z.infer<typeof StrategyView>;

export const StrategyResponse = z.object({ strategy: StrategyView });
export const IncorporateParams = z.object({ id: Id });
export const IncorporateBody = z.strictObject({ note: paragraph(500).optional() });
/** One version of the strategy's text (the versions themselves are shaped as a proposal's). */
export const StrategyVersionParams = z.object({ versionId: Id });
