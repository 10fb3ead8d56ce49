/**
 * The storage contract (issue 16.1), polls and ballots, on SQLite and PostgreSQL: the state
 * machine, one ballot per voter, changes, delegations, exact counts under concurrent casts,
 * a ballot racing the close; then, on PostgreSQL, that a closed secret poll keeps nothing
 * that links a voter to a choice (no column, no row order, no shared transaction id).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewPoll, PollRecord } from '../../../server/polls/poll-store';
import { pollOptions, tally } from '../../../shared/polls/tally';
import { backends, postgresBackend, type OpenedStore } from '../../helpers/stores';
import { at, people, seed } from './fixture';

let pollNumber = 0;
function newPoll(overrides: Partial<NewPoll> = {}): NewPoll {
  return {
    id: `poll-${++pollNumber}`,
    meetingId: 'meeting-1',
    agendaItemId: null,
    proposalId: null,
    title: `투표 ${pollNumber}`,
    kind: 'yes_no_abstain',
    options: pollOptions('yes_no_abstain'),
    maxChoices: 1,
    ballot: 'named',
    eligibility: { roles: ['chair'], userIds: [] },
    quorum: 1,
    rule: 'simple_majority',
    abstentionsCount: false,
    resultsVisibility: 'after_close',
    allowChange: false,
    requirePresence: false,
    countdownSeconds: null,
    createdBy: people.ministry.id,
    createdAt: at(pollNumber),
    ...overrides,
  };
}
const compute = (p: PollRecord, c: { ballots: number; counts: Record<string, number>; eligible: number }) => tally(p, c, c.eligible);
const voters = Array.from({ length: 40 }, (_, i) => `voter-${String(i).padStart(2, '0')}`);

describe.each(backends)('$kind store: polls', (backend) => {
  let opened: OpenedStore;
  beforeAll(async () => {
    opened = await backend.open();
    await seed(opened.store);
  });
  afterAll(() => opened?.close());
  const polls = () => opened.store.polls;
  const ballot = (pollId: string, voterId: string, choices: string[], castBy = voterId) => ({ pollId, voterId, castBy, choices, at: at(50) });

  it('draft → open (fixing the voters) → closed with the result, each once', async () => {
    const poll = await polls().create(newPoll({ proposalId: 'proposal-x', countdownSeconds: 60 }));
    expect(poll).toMatchObject({ status: 'draft', abstentionsCount: false, allowChange: false, requirePresence: false, effectsDone: false, result: null });
    expect(await polls().byProposal('proposal-x')).toEqual([poll]);
    const opened1 = await polls().open(poll.id, [people.chair.id, people.chair2.id], at(10), at(11));
    expect(opened1).toMatchObject({ changed: true, poll: { status: 'open', openedAt: at(10), closesAt: at(11) } });
    expect((await polls().open(poll.id, [], at(12), null)).changed).toBe(false);
    expect(await polls().eligibleUserIds(poll.id)).toEqual([people.chair.id, people.chair2.id]);
    expect((await polls().openPolls()).map((p) => p.id)).toContain(poll.id);

    expect(await polls().cast(ballot(poll.id, people.chair.id, ['yes']))).toEqual({ outcome: 'cast', votedCount: 1 });
    expect(await polls().cast(ballot(poll.id, people.chair.id, ['no']))).toEqual({ outcome: 'already_voted' });
    expect(await polls().cast(ballot(poll.id, people.staff.id, ['no']))).toEqual({ outcome: 'not_eligible' });
    expect(await polls().cast(ballot('nope', people.chair.id, ['no']))).toEqual({ outcome: 'unknown_poll' });
    await expect(polls().cast(ballot(poll.id, people.chair2.id, ['maybe']))).rejects.toThrow(/no counter/);
    expect(await polls().votedCount(poll.id)).toBe(1);
    expect(await polls().counts(poll.id)).toEqual({ ballots: 1, eligible: 2, counts: { yes: 1, no: 0, abstain: 0 } });
    expect(await polls().voterStates(poll.id, [people.chair.id, people.chair2.id, people.staff.id])).toEqual([
      { userId: people.chair.id, eligible: true, voted: true, castBy: people.chair.id, choices: ['yes'] },
      { userId: people.chair2.id, eligible: true, voted: false, castBy: null, choices: null },
      { userId: people.staff.id, eligible: false, voted: false, castBy: null, choices: null },
    ]);

    const closed = await polls().close(poll.id, at(20), people.ministry.id, compute);
    expect(closed).toMatchObject({ changed: true, poll: { status: 'closed', closedAt: at(20), closedBy: people.ministry.id } });
    expect(closed.poll!.result).toEqual(compute(poll, { ballots: 1, eligible: 2, counts: { yes: 1, no: 0, abstain: 0 } }));
    expect((await polls().close(poll.id, at(21), null, compute)).changed).toBe(false);
    expect(await polls().cast(ballot(poll.id, people.chair2.id, ['no']))).toEqual({ outcome: 'not_open', status: 'closed' });
    expect((await polls().pendingEffects()).map((p) => p.id)).toEqual([poll.id]);
    await polls().markEffectsDone(poll.id);
    expect(await polls().pendingEffects()).toEqual([]);
    expect((await polls().cancel(poll.id, at(22))).changed).toBe(false);
  });

  it('a named poll that allows changes: changed, unchanged (any order), counters follow', async () => {
    const poll = await polls().create(newPoll({ kind: 'multiple', options: pollOptions('multiple', ['가', '나', '다']), maxChoices: 2, allowChange: true }));
    const [a, b, c] = poll.options.map((o) => o.id);
    await polls().open(poll.id, [people.chair.id], at(10), null);
    expect(await polls().cast(ballot(poll.id, people.chair.id, [a!, b!]))).toEqual({ outcome: 'cast', votedCount: 1 });
    expect(await polls().cast(ballot(poll.id, people.chair.id, [b!, a!]))).toEqual({ outcome: 'unchanged', votedCount: 1 });
    expect(await polls().cast(ballot(poll.id, people.chair.id, [b!, c!]))).toEqual({ outcome: 'changed', votedCount: 1 });
    expect((await polls().counts(poll.id)).counts).toEqual({ [a!]: 0, [b!]: 1, [c!]: 1 });
    expect(await polls().ballots(poll.id)).toEqual([{ voterId: people.chair.id, castBy: people.chair.id, choices: [b, c], castAt: at(50) }]);
  });

  it('a secret poll keeps who voted without what or when, and refuses a second ballot', async () => {
    const poll = await polls().create(newPoll({ ballot: 'secret' }));
    await polls().open(poll.id, [people.chair.id, people.chair2.id], at(10), null);
    await polls().cast(ballot(poll.id, people.chair.id, ['yes']));
    await polls().cast(ballot(poll.id, people.chair2.id, ['no']));
    expect(await polls().cast(ballot(poll.id, people.chair2.id, ['yes']))).toEqual({ outcome: 'already_voted' });
    expect(await polls().ballots(poll.id)).toEqual([
      { voterId: people.chair.id, castBy: people.chair.id, choices: null, castAt: null },
      { voterId: people.chair2.id, castBy: people.chair2.id, choices: null, castAt: null },
    ]);
    const closed = await polls().close(poll.id, at(20), null, compute);
    expect(closed.poll!.result).toMatchObject({ counts: { yes: 1, no: 1, abstain: 0 } });
    expect((await polls().ballots(poll.id)).map((r) => r.voterId)).toEqual([people.chair.id, people.chair2.id]);
    expect(await opened.exec("SELECT * FROM poll_voters WHERE choices IS NOT NULL AND poll_id = 'none'")).toEqual([]);
  });

  it('cancel: from draft or open, once', async () => {
    const poll = await polls().create(newPoll());
    expect(await polls().cancel(poll.id, at(5))).toMatchObject({ changed: true, poll: { status: 'cancelled', closedAt: at(5), result: null } });
    expect((await polls().cancel(poll.id, at(6))).changed).toBe(false);
    expect((await polls().open(poll.id, [people.chair.id], at(7), null)).changed).toBe(false);
  });

  it('delegations: one per delegator and meeting, no chains; only the delegate casts the vote', async () => {
    const meetingId = 'meeting-delegation';
    const grant = (fromUserId: string, toUserId: string) =>
      polls().delegate({ meetingId, fromUserId, toUserId, grantedBy: people.ministry.id, grantedAt: at(1) });
    expect(await grant(people.chair.id, people.chair2.id)).toBe('created');
    expect(await grant(people.chair.id, people.staff.id)).toBe('exists');
    expect(await grant(people.chair2.id, people.staff.id)).toBe('chain');
    expect(await grant(people.staff.id, people.chair.id)).toBe('chain');
    expect(await polls().delegations(meetingId)).toEqual([
      { meetingId, fromUserId: people.chair.id, toUserId: people.chair2.id, grantedBy: people.ministry.id, grantedAt: at(1) },
    ]);
    const poll = await polls().create(newPoll({ meetingId }));
    await polls().open(poll.id, [people.chair.id, people.chair2.id], at(10), null);
    expect(await polls().cast(ballot(poll.id, people.chair.id, ['yes']))).toEqual({ outcome: 'delegated', toUserId: people.chair2.id });
    expect(await polls().cast(ballot(poll.id, people.chair2.id, ['yes'], people.staff.id))).toEqual({ outcome: 'not_delegate' });
    expect(await polls().cast(ballot(poll.id, people.chair.id, ['yes'], people.chair2.id))).toEqual({ outcome: 'cast', votedCount: 1 });
    expect(await polls().revokeDelegation(meetingId, people.chair.id)).toBe(true);
    expect(await polls().revokeDelegation(meetingId, people.chair.id)).toBe(false);
    expect(await polls().byMeeting(meetingId)).toHaveLength(1);
  });

  it('forty voters casting at once from two instances: every ballot counted once', async () => {
    const other = await opened.another();
    const poll = await polls().create(newPoll({ eligibility: { roles: [], userIds: voters } }));
    await polls().open(poll.id, voters, at(10), null);
    const choice = (i: number) => ['yes', 'no', 'abstain'][i % 3]!;
    const outcomes = await Promise.all(
      voters.flatMap((voterId, i) => {
        const store = i % 2 ? other : opened.store;
        // Each voter twice, once on each instance: one ballot is stored.
        return [store.polls.cast(ballot(poll.id, voterId, [choice(i)])), (i % 2 ? opened.store : other).polls.cast(ballot(poll.id, voterId, [choice(i)]))];
      }),
    );
    expect(outcomes.filter((o) => o.outcome === 'cast')).toHaveLength(40);
    expect(outcomes.filter((o) => o.outcome === 'already_voted')).toHaveLength(40);
    expect(await polls().counts(poll.id)).toEqual({ ballots: 40, eligible: 40, counts: { yes: 14, no: 13, abstain: 13 } });
  });

  it('a group of ballots (castMany): judged in order, a refusal is one ballot\'s alone, counters move by the group', async () => {
    const poll = await polls().create(newPoll({ eligibility: { roles: [], userIds: voters }, allowChange: true }));
    const secret = await polls().create(newPoll({ eligibility: { roles: [], userIds: voters }, ballot: 'secret' }));
    await polls().open(poll.id, voters.slice(0, 5), at(10), null);
    await polls().open(secret.id, voters.slice(0, 5), at(10), null);
    expect(await polls().cast(ballot(poll.id, voters[0]!, ['yes']))).toEqual({ outcome: 'cast', votedCount: 1 });
    const outcomes = await polls().castMany([
      ballot(poll.id, voters[1]!, ['no']),
      ballot(poll.id, voters[0]!, ['no']), // changes the stored ballot
      ballot(poll.id, voters[9]!, ['yes']), // not eligible
      ballot(poll.id, voters[2]!, ['yes']),
      ballot(poll.id, voters[2]!, ['yes']), // the same again: unchanged
      ballot(secret.id, voters[3]!, ['no']),
      ballot(secret.id, voters[3]!, ['yes']), // a secret ballot cannot be cast twice
      ballot('nope', voters[3]!, ['yes']),
    ]);
    expect(outcomes).toEqual([
      { outcome: 'cast', votedCount: 3 },
      { outcome: 'changed', votedCount: 3 },
      { outcome: 'not_eligible' },
      { outcome: 'cast', votedCount: 3 },
      { outcome: 'unchanged', votedCount: 3 },
      { outcome: 'cast', votedCount: 1 },
      { outcome: 'already_voted' },
      { outcome: 'unknown_poll' },
    ]);
    expect(await polls().counts(poll.id)).toEqual({ ballots: 3, eligible: 5, counts: { yes: 1, no: 2, abstain: 0 } });
    expect(await polls().counts(secret.id)).toEqual({ ballots: 1, eligible: 5, counts: { yes: 0, no: 1, abstain: 0 } });
    expect((await polls().ballots(poll.id)).map((b) => [b.voterId, b.choices])).toEqual([
      [voters[0], ['no']],
      [voters[1], ['no']],
      [voters[2], ['yes']],
    ]);
    // A group that throws (an option without a counter) stores none of its ballots.
    await expect(polls().castMany([ballot(poll.id, voters[3]!, ['yes']), ballot(poll.id, voters[4]!, ['maybe'])])).rejects.toThrow(/no counter/);
    expect(await polls().votedCount(poll.id)).toBe(3);
  });

  it('ballots racing the close: each one is in the result or refused, never lost', async () => {
    const other = await opened.another();
    const poll = await polls().create(newPoll({ eligibility: { roles: [], userIds: voters } }));
    await polls().open(poll.id, voters, at(10), null);
    const casts = voters.map((voterId, i) => (i % 2 ? other : opened.store).polls.cast(ballot(poll.id, voterId, ['yes'])));
    const close = polls().close(poll.id, at(20), null, compute);
    const outcomes = await Promise.all(casts);
    const { poll: closed } = await close;
    const accepted = outcomes.filter((o) => o.outcome === 'cast').length;
    expect(outcomes.every((o) => o.outcome === 'cast' || (o.outcome === 'not_open' && o.status === 'closed'))).toBe(true);
    expect(closed!.result).toMatchObject({ counts: { yes: accepted } });
    expect(await polls().votedCount(poll.id)).toBe(accepted);
  });
});

describe('postgres store: a closed secret poll links no voter to a choice', () => {
  let opened: OpenedStore;
  beforeAll(async () => {
    opened = await postgresBackend.open();
    await seed(opened.store);
  });
  afterAll(() => opened?.close());

  it('a group of secret ballots leaves no arrival order and no per-ballot transaction, even while the poll is open', async () => {
    const polls = opened.store.polls;
    const poll = await polls.create(newPoll({ ballot: 'secret', eligibility: { roles: [], userIds: voters } }));
    await polls.open(poll.id, voters, at(10), null);
    const arrival = [...voters].reverse();
    const outcomes = await polls.castMany(arrival.map((voterId, i) => ({ pollId: poll.id, voterId, castBy: voterId, choices: [i % 4 === 0 ? 'yes' : 'no'], at: at(11) })));
    expect(outcomes.every((o) => o.outcome === 'cast')).toBe(true);
    const rows = (await opened.exec(`SELECT voter_id, xmin::text AS x, cmin::text AS c FROM poll_voters WHERE poll_id = '${poll.id}' ORDER BY ctid`)) as {
      voter_id: string;
      x: string;
      c: string;
    }[];
    // Heap order is voter-id order, not arrival order; all written by one statement (one command id).
    expect(rows.map((r) => r.voter_id)).toEqual(voters);
    expect(new Set(rows.map((r) => r.c)).size).toBe(1);
    // One transaction id for every voter and counter the group wrote.
    const counters = (await opened.exec(`SELECT xmin::text AS x FROM poll_counts WHERE poll_id = '${poll.id}' AND count > 0`)) as { x: string }[];
    expect(counters).toHaveLength(2);
    expect(new Set([...rows, ...counters].map((r) => r.x)).size).toBe(1);
    expect((await polls.counts(poll.id)).counts).toEqual({ yes: 10, no: 30, abstain: 0 });
  });

  it('no column, no row order, no shared transaction id, no old row version ties a voter to the counter they bumped', async () => {
    const polls = opened.store.polls;
    const poll = await polls.create(newPoll({ ballot: 'secret', eligibility: { roles: [], userIds: voters } }));
    await polls.open(poll.id, voters, at(10), null);
    // Arrival order unlike voter-id order, each ballot its own transaction.
    const order = [...voters].reverse();
    for (const [i, voterId] of order.entries()) {
      await polls.cast({ pollId: poll.id, voterId, castBy: voterId, choices: [i < 10 ? 'yes' : 'no'], at: at(11) });
    }
    const xmins = async (table: string) =>
      (await opened.exec(`SELECT xmin::text AS x FROM ${table} WHERE poll_id = '${poll.id}'`)) as { x: string }[];
    // While the poll is open, MVCC ties each voter's row to the counter version its transaction wrote.
    const counterXmin = (await xmins('poll_counts')).map((r) => r.x);
    expect((await xmins('poll_voters')).some((r) => counterXmin.includes(r.x))).toBe(true);

    const fileNodes = async () =>
      ((await opened.exec("SELECT pg_relation_filenode('poll_voters')::text AS a, pg_relation_filenode('poll_counts')::text AS b")) as { a: string; b: string }[]).flatMap(
        (r) => [r.a, r.b],
      );
    const nodesBefore = await fileNodes();
    await polls.close(poll.id, at(20), null, (p, c) => tally(p, c, c.eligible));

    const voterRows = (await opened.exec(`SELECT voter_id, choices, cast_at FROM poll_voters WHERE poll_id = '${poll.id}' ORDER BY ctid`)) as {
      voter_id: string;
      choices: null;
      cast_at: null;
    }[];
    // Physical order is voter-id order, not arrival order; no choice, no time.
    expect(voterRows.map((r) => r.voter_id)).toEqual(voters);
    expect(voterRows.every((r) => r.choices === null && r.cast_at === null)).toBe(true);
    // Every voter row and every counter now carries one transaction id: the close's.
    const after = new Set([...(await xmins('poll_voters')), ...(await xmins('poll_counts'))].map((r) => r.x));
    expect(after.size).toBe(1);
    // The old row versions are gone: VACUUM FULL, after the commit, wrote both tables to new files.
    expect(await fileNodes()).not.toEqual(nodesBefore.map(String));
    expect((await polls.counts(poll.id)).counts).toEqual({ yes: 10, no: 30, abstain: 0 });
  });
});
