import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { minutesDocName } from '../../shared/meetings/minutes';
import type { PollView } from '../../shared/schemas/polls';
import { runRedisUrl } from '../helpers/redis';
import { waitFor } from '../helpers/server';
import { ask, must, pollHarness, type PollHarness } from './polls-harness';

describe.each([
  ['in memory', () => undefined],
  ['in Redis', () => runRedisUrl()],
])('polls %s', (_, redisUrl) => {
  let h: PollHarness;
  beforeAll(async () => {
    h = await pollHarness({ redisUrl: redisUrl() });
  });
  afterAll(() => h.close());
  afterEach(() => {
    for (const c of h.clients.splice(0)) c.disconnect();
  });

  /** A live meeting where the six chairs are checked in, and a poll in it. */
  async function livePoll(body: Parameters<PollHarness['createPoll']>[2] = { title: '국가투자지주회사 (K-테마섹)' }) {
    const meetingId = h.meetings.add('live', null, body.proposalId ? [body.proposalId] : []);
    h.meetings.checkIn(meetingId, ...h.chairs.map((c) => c.user.id), h.ministry.user.id, h.staff.user.id, h.observer.user.id);
    const poll = await h.createPoll(h.ministry, meetingId, body);
    return { meetingId, poll };
  }

  it('runs a named vote: open, cast, close; the room sees it and the record has it', async () => {
    const { meetingId, poll } = await livePoll({ title: '경쟁국 이상의 투자 인센티브 보장', resultsVisibility: 'live' });
    expect(poll).toMatchObject({ status: 'draft', kind: 'yes_no_abstain', ballot: 'named', eligibleCount: 6, votedCount: 0 });
    const admin = h.client(h.ministry);
    const watcher = h.client(h.observer);
    const watched = await must<{ polls: { poll: PollView }[] }>(watcher, 'poll:watch', { meetingId });
    expect(watched.polls).toEqual([]); // a draft is for those who run the meeting
    expect((await h.http(h.observer, 'GET', `/api/polls/${poll.id}`)).status).toBe(404);
    const adminView = await must<{ polls: { poll: PollView }[] }>(admin, 'poll:watch', { meetingId });
    expect(adminView.polls.map((p) => p.poll.id)).toEqual([poll.id]);

    const opened = await must(admin, 'poll:open', { pollId: poll.id });
    expect(opened.poll.status).toBe('open');
    await waitFor(() => watcher.states.some((s) => s.id === poll.id && s.status === 'open'), 'open state in the room');

    const votes = ['yes', 'yes', 'yes', 'yes', 'no', 'abstain'];
    const acks = await Promise.all(h.chairs.map((c, i) => must<{ poll: PollView; voterId: string }>(h.client(c), 'poll:cast', { pollId: poll.id, choices: [votes[i]] })));
    expect(acks.map((a) => a.voterId).sort()).toEqual(h.chairs.map((c) => c.user.id).sort());
    await waitFor(() => watcher.states.some((s) => s.votedCount === 6 && s.counts?.yes === 4), 'live counts reach the room');

    const closed = await must(admin, 'poll:close', { pollId: poll.id });
    expect(closed.poll.result).toMatchObject({ ballots: 6, eligible: 6, turnout: 1, counts: { yes: 4, no: 1, abstain: 1 }, passed: true, counted: 5 });
    await waitFor(() => watcher.results.length === 1, 'result in the room');
    expect(watcher.results[0]).toEqual(closed.poll.result);

    const { poll: fetched } = await h.get(h.observer, poll.id);
    expect(fetched.result).toEqual(closed.poll.result);
    const listed = await h.http(h.observer, 'GET', `/api/meetings/${meetingId}/polls`);
    expect((listed.json as { polls: PollView[] }).polls[0]!.result).toEqual(closed.poll.result);

    const audit = await h.server.audit.list({ target: `poll:${poll.id}`, limit: 100 });
    expect(audit.map((e) => e.action).sort()).toEqual(['polls.cast', 'polls.cast', 'polls.cast', 'polls.cast', 'polls.cast', 'polls.cast', 'polls.close', 'polls.create', 'polls.open']);

    const minutes = new Y.Doc();
    Y.applyUpdate(minutes, await h.server.documents.state(minutesDocName(meetingId)));
    expect(minutes.getXmlFragment('default').toString()).toContain('표결 결과: 경쟁국 이상의 투자 인센티브 보장 — 가결');
    expect(minutes.getMap('pollResults').has(poll.id)).toBe(true);

    const csv = await h.http(h.ministry, 'GET', `/api/polls/${poll.id}/export.csv`);
    expect(csv.status).toBe(200);
    // A header block first: what was voted on, when (Korea time), by which rule, the quorum and the result.
    const head = csv.text.replace(/^\uFEFF/, '').split('\r\n').slice(0, 6);
    expect(head[0]).toBe('"poll / 표결","경쟁국 이상의 투자 인센티브 보장"');
    expect(head[2]).toMatch(/^"date \/ 일시 \(KST\)","\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00"$/);
    expect(head[3]).toBe('"rule / 의결 방식","과반수 (simple majority), 기권 제외; 기명 투표 (named)"');
    // The default quorum: a majority of the six eligible.
    expect(head[4]).toMatch(/^"quorum \/ 의결 정족수","4 \(충족 met; 투표 ballots 6 \/ 6\)"$/);
    expect(head[5]).toMatch(/^"result \/ 결과","가결 \(passed\): 찬성 \d, 반대 \d, 기권 \d"$/);
    expect(csv.text).toContain('"박성호","","찬성"');
    expect(csv.text).toContain('"한지훈","","기권"');
  });

  it('refuses an observer, a chair not on the list, a closed poll and bad ballots, changing nothing', async () => {
    const [allowed, other] = h.chairs;
    const { poll } = await livePoll({ title: '규제에 대한 산업영향평가 제도', eligibility: { userIds: [allowed!.user.id] } });
    const admin = h.client(h.ministry);
    await must(admin, 'poll:open', { pollId: poll.id });
    const expectRefused = async (who: typeof allowed, payload: unknown, code: string, message: RegExp) => {
      const answer = await ask(h.client(who!), 'poll:cast', payload);
      expect(answer.ok).toBe(false);
      if (!answer.ok) {
        expect(answer.error.code).toBe(code);
        expect(answer.error.message).toMatch(message);
      }
    };
    await expectRefused(h.observer, { pollId: poll.id, choices: ['yes'] }, 'forbidden', /Observers/);
    await expectRefused(other, { pollId: poll.id, choices: ['yes'] }, 'forbidden', /not eligible/);
    await expectRefused(allowed, { pollId: poll.id, choices: ['maybe'] }, 'invalid_input', /Unknown option/);
    await expectRefused(allowed, { pollId: poll.id, choices: ['yes', 'no'] }, 'invalid_input', /exactly one/);
    await expectRefused(allowed, { pollId: poll.id, choices: 'yes' }, 'invalid_input', /choices/);
    await expectRefused(allowed, { pollId: poll.id }, 'invalid_input', /choices/);
    await expectRefused(allowed, { pollId: 'nope', choices: ['yes'] }, 'not_found', /No such poll/);
    expect((await h.get(h.ministry, poll.id)).poll.votedCount).toBe(0);

    await must(admin, 'poll:close', { pollId: poll.id });
    await expectRefused(allowed, { pollId: poll.id, choices: ['yes'] }, 'conflict', /closed/);
    expect((await h.get(h.ministry, poll.id)).poll.result?.ballots).toBe(0);
  });

  it('requires presence by default, and a live meeting to open', async () => {
    const meetingId = h.meetings.add('scheduled');
    const poll = await h.createPoll(h.ministry, meetingId, { title: '국가 산업인재은행' });
    const admin = h.client(h.ministry);
    const early = await ask(admin, 'poll:open', { pollId: poll.id });
    expect(early.ok ? 'opened' : early.error.message).toMatch(/live/);
    h.meetings.meetings.set(meetingId, { id: meetingId, status: 'live', chairId: null, agendaProposalIds: [] });
    await must(admin, 'poll:open', { pollId: poll.id });
    const absent = await ask(h.client(h.chairs[0]!), 'poll:cast', { pollId: poll.id, choices: ['yes'] });
    expect(absent.ok ? 'cast' : absent.error.message).toMatch(/Check in/);
    h.meetings.checkIn(meetingId, h.chairs[0]!.user.id);
    await must(h.client(h.chairs[0]!), 'poll:cast', { pollId: poll.id, choices: ['yes'] });
  });

  it('lets only ministry staff or the meeting chair run polls', async () => {
    const [chair, other] = h.chairs;
    const meetingId = h.meetings.add('live', chair!.user.id);
    const created = await h.http(other!, 'POST', `/api/meetings/${meetingId}/polls`, { title: '우수인재 레드카펫 프로젝트' });
    expect(created.status).toBe(403);
    const poll = await h.createPoll(chair!, meetingId, { title: '우수인재 레드카펫 프로젝트' });
    const refused = await ask(h.client(other!), 'poll:open', { pollId: poll.id });
    expect(refused.ok ? 'opened' : refused.error.code).toBe('forbidden');
    await must(h.client(chair!), 'poll:open', { pollId: poll.id });
  });

  it('100 eligible voters in parallel, each sending twice: exactly 100 ballots count', async () => {
    const voters = await h.voters(100);
    const { meetingId, poll } = await livePoll({ title: '초격차 핵심 기술 발굴·지원', eligibility: { userIds: voters.map((v) => v.user.id) } });
    h.meetings.checkIn(meetingId, ...voters.map((v) => v.user.id));
    await must(h.client(h.ministry), 'poll:open', { pollId: poll.id });
    const sockets = voters.map((v) => [h.client(v), h.client(v)] as const); // two tabs each
    const answers = await Promise.all(
      sockets.flatMap(([a, b], i) => {
        const choice = i % 3 === 0 ? 'no' : 'yes';
        return [ask(a, 'poll:cast', { pollId: poll.id, choices: [choice] }), ask(b, 'poll:cast', { pollId: poll.id, choices: [choice] })];
      }),
    );
    const accepted = answers.filter((a) => a.ok);
    const refused = answers.filter((a) => !a.ok);
    expect(accepted).toHaveLength(100);
    expect(refused).toHaveLength(100);
    expect(new Set(refused.map((a) => (a.ok ? '' : a.error.message)))).toEqual(new Set(['Your ballot was already received; it counts once.']));
    const closed = await must(h.client(h.ministry), 'poll:close', { pollId: poll.id });
    expect(closed.poll.result).toMatchObject({ ballots: 100, eligible: 100, counts: { yes: 66, no: 34, abstain: 0 } });
    // The view says how many were named, not who: the list would ride on every state message.
    expect(closed.poll.eligibility).toEqual({ roles: [], namedVoters: 100 });
    const viewed = JSON.stringify((await h.get(h.ministry, poll.id)).poll);
    expect(voters.filter((v) => viewed.includes(v.user.id))).toEqual([]);
  });

  it('50 concurrent opens and 50 concurrent closes give one state and one result', async () => {
    const { poll } = await livePoll({ title: '미래 성장동력 발굴·사업화', eligibility: { roles: ['chair'] } });
    const admins = Array.from({ length: 5 }, () => h.client(h.ministry));
    const opens = await Promise.all(Array.from({ length: 50 }, (_, i) => must(admins[i % 5]!, 'poll:open', { pollId: poll.id })));
    expect(new Set(opens.map((o) => JSON.stringify(o.poll))).size).toBe(1);
    await must(h.client(h.chairs[0]!), 'poll:cast', { pollId: poll.id, choices: ['no'] });
    const closes = await Promise.all(Array.from({ length: 50 }, (_, i) => must(admins[i % 5]!, 'poll:close', { pollId: poll.id })));
    expect(new Set(closes.map((c) => JSON.stringify(c.poll))).size).toBe(1);
    expect(closes[0]!.poll.result).toMatchObject({ ballots: 1, passed: false });
    const audit = await h.server.audit.list({ target: `poll:${poll.id}`, limit: 100 });
    expect(audit.filter((e) => e.action === 'polls.open')).toHaveLength(1);
    expect(audit.filter((e) => e.action === 'polls.close')).toHaveLength(1);
    const cancelled = await ask(admins[0]!, 'poll:cancel', { pollId: poll.id });
    expect(cancelled.ok ? 'cancelled' : cancelled.error.message).toMatch(/closed; its result stands/);
  });

  it('50 ballots racing 50 closes: every close answers the same result, holding every acknowledged ballot', async () => {
    const voters = await h.voters(50);
    const { meetingId, poll } = await livePoll({ title: '대중 협력 고도화', eligibility: { userIds: voters.map((v) => v.user.id) } });
    h.meetings.checkIn(meetingId, ...voters.map((v) => v.user.id));
    const admin = h.client(h.ministry);
    await must(admin, 'poll:open', { pollId: poll.id });
    const voterSockets = voters.map((v) => h.client(v));
    await waitFor(() => voterSockets.every((s) => s.connected) && admin.connected, 'all connected');
    const casts = voterSockets.map((s) => ask(s, 'poll:cast', { pollId: poll.id, choices: ['yes'] }));
    const closes = Array.from({ length: 50 }, () => must(admin, 'poll:close', { pollId: poll.id }));
    const [castAnswers, closeAnswers] = await Promise.all([Promise.all(casts), Promise.all(closes)]);
    const results = new Set(closeAnswers.map((c) => JSON.stringify(c.poll.result)));
    expect(results.size).toBe(1);
    const acked = castAnswers.filter((a) => a.ok).length;
    const result = closeAnswers[0]!.poll.result!;
    expect(result.ballots).toBe(acked);
    expect(result.counts.yes).toBe(acked);
    for (const a of castAnswers) if (!a.ok) expect(a.error.message).toBe('This poll is closed; ballots are no longer accepted.');
  });

  it('shows counts only as the poll allows: after_close hides, after_vote shows to voters', async () => {
    const [a, b] = h.chairs;
    const { meetingId, poll } = await livePoll({ title: '한국형 오슬로 어젠다', resultsVisibility: 'after_vote' });
    const watcherA = h.client(a!);
    const watcherB = h.client(b!);
    await must(watcherA, 'poll:watch', { meetingId });
    await must(watcherB, 'poll:watch', { meetingId });
    await must(h.client(h.ministry), 'poll:open', { pollId: poll.id });
    const cast = await must<{ poll: PollView }>(watcherA, 'poll:cast', { pollId: poll.id, choices: ['yes'] });
    expect(cast.poll.counts).toEqual({ yes: 1, no: 0, abstain: 0 });
    await waitFor(() => watcherB.states.some((s) => s.votedCount === 1), 'count reaches B');
    await waitFor(() => watcherA.states.some((s) => s.votedCount === 1 && s.counts?.yes === 1), 'counts reach A');
    expect(watcherB.states.every((s) => s.counts === null)).toBe(true);
    expect((await h.get(b!, poll.id)).poll.counts).toBeNull();
    expect((await h.get(a!, poll.id)).poll.counts).toEqual({ yes: 1, no: 0, abstain: 0 });

    const hidden = await livePoll({ title: '성장·혁신 비례형 기업 지원 제도' });
    expect(hidden.poll.resultsVisibility).toBe('after_close');
    await must(h.client(h.ministry), 'poll:open', { pollId: hidden.poll.id });
    const hiddenCast = await must<{ poll: PollView }>(h.client(a!), 'poll:cast', { pollId: hidden.poll.id, choices: ['no'] });
    expect(hiddenCast.poll.counts).toBeNull();
    expect(hiddenCast.poll.votedCount).toBe(1);
  });

  it('lets a named ballot change until close when allowed, and refuses changing otherwise', async () => {
    const { poll } = await livePoll({ title: '교육 규제 개혁', allowChange: true, resultsVisibility: 'live' });
    const chair = h.client(h.chairs[0]!);
    await must(h.client(h.ministry), 'poll:open', { pollId: poll.id });
    await must(chair, 'poll:cast', { pollId: poll.id, choices: ['no'] });
    const changed = await must<{ poll: PollView; changed: boolean }>(chair, 'poll:cast', { pollId: poll.id, choices: ['yes'] });
    expect(changed.changed).toBe(true);
    expect(changed.poll.counts).toEqual({ yes: 1, no: 0, abstain: 0 });
    expect((await h.get(h.chairs[0]!, poll.id)).mine).toMatchObject({ voted: true, choices: ['yes'] });
    // The same choice again is no change: answered, counted once, recorded once.
    const again = await must<{ poll: PollView; changed: boolean }>(chair, 'poll:cast', { pollId: poll.id, choices: ['yes'] });
    expect(again.changed).toBe(false);
    expect(again.poll.counts).toEqual({ yes: 1, no: 0, abstain: 0 });
    const audit = await h.server.audit.list({ target: `poll:${poll.id}`, limit: 100 });
    expect(audit.filter((e) => e.action === 'polls.change')).toHaveLength(1);
  });

  it('multiple choice with a maximum', async () => {
    const { poll } = await livePoll({
      title: '신시장 개척 우선 지역',
      kind: 'multiple',
      options: ['아세안', '인도', '중동'],
      maxChoices: 2,
      rule: 'simple_majority',
    });
    expect(poll.options.map((o) => o.id)).toEqual(['o1', 'o2', 'o3']);
    await must(h.client(h.ministry), 'poll:open', { pollId: poll.id });
    const picks = [['o1', 'o2'], ['o1'], ['o1', 'o3'], ['o2']];
    for (const [i, choices] of picks.entries()) await must(h.client(h.chairs[i]!), 'poll:cast', { pollId: poll.id, choices });
    const tooMany = await ask(h.client(h.chairs[4]!), 'poll:cast', { pollId: poll.id, choices: ['o1', 'o2', 'o3'] });
    expect(tooMany.ok ? 'cast' : tooMany.error.message).toMatch(/at most 2/);
    const closed = await must(h.client(h.ministry), 'poll:close', { pollId: poll.id });
    expect(closed.poll.result).toMatchObject({ ballots: 4, counts: { o1: 3, o2: 2, o3: 1 }, winners: ['o1'], carried: ['o1'], passed: true });
  });

  it('delegation: the delegator may not vote, the delegate casts separately "for X"', async () => {
    const [absent, present] = h.chairs;
    const { meetingId, poll } = await livePoll({ title: '정부출연연구기관의 기업 지원 강화' });
    const granted = await h.http(absent!, 'POST', `/api/meetings/${meetingId}/delegations`, { toUserId: present!.user.id });
    expect(granted.status).toBe(201);
    expect(granted.json).toMatchObject({ delegation: { fromUserId: absent!.user.id, toUserId: present!.user.id, grantedBy: absent!.user.id } });
    const again = await h.http(h.ministry, 'POST', `/api/meetings/${meetingId}/delegations`, { fromUserId: present!.user.id, toUserId: h.chairs[2]!.user.id });
    expect(again.status).toBe(409); // no chains
    const toObserver = await h.http(h.chairs[3]!, 'POST', `/api/meetings/${meetingId}/delegations`, { toUserId: h.observer.user.id });
    expect(toObserver.status).toBe(400);

    await must(h.client(h.ministry), 'poll:open', { pollId: poll.id });
    const self = await ask(h.client(absent!), 'poll:cast', { pollId: poll.id, choices: ['yes'] });
    expect(self.ok ? 'cast' : self.error.message).toMatch(/delegated your vote/);
    const delegate = h.client(present!);
    await must(delegate, 'poll:cast', { pollId: poll.id, choices: ['no'] });
    const forX = await must<{ voterId: string }>(delegate, 'poll:cast', { pollId: poll.id, choices: ['yes'], onBehalfOf: absent!.user.id });
    expect(forX.voterId).toBe(absent!.user.id);
    const notMine = await ask(h.client(h.chairs[2]!), 'poll:cast', { pollId: poll.id, choices: ['yes'], onBehalfOf: absent!.user.id });
    expect(notMine.ok ? 'cast' : notMine.error.message).toMatch(/no delegation/);
    const { mine } = await h.get(present!, poll.id);
    expect(mine.castFor).toEqual([{ userId: absent!.user.id, name: absent!.user.name, voted: true, eligible: true }]);

    await must(h.client(h.ministry), 'poll:close', { pollId: poll.id });
    const csv = await h.http(h.ministry, 'GET', `/api/polls/${poll.id}/export.csv`);
    expect(csv.text).toContain(`"${absent!.user.name}","${present!.user.name}","찬성"`);
    const list = await h.http(h.observer, 'GET', `/api/meetings/${meetingId}/delegations`);
    expect((list.json as { delegations: unknown[] }).delegations).toHaveLength(1);
  });

  it('moves the linked proposal when the poll closes', async () => {
    const ministry = h.ministry.user;
    const created = await h.server.proposals.service.create(ministry, { title: '마더 팩토리 프로젝트', subcommittee: 'productivity' });
    if (!created.ok) throw new Error(created.error.message);
    const proposalId = created.value.id;
    for (const to of ['submitted', 'under_discussion'] as const) {
      const moved = await h.server.proposals.service.changeStatus(ministry, proposalId, to, null);
      if (!moved.ok) throw new Error(moved.error.message);
    }
    const { poll } = await livePoll({ title: '마더 팩토리 프로젝트 채택', proposalId });
    await must(h.client(h.ministry), 'poll:open', { pollId: poll.id });
    for (const chair of h.chairs.slice(0, 4)) await must(h.client(chair), 'poll:cast', { pollId: poll.id, choices: ['yes'] });
    await must(h.client(h.ministry), 'poll:close', { pollId: poll.id });
    const after = await h.server.proposals.service.get(ministry, proposalId);
    expect(after.ok && after.value.status).toBe('adopted');
    const byProposal = await h.http(h.observer, 'GET', `/api/proposals/${proposalId}/polls`);
    expect((byProposal.json as { polls: PollView[] }).polls.map((p) => p.id)).toEqual([poll.id]);
  });

  it('cancels idempotently and refuses what a secret ballot cannot promise', async () => {
    const { poll } = await livePoll({ title: '취소될 표결' });
    const admin = h.client(h.ministry);
    const both = await Promise.all([must(admin, 'poll:cancel', { pollId: poll.id }), must(admin, 'poll:cancel', { pollId: poll.id })]);
    expect(both[0].poll).toEqual(both[1].poll);
    expect(both[0].poll.status).toBe('cancelled');
    const reopen = await ask(admin, 'poll:open', { pollId: poll.id });
    expect(reopen.ok ? 'opened' : reopen.error.code).toBe('conflict');

    const meetingId = h.meetings.add('live');
    const changeable = await h.http(h.ministry, 'POST', `/api/meetings/${meetingId}/polls`, { title: 'x', ballot: 'secret', allowChange: true });
    expect(changeable.status).toBe(400);
    expect(changeable.text).toMatch(/secret ballot cannot be changed/);
    const liveSecret = await h.http(h.ministry, 'POST', `/api/meetings/${meetingId}/polls`, { title: 'x', ballot: 'secret', resultsVisibility: 'live' });
    expect(liveSecret.text).toMatch(/only after the close/);
    const noOptions = await h.http(h.ministry, 'POST', `/api/meetings/${meetingId}/polls`, { title: 'x', kind: 'single' });
    expect(noOptions.text).toMatch(/at least 2 options/);
    const observerVoter = await h.http(h.ministry, 'POST', `/api/meetings/${meetingId}/polls`, { title: 'x', eligibility: { userIds: [h.observer.user.id] } });
    expect(observerVoter.text).toMatch(/observers do not vote/);
  });
});
