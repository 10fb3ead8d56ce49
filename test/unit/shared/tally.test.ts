import { describe, expect, it } from 'vitest';
import {
  checkBallot,
  countBallots,
  describeResult,
  maxChoicesOf,
  meetsRule,
  pollOptions,
  tally,
  type TallyPoll,
} from '../../../shared/polls/tally';
import type { VoteRule } from '../../../shared/schemas/polls';

const yesNo = (rule: VoteRule, abstentionsCount = false, quorum = 0): TallyPoll => ({
  kind: 'yes_no_abstain',
  options: pollOptions('yes_no_abstain'),
  maxChoices: 1,
  quorum,
  rule,
  abstentionsCount,
});
const ballots = (yes: number, no: number, abstain: number) => ({
  ballots: yes + no + abstain,
  counts: { yes, no, abstain },
});

describe('meetsRule', () => {
  // rule, marks, counted → carries
  const table: [VoteRule, number, number, boolean][] = [
    ['simple_majority', 4, 6, true],
    ['simple_majority', 3, 6, false], // a tie is not a majority
    ['simple_majority', 1, 1, true],
    ['simple_majority', 0, 0, false], // nothing counted, nothing carries
    ['two_thirds', 4, 6, true], // exactly two thirds carries
    ['two_thirds', 2, 3, true],
    ['two_thirds', 3, 5, false], // 60 %
    ['two_thirds', 67, 100, true],
    ['two_thirds', 66, 100, false],
    ['two_thirds', 0, 0, false],
    ['unanimity', 6, 6, true],
    ['unanimity', 5, 6, false],
    ['unanimity', 0, 0, false],
  ];
  for (const [rule, marks, counted, expected] of table) {
    it(`${rule}: ${marks} of ${counted} ${expected ? 'carries' : 'does not carry'}`, () => {
      expect(meetsRule(rule, marks, counted)).toBe(expected);
    });
  }
});

describe('tally of yes/no/abstain', () => {
  // poll, (yes, no, abstain), eligible → passed, counted, quorumMet
  const table: [string, TallyPoll, [number, number, number], number, { passed: boolean; counted: number; quorumMet: boolean }][] = [
    ['majority passes', yesNo('simple_majority'), [4, 2, 0], 6, { passed: true, counted: 6, quorumMet: true }],
    ['tie fails', yesNo('simple_majority'), [3, 3, 0], 6, { passed: false, counted: 6, quorumMet: true }],
    ['abstentions not counted: 2–1 passes', yesNo('simple_majority'), [2, 1, 3], 6, { passed: true, counted: 3, quorumMet: true }],
    ['abstentions counted: 2–1–3 fails', yesNo('simple_majority', true), [2, 1, 3], 6, { passed: false, counted: 6, quorumMet: true }],
    ['quorum not met', yesNo('simple_majority', false, 4), [3, 0, 0], 6, { passed: false, counted: 3, quorumMet: false }],
    ['abstentions count for the quorum', yesNo('simple_majority', false, 4), [3, 0, 1], 6, { passed: true, counted: 3, quorumMet: true }],
    ['two thirds: 4 of 6 passes', yesNo('two_thirds'), [4, 2, 0], 6, { passed: true, counted: 6, quorumMet: true }],
    ['two thirds: 3 of 5 fails', yesNo('two_thirds'), [3, 2, 1], 6, { passed: false, counted: 5, quorumMet: true }],
    ['two thirds with abstentions counted: 4 of 7 fails', yesNo('two_thirds', true), [4, 2, 1], 7, { passed: false, counted: 7, quorumMet: true }],
    ['unanimity: all yes passes', yesNo('unanimity'), [6, 0, 0], 6, { passed: true, counted: 6, quorumMet: true }],
    ['unanimity: one no fails', yesNo('unanimity'), [5, 1, 0], 6, { passed: false, counted: 6, quorumMet: true }],
    ['unanimity: abstentions not counted do not block', yesNo('unanimity'), [5, 0, 1], 6, { passed: true, counted: 5, quorumMet: true }],
    ['unanimity: abstentions counted block', yesNo('unanimity', true), [5, 0, 1], 6, { passed: false, counted: 6, quorumMet: true }],
    ['only abstentions: nothing counted, fails', yesNo('simple_majority'), [0, 0, 3], 6, { passed: false, counted: 0, quorumMet: true }],
    ['no ballots at all', yesNo('simple_majority'), [0, 0, 0], 6, { passed: false, counted: 0, quorumMet: true }],
  ];
  for (const [name, poll, [yes, no, abstain], eligible, expected] of table) {
    it(name, () => {
      const result = tally(poll, ballots(yes, no, abstain), eligible);
      expect({ passed: result.passed, counted: result.counted, quorumMet: result.quorumMet }).toEqual(expected);
      expect(result.carried).toEqual(expected.passed ? ['yes'] : result.carried);
      expect(result.ballots).toBe(yes + no + abstain);
    });
  }

  it('reports turnout, counts and winners; abstain never wins', () => {
    const result = tally(yesNo('simple_majority'), ballots(1, 1, 4), 8);
    expect(result.turnout).toBe(6 / 8);
    expect(result.counts).toEqual({ yes: 1, no: 1, abstain: 4 });
    expect(result.winners).toEqual(['yes', 'no']);
    expect(result.carried).toEqual([]);
  });

  it('turnout is 0 when nobody is eligible', () => {
    expect(tally(yesNo('simple_majority'), ballots(0, 0, 0), 0).turnout).toBe(0);
  });
});

