import type { BallotCounts, PollOption } from '../../shared/polls/tally';
import type { CreatePollInput, PollResult, PollStatus } from '../../shared/schemas/polls';

/** A poll as stored. `result` is written once, in the transaction that closes the poll. */
export interface PollRecord extends Omit<CreatePollInput, 'options' | 'maxChoices' | 'quorum'> {
  id: string;
  /** Minimum number of ballots (fixed when the poll is created). */
  quorum: number;
  meetingId: string;
  options: PollOption[];
  maxChoices: number;
  status: PollStatus;
  createdBy: string;
  createdAt: string;
  openedAt: string | null;
  closesAt: string | null;
  closedAt: string | null;
  /** Null when the countdown closed it. */
  closedBy: string | null;
  result: PollResult | null;
  /** The close's follow-ups (minutes, proposal) are done; false until then, so a restart redoes them. */
  effectsDone: boolean;
}

export type NewPoll = Omit<PollRecord, 'status' | 'openedAt' | 'closesAt' | 'closedAt' | 'closedBy' | 'result' | 'effectsDone'>;

/** A state change that is safe to repeat: `changed` is true for the one call that made it. */
export interface Transition {
  poll: PollRecord | null;
  changed: boolean;
}

export interface Ballot {
  pollId: string;
  /** Whose vote this is (the delegator when a delegate casts it). */
  voterId: string;
  /** Who cast it: the voter, or their delegate. */
  castBy: string;
  choices: string[];
  at: string;
}

export type CastOutcome =
  | { outcome: 'cast'; votedCount: number }
  | { outcome: 'changed'; votedCount: number }
  /** The same choices as the ballot already stored: nothing to record. */
  | { outcome: 'unchanged'; votedCount: number }
  | { outcome: 'unknown_poll' }
  | { outcome: 'not_open'; status: PollStatus }
  | { outcome: 'not_eligible' }
  | { outcome: 'already_voted' }
  /** The voter delegated their vote for this meeting, so only the delegate may cast it. */
  | { outcome: 'delegated'; toUserId: string }
  /** `castBy` holds no delegation from `voterId` for this meeting. */
  | { outcome: 'not_delegate' };

export interface PollCounts extends BallotCounts {
  /** Eligible voters, fixed when the poll opened. */
  eligible: number;
}

/** One voter's state in a poll; `choices` only for named ballots. */
export interface VoterState {
  userId: string;
  eligible: boolean;
  voted: boolean;
  castBy: string | null;
  choices: string[] | null;
}

/** A row of the ballot list: choices are null for a secret poll, which keeps none per voter. */
export interface BallotRow {
  voterId: string;
  castBy: string;
  choices: string[] | null;
  castAt: string | null;
}

export interface DelegationRecord {
  meetingId: string;
  fromUserId: string;
  toUserId: string;
  grantedBy: string;
  grantedAt: string;
}

export type DelegateOutcome = 'created' | 'exists' | 'chain';

/**
 * The durable side of votes. Every operation is atomic; cast, open, close and
 * cancel are serialized by the database, so a ballot racing a close is either in
 * the result or refused. A secret poll keeps who voted (poll_voters, without
 * choices) apart from what was chosen (counters per option), with nothing between them.
 */
export interface PollStore {
  create(poll: NewPoll): Promise<PollRecord>;
  poll(id: string): Promise<PollRecord | null>;
  byMeeting(meetingId: string): Promise<PollRecord[]>;
  byProposal(proposalId: string): Promise<PollRecord[]>;
  /** Open polls, for re-arming countdowns on start. */
  openPolls(): Promise<PollRecord[]>;
  /** Closed polls whose follow-ups have not run to the end. */
  pendingEffects(): Promise<PollRecord[]>;
  markEffectsDone(id: string): Promise<void>;

  /** draft → open, fixing the eligible voters. */
  open(id: string, eligibleUserIds: string[], openedAt: string, closesAt: string | null): Promise<Transition>;
  /** open → closed, storing the result that `compute` makes from the ballots, in the same transaction. */
  close(
    id: string,
    closedAt: string,
    closedBy: string | null,
    compute: (poll: PollRecord, counts: PollCounts) => PollResult,
  ): Promise<Transition>;
  /** draft|open → cancelled; no result. */
  cancel(id: string, at: string): Promise<Transition>;

  cast(ballot: Ballot): Promise<CastOutcome>;
  /**
   * A group of ballots in one transaction (group commit), each outcome in the order given: judged
   * one after the other (a voter's second ballot sees the first), written without that order (see
   * ballot-plan.ts). `votedCount` is the count after the whole group.
   */
  castMany(ballots: Ballot[]): Promise<CastOutcome[]>;
  counts(id: string): Promise<PollCounts>;
  votedCount(id: string): Promise<number>;
  voterStates(pollId: string, userIds: string[]): Promise<VoterState[]>;
  ballots(pollId: string): Promise<BallotRow[]>;
  eligibleUserIds(pollId: string): Promise<string[]>;

  delegate(d: DelegationRecord): Promise<DelegateOutcome>;
  revokeDelegation(meetingId: string, fromUserId: string): Promise<boolean>;
  delegations(meetingId: string): Promise<DelegationRecord[]>;
}
