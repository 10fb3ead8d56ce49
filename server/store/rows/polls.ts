import type { PollOption } from '../../../shared/polls/tally';
import type { Eligibility, PollResult, PollStatus } from '../../../shared/schemas/polls';
import type { PollFacts } from '../../polls/ballot-plan';
import type { BallotRow, DelegationRecord, PollRecord } from '../../polls/poll-store';

// Polls, voters and delegations: the rows both stores read (SQLite and PostgreSQL share the schema) and their domain records.

/** A boolean column: SQLite stores 0 or 1, PostgreSQL a boolean. */
type Flag = number | boolean;
const flag = (v: Flag): boolean => v === true || v === 1;

export interface PollRow {
  id: string;
  meeting_id: string;
  agenda_item_id: string | null;
  proposal_id: string | null;
  title: string;
  kind: PollRecord['kind'];
  options: string;
  max_choices: number;
  ballot: PollRecord['ballot'];
  eligibility: string;
  quorum: number;
  rule: PollRecord['rule'];
  abstentions_count: Flag;
  results_visibility: PollRecord['resultsVisibility'];
  allow_change: Flag;
  require_presence: Flag;
  countdown_seconds: number | null;
  status: PollStatus;
  created_by: string;
  created_at: string;
  opened_at: string | null;
  closes_at: string | null;
  closed_at: string | null;
  closed_by: string | null;
  result: string | null;
  effects_done: Flag;
}
export interface VoterRow {
  voter_id: string;
  cast_by: string;
  choices: string | null;
  cast_at: string | null;
}
export interface DelegationRow {
  meeting_id: string;
  from_user_id: string;
  to_user_id: string;
  granted_by: string;
  granted_at: string;
}

export const toPoll = (r: PollRow): PollRecord => ({
  id: r.id,
  meetingId: r.meeting_id,
  agendaItemId: r.agenda_item_id,
  proposalId: r.proposal_id,
  title: r.title,
  kind: r.kind,
  options: JSON.parse(r.options) as PollOption[],
  maxChoices: r.max_choices,
  ballot: r.ballot,
  eligibility: JSON.parse(r.eligibility) as Eligibility,
  quorum: r.quorum,
  rule: r.rule,
  abstentionsCount: flag(r.abstentions_count),
  resultsVisibility: r.results_visibility,
  allowChange: flag(r.allow_change),
  requirePresence: flag(r.require_presence),
  countdownSeconds: r.countdown_seconds,
  status: r.status,
  createdBy: r.created_by,
  createdAt: r.created_at,
  openedAt: r.opened_at,
  closesAt: r.closes_at,
  closedAt: r.closed_at,
  closedBy: r.closed_by,
  result: r.result ? (JSON.parse(r.result) as PollResult) : null,
  effectsDone: flag(r.effects_done),
});
export const toDelegation = (r: DelegationRow): DelegationRecord => ({
  meetingId: r.meeting_id,
  fromUserId: r.from_user_id,
  toUserId: r.to_user_id,
  grantedBy: r.granted_by,
  grantedAt: r.granted_at,
});

/** What a poll's ballots depend on (ballot-plan.ts). */
export const toPollFacts = (r: PollRow): PollFacts => ({ meetingId: r.meeting_id, status: r.status, secret: r.ballot === 'secret', allowChange: flag(r.allow_change) });

/** A voter's stored choices; none for a secret ballot. */
export const choicesOf = (r: VoterRow): string[] | null => (r.choices ? (JSON.parse(r.choices) as string[]) : null);

export const toBallot = (r: VoterRow): BallotRow => ({ voterId: r.voter_id, castBy: r.cast_by, choices: choicesOf(r), castAt: r.cast_at });
