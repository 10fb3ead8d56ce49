/**
 * A burst of ballots (issue 19, group commit): many voters cast at the same moment over real
 * socket.io clients to a real server. Ballots that arrive together are stored together, each
 * answered once its group's transaction has committed; a refusal is one ballot's alone, and a
 * transaction that fails counts none of its group.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Faults } from '../helpers/faults';
import { ask, must, pollHarness, type Client, type Person, type PollHarness } from './polls-harness';

const faults = new Faults();
let h: PollHarness;
beforeAll(async () => {
  h = await pollHarness({ wrapStore: faults.wrap });
});
afterAll(() => h?.close());

/** A live meeting where `voters` are checked in and watching, and an open poll that only they may vote in. */
async function openPoll(voters: Person[], title: string) {
  const meetingId = h.meetings.add('live');
  h.meetings.checkIn(meetingId, ...voters.map((v) => v.user.id));
  const poll = await h.createPoll(h.ministry, meetingId, { title, eligibility: { userIds: voters.map((v) => v.user.id) } });
  await must(h.client(h.ministry), 'poll:open', { pollId: poll.id });
  const clients = await Promise.all(
    voters.map(async (v) => {
      const client = h.client(v);
      await must(client, 'poll:watch', { meetingId });
      return client;
    }),
  );
  return { poll, clients };
}

const choiceOf = (i: number) => (i % 3 === 0 ? 'no' : 'yes');
const reasonOf = (answer: Awaited<ReturnType<typeof ask>>) => (answer.ok ? 'ok' : (answer.error as { reason?: string }).reason);

describe('a burst of ballots', () => {
  it('counts every voter once, and refuses a duplicate and an ineligible voter alone, in fewer transactions than ballots', async () => {
    const voters = await h.voters(31);
    const eligible = voters.slice(0, 30);
    const { poll, clients } = await openPoll(eligible, '동시 투표');
    h.meetings.checkIn(poll.meetingId, voters[30]!.user.id);
    const outsider = h.client(voters[30]!);
    await must(outsider, 'poll:watch', { meetingId: poll.meetingId });

    const before = faults.started;
    // All emitted in one go: the same voter twice (different choices), and someone not eligible.
    const casts = [
      ...clients.map((c, i) => ask(c, 'poll:cast', { pollId: poll.id, choices: [choiceOf(i)] })),
      ask(clients[0]!, 'poll:cast', { pollId: poll.id, choices: ['abstain'] }),
      ask(outsider, 'poll:cast', { pollId: poll.id, choices: ['yes'] }),
    ];
    const answers = await Promise.all(casts);
    const transactions = faults.started - before;

    expect(answers.slice(1, 30).map(reasonOf)).toEqual(Array(29).fill('ok'));
    // Voter 0: one of their two ballots is stored, the other refused as a second ballot.
    const zero = [answers[0]!, answers[30]!];
    expect(zero.map(reasonOf).sort()).toEqual(['ok', 'poll.already_voted']);
    expect(reasonOf(answers[31]!)).toBe('poll.not_eligible');
    expect(transactions, 'ballots that arrived together were committed together').toBeLessThan(30);

    const closed = await must(h.client(h.ministry), 'poll:close', { pollId: poll.id });
    const zeroChoice = answers[0]!.ok ? choiceOf(0) : 'abstain';
    const expected = { yes: 0, no: 0, abstain: 0 };
    for (let i = 1; i < 30; i++) expected[choiceOf(i) as 'yes' | 'no']++;
    expected[zeroChoice as keyof typeof expected]++;
    expect(closed.poll.result).toMatchObject({ ballots: 30, counts: expected });
  });

  it('a group whose transaction fails acknowledges none of its ballots as counted; they can be cast again', async () => {
    const voters = await h.voters(20);
    const { poll, clients } = await openPoll(voters, '실패한 커밋');
    // The next transaction (the burst's first group) fails at its commit: castMany, appendMany, commit.
    faults.arm(3);
    const answers = await Promise.all(clients.map((c, i) => ask(c, 'poll:cast', { pollId: poll.id, choices: [choiceOf(i)] })));
    expect(faults.fired).toBe(true);
    expect(faults.steps).toEqual(['polls.castMany', 'audit.appendMany', 'commit']);
    const failed = answers.flatMap((a, i) => (a.ok ? [] : [i]));
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.map((i) => reasonOf(answers[i]!))).toEqual(failed.map(() => 'server.internal'));

    // Exactly the acknowledged ballots are stored; the failed voters have not voted.
    const acked = answers.length - failed.length;
    expect((await h.get(h.ministry, poll.id)).poll.votedCount).toBe(acked);
    for (const i of failed) expect((await h.get(voters[i]!, poll.id)).mine.voted).toBe(false);

    // Nothing half-done: they cast again, and every ballot counts once.
    const again = await Promise.all(failed.map((i) => ask(clients[i]! as Client, 'poll:cast', { pollId: poll.id, choices: [choiceOf(i)] })));
    expect(again.map(reasonOf)).toEqual(failed.map(() => 'ok'));
    const closed = await must(h.client(h.ministry), 'poll:close', { pollId: poll.id });
    expect(closed.poll.result).toMatchObject({ ballots: 20, counts: { yes: 13, no: 7 } });
  });
});
