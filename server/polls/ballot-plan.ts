import type { PollStatus } from '../../shared/schemas/polls';
import type { Ballot, CastOutcome } from './poll-store';

/**
 * Deciding a group of ballots, shared by both stores (they read, this decides, they write).
 * The ballots are judged one after the other in the order given, as if each were its own
 * transaction; the writes that follow carry no trace of that order: voter rows in voter-id
 * order, and each counter bumped once by the group's sum. For a secret poll, what the database
 * then holds of a group is who voted in it and how many chose each option, never who chose what.
 */

/** What a poll's ballots depend on. */
export interface PollFacts {
  meetingId: string;
  status: PollStatus;
  secret: boolean;
  allowChange: boolean;
}

/** What a store read for a group of ballots, before deciding them (keys from `voterKey`). */
export interface BallotFacts {
  polls: Map<string, PollFacts>;
  /** `voterKey(poll, user)` of every eligible voter among the ballots. */
  eligible: Set<string>;
  /** `voterKey(meeting, delegator)` → the delegate, for the ballots' voters. */
  delegations: Map<string, string>;
  /** `voterKey(poll, voter)` → the stored choices (null for a secret poll) of voters who already voted. */
  stored: Map<string, string[] | null>;
}

/** A voter row to write: choices and time are null for a secret poll. */
export interface VoterWrite {
  pollId: string;
  voterId: string;
  castBy: string;
  choices: string | null;
  at: string | null;
}

export interface CounterBump {
  pollId: string;
  optionId: string;
  by: number;
}

/** An outcome before the store has counted the poll's voters. */
export type Decided = { outcome: 'cast' | 'changed' | 'unchanged'; pollId: string } | Exclude<CastOutcome, { votedCount: number }>;

export interface BallotPlan {
  decided: Decided[];
  /** New voters, in (poll, voter-id) order. */
  inserts: VoterWrite[];
  /** Named ballots changed, in (poll, voter-id) order. */
  updates: VoterWrite[];
  /** Non-zero counter changes, in (poll, option) order: one fixed order, so two groups never deadlock. */
  bumps: CounterBump[];
}

export const voterKey = (a: string, b: string): string => `${a}\u0000${b}`;

/** The distinct voters (poll, voter) of a group, for the stores' reads. */
export function votersOf(ballots: Ballot[]): { pollId: string; voterId: string }[] {
  const seen = new Map(ballots.map((b) => [voterKey(b.pollId, b.voterId), { pollId: b.pollId, voterId: b.voterId }]));
  return [...seen.values()];
}

/** Decides each ballot in order against `facts` and what the earlier ones of the group did. */
export function planBallots(ballots: Ballot[], facts: BallotFacts): BallotPlan {
  const written = new Map<string, VoterWrite & { inserted: boolean }>();
  const deltas = new Map<string, CounterBump>();
  const bump = (pollId: string, choices: string[], by: number) => {
    for (const optionId of choices) {
      const key = voterKey(pollId, optionId);
      const delta = deltas.get(key) ?? { pollId, optionId, by: 0 };
      delta.by += by;
      deltas.set(key, delta);
    }
  };
  const decided = ballots.map((b): Decided => {
    const poll = facts.polls.get(b.pollId);
    if (!poll) return { outcome: 'unknown_poll' };
    if (poll.status !== 'open') return { outcome: 'not_open', status: poll.status };
    const key = voterKey(b.pollId, b.voterId);
    if (!facts.eligible.has(key)) return { outcome: 'not_eligible' };
    const delegate = facts.delegations.get(voterKey(poll.meetingId, b.voterId));
    if (b.castBy === b.voterId && delegate) return { outcome: 'delegated', toUserId: delegate };
    if (b.castBy !== b.voterId && delegate !== b.castBy) return { outcome: 'not_delegate' };
    // A secret poll stores neither the choice nor the time beside the voter.
    const row: VoterWrite = { pollId: b.pollId, voterId: b.voterId, castBy: b.castBy, choices: poll.secret ? null : JSON.stringify(b.choices), at: poll.secret ? null : b.at };
    const earlier = written.get(key);
    const before = earlier ? (earlier.choices === null ? null : (JSON.parse(earlier.choices) as string[])) : facts.stored.get(key);
    if (before === undefined) {
      written.set(key, { ...row, inserted: true });
      bump(b.pollId, b.choices, 1);
      return { outcome: 'cast', pollId: b.pollId };
    }
    if (poll.secret || !poll.allowChange) return { outcome: 'already_voted' };
    if (sameChoices(before ?? [], b.choices)) return { outcome: 'unchanged', pollId: b.pollId };
    written.set(key, { ...row, inserted: earlier?.inserted ?? false });
    bump(b.pollId, before ?? [], -1);
    bump(b.pollId, b.choices, 1);
    return { outcome: 'changed', pollId: b.pollId };
  });
  const rows = [...written.values()].sort((a, b) => compare(a.pollId, b.pollId) || compare(a.voterId, b.voterId));
  const strip = ({ inserted: _, ...row }: VoterWrite & { inserted: boolean }): VoterWrite => row;
  return {
    decided,
    inserts: rows.filter((r) => r.inserted).map(strip),
    updates: rows.filter((r) => !r.inserted).map(strip),
    bumps: [...deltas.values()].filter((d) => d.by !== 0).sort((a, b) => compare(a.pollId, b.pollId) || compare(a.optionId, b.optionId)),
  };
}

/** The store's outcomes, once it knows how many have voted in each poll after the group. */
export function withCounts(decided: Decided[], voted: Map<string, number>): CastOutcome[] {
  return decided.map((d) => ('pollId' in d ? { outcome: d.outcome, votedCount: voted.get(d.pollId) ?? 0 } : d));
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Two ballots with the same choices, in any order. */
export function sameChoices(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((choice) => b.includes(choice));
}
