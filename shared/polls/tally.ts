/**
 * The rules of a vote, as pure functions: which options a poll has, whether a
 * ballot is valid, and what a set of ballots decides. Server and client share them.
 *
 * The rules, precisely (the denominator is `counted`):
 * - simple_majority: an option carries with MORE than half (a tie does not carry);
 * - two_thirds: an option carries with AT LEAST two thirds (4 of 6 carries, 3 of 5 does not);
 * - unanimity: an option carries with every counted ballot;
 * and nothing carries when nothing is counted. Abstentions (yes/no/abstain only)
 * count in the denominator only when the poll says so; they always count for the
 * quorum and the turnout. A poll passes when the quorum (minimum number of
 * ballots) is met and an option carries; for yes/no/abstain that option is `yes`.
 */
import type { BallotMode, PollKind, PollResult, VoteRule } from '../schemas/polls';

export interface PollOption {
  id: string;
  label: string;
}

/** The parts of a poll that the tally reads. */
export interface TallyPoll {
  kind: PollKind;
  options: PollOption[];
  maxChoices: number;
  quorum: number;
  rule: VoteRule;
  abstentionsCount: boolean;
}

/** Ballots as the store keeps them: how many were cast and the marks per option. */
export interface BallotCounts {
  ballots: number;
  counts: Record<string, number>;
}

export const YES = 'yes';
export const NO = 'no';
export const ABSTAIN = 'abstain';

/** The options of a new poll: fixed for yes/no/abstain, numbered labels otherwise. */
export function pollOptions(kind: PollKind, labels: readonly string[] = []): PollOption[] {
  if (kind === 'yes_no_abstain') {
    return [
      { id: YES, label: '찬성' },
      { id: NO, label: '반대' },
      { id: ABSTAIN, label: '기권' },
    ];
  }
  return labels.map((label, i) => ({ id: `o${i + 1}`, label }));
}

/** The most options one ballot may mark. */
export function maxChoicesOf(kind: PollKind, optionCount: number, requested?: number): number {
  return kind === 'multiple' ? (requested ?? optionCount) : 1;
}

export type BallotCheck = { ok: true; choices: string[] } | { ok: false; message: string };

/** Checks one ballot against the poll; the answer names what is wrong. */
export function checkBallot(poll: Pick<TallyPoll, 'kind' | 'options' | 'maxChoices'>, choices: readonly string[]): BallotCheck {
  if (choices.length === 0) return { ok: false, message: 'Choose an option.' };
  const known = new Set(poll.options.map((o) => o.id));
  const unknown = choices.filter((c) => !known.has(c));
  if (unknown.length > 0) return { ok: false, message: `Unknown option: ${unknown.join(', ')}.` };
  if (new Set(choices).size !== choices.length) return { ok: false, message: 'An option is marked twice.' };
  if (choices.length > poll.maxChoices) {
    return {
      ok: false,
      message: poll.maxChoices === 1 ? 'Choose exactly one option.' : `Choose at most ${poll.maxChoices} options.`,
    };
  }
  return { ok: true, choices: [...choices] };
}

/** Aggregates ballots (each a list of option ids) into counts. */
export function countBallots(options: readonly PollOption[], ballots: readonly (readonly string[])[]): BallotCounts {
  const counts: Record<string, number> = Object.fromEntries(options.map((o) => [o.id, 0]));
  for (const ballot of ballots) for (const choice of ballot) counts[choice] = (counts[choice] ?? 0) + 1;
  return { ballots: ballots.length, counts };
}

/** Whether `marks` out of `counted` meets the rule. */
export function meetsRule(rule: VoteRule, marks: number, counted: number): boolean {
  if (counted <= 0) return false;
  switch (rule) {
    case 'simple_majority':
      return 2 * marks > counted;
    case 'two_thirds':
      return 3 * marks >= 2 * counted;
    case 'unanimity':
      return marks === counted;
    default: {
      const unknown: never = rule;
      throw new Error(`unknown rule ${String(unknown)}`);
    }
  }
}

/** The result of a poll from its ballots and the number of eligible voters. */
export function tally(poll: TallyPoll, ballots: BallotCounts, eligible: number): PollResult {
  const counts: Record<string, number> = Object.fromEntries(poll.options.map((o) => [o.id, ballots.counts[o.id] ?? 0]));
  const yesNo = poll.kind === 'yes_no_abstain';
  const abstentions = yesNo ? (counts[ABSTAIN] ?? 0) : 0;
  const counted = yesNo && !poll.abstentionsCount ? ballots.ballots - abstentions : ballots.ballots;
  const quorumMet = ballots.ballots >= poll.quorum;

  const contenders = poll.options.filter((o) => o.id !== ABSTAIN || !yesNo);
  const top = Math.max(0, ...contenders.map((o) => counts[o.id] ?? 0));
  const winners = top > 0 ? contenders.filter((o) => counts[o.id] === top).map((o) => o.id) : [];
  const candidates = yesNo ? contenders.filter((o) => o.id === YES) : contenders;
  const carried = candidates.filter((o) => meetsRule(poll.rule, counts[o.id] ?? 0, counted)).map((o) => o.id);

  return {
    ballots: ballots.ballots,
    eligible,
    turnout: eligible > 0 ? ballots.ballots / eligible : 0,
    quorum: poll.quorum,
    quorumMet,
    rule: poll.rule,
    abstentionsCounted: yesNo && poll.abstentionsCount,
    counted,
    counts,
    winners,
    carried,
    passed: quorumMet && carried.length > 0,
  };
}

const ruleKo: Record<VoteRule, string> = { simple_majority: '과반수', two_thirds: '3분의 2', unanimity: '만장일치' };

/** One line per fact, Korean first, for the minutes and the audit log. */
export function describeResult(poll: TallyPoll & { title: string; ballot: BallotMode }, result: PollResult): string[] {
  const pct = (n: number) => `${Math.round(n * 1000) / 10}%`;
  const label = (id: string) => poll.options.find((o) => o.id === id)?.label ?? id;
  return [
    `표결 결과: ${poll.title} — ${result.passed ? '가결' : '부결'}`,
    poll.options.map((o) => `${o.label} ${result.counts[o.id] ?? 0}`).join(' · '),
    `투표 ${result.ballots} / ${result.eligible} (투표율 ${pct(result.turnout)}), 의결 정족수 ${result.quorum} ${result.quorumMet ? '충족' : '미달'}, ${ruleKo[result.rule]}${poll.ballot === 'secret' ? ', 무기명 투표' : ', 기명 투표'}`,
    ...(poll.kind !== 'yes_no_abstain' && result.carried.length > 0 ? [`채택: ${result.carried.map(label).join(', ')}`] : []),
  ];
}
