import { z } from 'zod';
import { limits } from '../limits';
import { proposalStatuses } from '../proposals/workflow';
import { Id, IsoTime, text } from './common';
import { Verdict } from './proposals';
import { sameText } from './text';

export const PollKind = z.enum(['yes_no_abstain', 'single', 'multiple']);
export type PollKind = z.infer<typeof PollKind>;
export const BallotMode = z.enum(['named', 'secret']);
export type BallotMode = z.infer<typeof BallotMode>;
/** simple_majority: more than half; two_thirds: at least two thirds; unanimity: all (of the counted ballots). */
export const VoteRule = z.enum(['simple_majority', 'two_thirds', 'unanimity']);
export type VoteRule = z.infer<typeof VoteRule>;
/** live: to everyone; after_vote: to each voter once they voted; after_close: to nobody before the close. */
export const ResultsVisibility = z.enum(['live', 'after_vote', 'after_close']);
export type ResultsVisibility = z.infer<typeof ResultsVisibility>;
export const PollStatus = z.enum(['draft', 'open', 'closed', 'cancelled']);
export type PollStatus = z.infer<typeof PollStatus>;
/** Observers never vote, whatever a poll says. */
export const VoterRole = z.enum(['ministry', 'chair', 'staff']);
export type VoterRole = z.infer<typeof VoterRole>;

export const PollOption = z.object({ id: z.string(), label: z.string() });
export const Eligibility = z.object({ roles: z.array(VoterRole), userIds: z.array(Id) });
export type Eligibility = z.infer<typeof Eligibility>;

/**
 * Who may vote, as a poll's view shows it: the roles, and how many people were named one
 * by one. The names stay on the server: a list of up to 2,000 ids would otherwise ride on
 * every state message to every follower; each viewer learns its own place from `mine`.
 */
export const EligibilitySummary = z.object({ roles: z.array(VoterRole), namedVoters: z.number().int() });
export type EligibilitySummary = z.infer<typeof EligibilitySummary>;

export const maxPollOptions = 20;
export const maxExplicitVoters = 2000;

/** What a poll asks to be created with; every rule that spans fields is checked here, once. */
export const CreatePollBody = z
  .strictObject({
    title: text(limits.titleChars),
    kind: PollKind.default('yes_no_abstain'),
    /** Labels of the choices, for single and multiple choice; yes/no/abstain has its own. */
    options: z.array(text(limits.titleChars)).min(2, 'needs at least 2 options').max(maxPollOptions).optional(),
    /** Multiple choice: how many options a ballot may mark (default: all). */
    maxChoices: z.number().int().min(1).max(maxPollOptions).optional(),
    ballot: BallotMode.default('named'),
    /** Default: the chairpersons. Roles and explicit users add up. */
    eligibility: z
      .strictObject({
        roles: z.array(VoterRole).max(3).default([]),
        userIds: z.array(Id).max(maxExplicitVoters).default([]),
      })
      .default({ roles: ['chair'], userIds: [] }),
    /** Minimum number of ballots for the result to stand; left out: a majority of the eligible voters. */
    quorum: z.number().int().min(0).max(100_000).optional(),
    rule: VoteRule.default('simple_majority'),
    /** Whether abstentions count in the denominator of the rule (yes/no/abstain only). */
    abstentionsCount: z.boolean().default(false),
    resultsVisibility: ResultsVisibility.default('after_close'),
    allowChange: z.boolean().default(false),
    /** By default a voter must be checked in to the live meeting. */
    requirePresence: z.boolean().default(true),
    countdownSeconds: z.number().int().min(1).max(24 * 3600).nullable().default(null),
    agendaItemId: Id.nullable().default(null),
    /** The proposal this poll decides (adopts when it passes, rejects when not); null for a procedural poll, which only goes into the minutes. */
    proposalId: Id.nullable().default(null),
  })
  .superRefine((p, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (p.kind === 'yes_no_abstain' && p.options) issue('options', 'a yes/no/abstain poll has fixed options; leave options out');
    if (p.kind !== 'yes_no_abstain' && !p.options) issue('options', 'a choice poll needs at least 2 options');
    if (p.proposalId !== null && p.kind !== 'yes_no_abstain') {
      issue('proposalId', 'a poll that decides a proposal asks yes/no/abstain: adopt when it passes, reject when not');
    }
    // Compared as typed-alike text: "찬성" and " 찬성 " (or two spellings of one syllable) are one option.
    if (p.options && new Set(p.options.map(sameText)).size !== p.options.length) issue('options', 'options must be different from each other (after normalization)');
    if (p.maxChoices !== undefined && p.kind !== 'multiple') issue('maxChoices', 'only a multiple-choice poll has a maximum');
    if (p.maxChoices !== undefined && p.options && p.maxChoices > p.options.length) {
      issue('maxChoices', 'cannot exceed the number of options');
    }
    if (p.eligibility.roles.length === 0 && p.eligibility.userIds.length === 0) issue('eligibility', 'name at least one role or person who may vote');
    if (p.ballot === 'secret' && p.allowChange) {
      issue('allowChange', 'a secret ballot cannot be changed: its choice is stored without any link to the voter, so there is nothing to change');
    }
    if (p.ballot === 'secret' && p.resultsVisibility !== 'after_close') {
      issue('resultsVisibility', 'a secret ballot shows results only after the close: a running tally would reveal each choice as it arrives');
    }
  });
