import { z } from 'zod';
import { limits } from '../limits';
import { proposalStatuses } from '../proposals/workflow';
import { Id, IsoTime, SubcommitteeId, paragraph, text } from './common';

export const ProposalStatus = z.enum(proposalStatuses, { error: `must be one of ${proposalStatuses.join(', ')}` });
/** The two statuses a decision (a vote, or the ministry on its behalf) moves a proposal to. */
export const Verdict = ProposalStatus.extract(['adopted', 'rejected']);
export type Verdict = z.infer<typeof Verdict>;

/** Lengths of the proposal domain's own text fields (titles use the shared `limits.titleChars`). */
export const proposalLimits = { summaryChars: 1000, noteChars: 500, versionLabelChars: 100 } as const;

const Title = text(limits.titleChars);
const Summary = paragraph(proposalLimits.summaryChars);

export const ProposalIdParams = z.object({ id: Id });
export const ProposalVersionParams = z.object({ id: Id, versionId: Id });

export const ProposalListQuery = z.strictObject({
  subcommittee: SubcommitteeId.optional(),
  status: ProposalStatus.optional(),
  /** Part of the title; Korean works (a plain substring match, no wildcards). */
  q: z
    .string()
    .trim()
    .max(limits.titleChars, `must be at most ${limits.titleChars} characters`)
    .optional()
    .transform((q) => q || undefined),
});

export const CreateProposalBody = z.strictObject({
  title: Title,
  /** A chair's own subcommittee when left out; ministry staff must name one. */
  subcommittee: SubcommitteeId.optional(),
  summary: Summary.optional(),
});

export const UpdateProposalBody = z
  .strictObject({ title: Title.optional(), summary: Summary.nullable().optional() })
  .refine((b) => b.title !== undefined || b.summary !== undefined, { message: 'give a title or a summary to change' });

export const ChangeStatusBody = z.strictObject({
  to: ProposalStatus,
  note: paragraph(proposalLimits.noteChars).optional(),
});

export const CreateVersionBody = z.strictObject({ label: text(proposalLimits.versionLabelChars) });

export const Proposal = z.object({
  id: Id,
  title: z.string(),
  subcommittee: SubcommitteeId,
  status: ProposalStatus,
  summary: z.string().nullable(),
  createdBy: Id,
  authorName: z.string(),
  createdAt: IsoTime,
  /** The last change to the proposal or to its document text. */
  updatedAt: IsoTime,
});

export const StatusChange = z.object({
  /** Null for the entry that records the creation. */
  from: ProposalStatus.nullable(),
  to: ProposalStatus,
  note: z.string().nullable(),
  /** Null when the system moved it (e.g. a closed poll). */
  actorId: Id.nullable(),
  actorName: z.string().nullable(),
  at: IsoTime,
});

export const ProposalDetail = Proposal.extend({
  /** The Yjs document of the text: `proposal:<id>`. */
  docName: z.string(),
  /** Oldest first, starting with the creation. */
  history: z.array(StatusChange),
  /** What the requesting user may do now (the server decides again on each call). */
  canEdit: z.boolean(),
  /** May add, answer and resolve comment threads (`comments.write`). */
  canComment: z.boolean(),
  canRename: z.boolean(),
  nextStatuses: z.array(ProposalStatus),
});

export const ProposalListResponse = z.object({ proposals: z.array(Proposal) });
export const ProposalResponse = z.object({ proposal: ProposalDetail });

export const ProposalVersion = z.object({
  id: Id,
  label: z.string(),
  createdBy: Id.nullable(),
  /** Null for snapshots the system took (at a status change). */
  createdByName: z.string().nullable(),
  createdAt: IsoTime,
});
export const VersionListResponse = z.object({ versions: z.array(ProposalVersion) });
export const VersionResponse = z.object({ version: ProposalVersion });
export const VersionStateResponse = z.object({
  version: ProposalVersion.extend({
    /** The snapshot as a base64 Yjs update (`Y.encodeStateAsUpdate`); the text is `getXmlFragment('default')`. */
    state: z.string(),
  }),
});
export const RestoreResponse = z.object({
  /** The version whose text is now the live text. */
  restored: ProposalVersion,
  /** The snapshot of the text as it was just before the restore. */
  backup: ProposalVersion,
});