describe('tally of choice polls', () => {
  const single: TallyPoll = {
    kind: 'single',
    options: pollOptions('single', ['A', 'B', 'C']),
    maxChoices: 1,
    quorum: 0,
    rule: 'simple_majority',
    abstentionsCount: false,
  };
  const multiple: TallyPoll = { ...single, kind: 'multiple', maxChoices: 2 };

  it('single choice: a majority winner carries', () => {
    const r = tally(single, countBallots(single.options, [['o1'], ['o1'], ['o2']]), 3);
    expect(r.winners).toEqual(['o1']);
    expect(r.carried).toEqual(['o1']);
    expect(r.passed).toBe(true);
  });

  it('single choice: a plurality without majority does not carry', () => {
    const r = tally(single, countBallots(single.options, [['o1'], ['o1'], ['o2'], ['o3'], ['o2']]), 5);
    expect(r.winners).toEqual(['o1', 'o2']);
    expect(r.carried).toEqual([]);
    expect(r.passed).toBe(false);
  });

  it('single choice: a tie lists every winner and passes nothing', () => {
    const r = tally(single, countBallots(single.options, [['o1'], ['o2']]), 2);
    expect(r.winners).toEqual(['o1', 'o2']);
    expect(r.passed).toBe(false);
  });

  it('multiple choice: counts marks, several options can carry', () => {
    const r = tally(multiple, countBallots(multiple.options, [['o1', 'o2'], ['o1', 'o2'], ['o1', 'o3']]), 4);
    expect(r.counts).toEqual({ o1: 3, o2: 2, o3: 1 });
    expect(r.ballots).toBe(3);
    expect(r.counted).toBe(3);
    expect(r.winners).toEqual(['o1']);
    expect(r.carried).toEqual(['o1', 'o2']);
    expect(r.passed).toBe(true);
    expect(r.turnout).toBe(0.75);
  });

  it('multiple choice under two thirds: only options marked on two thirds of ballots carry', () => {
    const poll = { ...multiple, rule: 'two_thirds' as const };
    const r = tally(poll, countBallots(poll.options, [['o1', 'o2'], ['o1'], ['o3']]), 3);
    expect(r.carried).toEqual(['o1']);
  });

  it('abstentionsCount has no effect on choice polls', () => {
    const poll = { ...single, abstentionsCount: true };
    expect(tally(poll, countBallots(poll.options, [['o1']]), 1).abstentionsCounted).toBe(false);
  });
});

describe('checkBallot', () => {
  const yn = { kind: 'yes_no_abstain' as const, options: pollOptions('yes_no_abstain'), maxChoices: 1 };
  const multi = { kind: 'multiple' as const, options: pollOptions('multiple', ['A', 'B', 'C']), maxChoices: 2 };
  // poll, choices → ok or the message it gives
  const table: [string, typeof yn | typeof multi, string[], true | RegExp][] = [
    ['yes', yn, ['yes'], true],
    ['abstain', yn, ['abstain'], true],
    ['nothing', yn, [], /Choose an option/],
    ['unknown option', yn, ['maybe'], /Unknown option: maybe/],
    ['two choices in yes/no', yn, ['yes', 'no'], /exactly one/],
    ['two of three, max two', multi, ['o1', 'o3'], true],
    ['three of three, max two', multi, ['o1', 'o2', 'o3'], /at most 2/],
    ['the same option twice', multi, ['o1', 'o1'], /twice/],
  ];
  for (const [name, poll, choices, expected] of table) {
    it(name, () => {
      const r = checkBallot(poll, choices);
      if (expected === true) expect(r.ok).toBe(true);
      else expect(r.ok ? 'ok' : r.message).toMatch(expected);
    });
  }
});

describe('options and wording', () => {
  it('gives yes/no/abstain fixed ids and numbers other options', () => {
    expect(pollOptions('yes_no_abstain').map((o) => o.id)).toEqual(['yes', 'no', 'abstain']);
    expect(pollOptions('single', ['A', 'B'])).toEqual([
      { id: 'o1', label: 'A' },
      { id: 'o2', label: 'B' },
    ]);
    expect(maxChoicesOf('single', 4, 3)).toBe(1);
    expect(maxChoicesOf('multiple', 4)).toBe(4);
    expect(maxChoicesOf('multiple', 4, 2)).toBe(2);
  });

  it('describes a result in Korean for the minutes', () => {
    const poll = { ...yesNo('two_thirds'), title: 'K-테마섹', ballot: 'secret' as const };
    const lines = describeResult(poll, tally(poll, ballots(4, 2, 0), 6));
    expect(lines[0]).toBe('표결 결과: K-테마섹 — 가결');
    expect(lines[1]).toBe('찬성 4 · 반대 2 · 기권 0');
    expect(lines[2]).toContain('투표율 100%');
    expect(lines[2]).toContain('3분의 2');
    expect(lines[2]).toContain('무기명 투표');
  });
});