export type CreatePollInput = z.output<typeof CreatePollBody>;

/** Why a decisive poll's result did not move its proposal; the client and the minutes word each one. */
export const DecisionBlock = z.enum(['quorum_not_met', 'not_under_discussion', 'not_allowed', 'no_proposal', 'not_on_agenda']);
export type DecisionBlock = z.infer<typeof DecisionBlock>;

/** What a closed decisive poll did to its proposal, fixed in the transaction that closed it. */
export const PollDecision = z.object({
  proposalId: Id,
  proposalTitle: z.string(),
  /** What the proposal became, or null when the result could not move it (then `blocked` says why). */
  moved: Verdict.nullable(),
  blocked: DecisionBlock.nullable(),
  /** The proposal's status when the poll closed (before any move). */
  statusBefore: z.enum(proposalStatuses).nullable(),
  /** Who closed the poll (for a countdown: who set it), as the proposal's history names them. */
  decidedBy: z.object({ id: Id, name: z.string() }).nullable(),
});
export type PollDecision = z.infer<typeof PollDecision>;

export const PollResult = z.object({
  /** Ballots cast (abstentions included). */
  ballots: z.number().int(),
  /** Voters eligible when the poll opened. */
  eligible: z.number().int(),
  /** ballots / eligible, 0..1 (0 when nobody was eligible). */
  turnout: z.number(),
  quorum: z.number().int(),
  quorumMet: z.boolean(),
  rule: VoteRule,
  abstentionsCounted: z.boolean(),
  /** The denominator of the rule: ballots, less abstentions when they do not count. */
  counted: z.number().int(),
  /** Marks per option id. */
  counts: z.record(z.string(), z.number().int()),
  /** Options with the most marks (several on a tie; none without ballots; abstain never). */
  winners: z.array(z.string()),
  /** Options that meet the rule (yes/no/abstain: `yes` or nothing). */
  carried: z.array(z.string()),
  /** Quorum met and the rule met. */
  passed: z.boolean(),
  /** A decisive poll's effect on its proposal; absent for a procedural poll. */
  decision: PollDecision.optional(),
});
export type PollResult = z.infer<typeof PollResult>;

export const PollView = z.object({
  id: Id,
  meetingId: Id,
  agendaItemId: Id.nullable(),
  /** The proposal this poll decides; null for a procedural poll. */
  proposalId: Id.nullable(),
  /** That proposal's title, for "이 표결 결과에 따라 ‘X’가 채택/부결됩니다". */
  proposalTitle: z.string().nullable(),
  title: z.string(),
  kind: PollKind,
  options: z.array(PollOption),
  maxChoices: z.number().int(),
  /** `secret`: other participants cannot learn who chose what; the server keeps no link either, but one with access to the running server could watch ballots arrive. */
  ballot: BallotMode,
  eligibility: EligibilitySummary,
  quorum: z.number().int(),
  rule: VoteRule,
  abstentionsCount: z.boolean(),
  resultsVisibility: ResultsVisibility,
  allowChange: z.boolean(),
  requirePresence: z.boolean(),
  countdownSeconds: z.number().int().nullable(),
  status: PollStatus,
  createdBy: Id,
  createdAt: IsoTime,
  openedAt: IsoTime.nullable(),
  closesAt: IsoTime.nullable(),
  closedAt: IsoTime.nullable(),
  /** How many of the eligible have voted; always shown. */
  votedCount: z.number().int(),
  /** Eligible voters (fixed when the poll opens; before that, the current count). */
  eligibleCount: z.number().int(),
  /** Marks per option so far, or null when the poll's visibility hides them from this viewer. */
  counts: z.record(z.string(), z.number().int()).nullable(),
  /** Set once closed. */
  result: PollResult.nullable(),
});
export type PollView = z.infer<typeof PollView>;

/** What the viewer may do in a poll: their own ballot and those they cast for others. */
export const PollMine = z.object({
  eligible: z.boolean(),
  voted: z.boolean(),
  /** Own choices in a named poll; null in a secret poll (not kept) or before voting. */
  choices: z.array(z.string()).nullable(),
  /** Delegators this viewer votes for in this poll's meeting. */
  castFor: z.array(z.object({ userId: Id, name: z.string(), voted: z.boolean(), eligible: z.boolean() })),
  /** Set when the viewer delegated their vote for this meeting (and so may not vote). */
  delegatedTo: z.object({ userId: Id, name: z.string() }).nullable(),
});
export type PollMine = z.infer<typeof PollMine>;

export const Delegation = z.object({
  meetingId: Id,
  fromUserId: Id,
  fromName: z.string(),
  toUserId: Id,
  toName: z.string(),
  grantedBy: Id,
  grantedAt: IsoTime,
});
export type Delegation = z.infer<typeof Delegation>;

export const CreateDelegationBody = z.strictObject({
  /** The chairperson who delegates; defaults to the caller. */
  fromUserId: Id.optional(),
  toUserId: Id,
});

export const MeetingIdParams = z.object({ id: Id });
export const PollIdParams = z.object({ id: Id });
export const DelegationParams = z.object({ id: Id, fromUserId: Id });

export const PollResponse = z.object({ poll: PollView, mine: PollMine });
export const PollsResponse = z.object({ polls: z.array(PollView) });
export const DelegationResponse = z.object({ delegation: Delegation });
export const DelegationsResponse = z.object({ delegations: z.array(Delegation) });
