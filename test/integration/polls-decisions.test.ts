import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { minutesDocName } from '../../shared/meetings/minutes';
import type { PollResult, PollView } from '../../shared/schemas/polls';
import type { ProposalDetail } from '../../shared/schemas/proposals';
import type { z } from 'zod';
import { waitFor } from '../helpers/server';
import { ask, must, pollHarness, type Person, type PollHarness } from './polls-harness';

type Detail = z.infer<typeof ProposalDetail>;

/** Issue 14: a vote decides only what it says it decides, and only by the workflow's rules. */
describe('what a poll decides', () => {
  let h: PollHarness;
  beforeAll(async () => {
    h = await pollHarness({ realMeetings: true });
  });
  afterAll(() => h.close());
  afterEach(() => {
    for (const c of h.clients.splice(0)) c.disconnect();
  });

  /** A proposal of `subcommittee`, moved to `status` by ministry staff. */
  async function proposal(title: string, status: 'draft' | 'submitted' | 'under_discussion' = 'under_discussion', subcommittee = 'workforce') {
    const created = await h.http(h.ministry, 'POST', '/api/proposals', { title, subcommittee });
    expect(created.status).toBe(201);
    const id = (created.json as { proposal: Detail }).proposal.id;
    for (const to of ['submitted', 'under_discussion'] as const) {
      if (status === 'draft' || (status === 'submitted' && to === 'under_discussion')) break;
      expect((await h.http(h.ministry, 'POST', `/api/proposals/${id}/status`, { to })).status).toBe(200);
    }
    return id;
  }

  async function detail(id: string): Promise<Detail> {
    return ((await h.http(h.ministry, 'GET', `/api/proposals/${id}`)).json as { proposal: Detail }).proposal;
  }

  /** A live meeting whose agenda puts `proposalIds` up for discussion (chaired by `chair`). */
  async function liveMeeting(proposalIds: string[], chair: Person | null = null) {
    const created = await h.http(h.ministry, 'POST', '/api/meetings', {
      title: '제1차 산업대전환 포럼 위원장 회의',
      startsAt: new Date().toISOString(),
      agenda: proposalIds.map((proposalId, i) => ({ title: `안건 ${i + 1}`, proposalId })),
      ...(chair ? { chairId: chair.user.id } : {}),
    });
    expect(created.status, created.text).toBe(201);
    const meeting = (created.json as { meeting: { id: string; agenda: { id: string }[] } }).meeting;
    expect((await h.http(h.ministry, 'POST', `/api/meetings/${meeting.id}/start`)).status).toBe(200);
    return meeting;
  }

  /** Opens the poll, casts `votes` (one per chair, in order) and closes it as `closer`. */
  async function vote(poll: PollView, votes: string[], closer: Person = h.ministry) {
    const admin = h.client(closer);
    await must(admin, 'poll:open', { pollId: poll.id });
    for (const [i, choice] of votes.entries()) await must(h.client(h.chairs[i]!), 'poll:cast', { pollId: poll.id, choices: [choice] });
    return (await must<{ poll: PollView }>(admin, 'poll:close', { pollId: poll.id })).poll;
  }

  async function minutesOf(meetingId: string): Promise<string> {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await h.server.documents.state(minutesDocName(meetingId)));
    return doc.getXmlFragment('default').toString();
  }

  it('a procedural poll changes nothing but the minutes, even on an agenda item with a proposal', async () => {
    const id = await proposal('국가 산업인재은행');
    const meeting = await liveMeeting([id]);
    // "10분간 정회할까요?" on the item of the proposal, without choosing the proposal.
    const poll = await h.createPoll(h.ministry, meeting.id, { title: '10분간 정회할까요?', agendaItemId: meeting.agenda[0]!.id, requirePresence: false });
    expect(poll).toMatchObject({ proposalId: null, proposalTitle: null });
    const closed = await vote(poll, ['no', 'no', 'no', 'no']);
    expect(closed.result).toMatchObject({ passed: false });
    expect(closed.result!.decision).toBeUndefined();
    expect((await detail(id)).status).toBe('under_discussion');
    await waitFor(async () => (await minutesOf(meeting.id)).includes('표결 결과: 10분간 정회할까요? — 부결'), 'the result in the minutes');
  });

  it('the default quorum is a majority of the eligible voters, and it can be set', async () => {
    const meeting = await liveMeeting([]);
    const byDefault = await h.createPoll(h.ministry, meeting.id, { title: '기본 정족수' });
    expect(byDefault).toMatchObject({ eligibleCount: 6, quorum: 4 });
    const set = await h.createPoll(h.ministry, meeting.id, { title: '정한 정족수', quorum: 2 });
    expect(set.quorum).toBe(2);
  });

  it('a decisive poll names its proposal, moves it in the close, and the history names the poll and who closed it', async () => {
    const id = await proposal('우수인재 레드카펫 프로젝트');
    const meeting = await liveMeeting([id]);
    const poll = await h.createPoll(h.ministry, meeting.id, { title: '레드카펫 프로젝트 채택', proposalId: id, requirePresence: false });
    expect(poll).toMatchObject({ proposalId: id, proposalTitle: '우수인재 레드카펫 프로젝트' });
    const watcher = h.client(h.observer);
    await must(watcher, 'poll:watch', { meetingId: meeting.id });
    const closed = await vote(poll, ['yes', 'yes', 'yes', 'no']);
    expect(closed.result!.decision).toMatchObject({ proposalId: id, moved: 'adopted', blocked: null, decidedBy: { id: h.ministry.user.id } });

    const after = await detail(id);
    expect(after.status).toBe('adopted');
    const last = after.history.at(-1)!;
    expect(last).toMatchObject({ to: 'adopted', actorId: h.ministry.user.id, actorName: h.ministry.user.name });
    expect(last.note).toContain('레드카펫 프로젝트 채택');
    expect(last.note).toContain(h.ministry.user.name);
    await waitFor(() => watcher.results.length === 1, 'the result in the room');
    expect(watcher.results[0]!.decision).toMatchObject({ moved: 'adopted' });
    await waitFor(async () => (await minutesOf(meeting.id)).includes('이 표결 결과에 따라 ‘우수인재 레드카펫 프로젝트’가 채택되었습니다.'), 'the effect in the minutes');
  });

  it('a result that cannot move its proposal says why to everyone in the room and in the minutes', async () => {
    const id = await proposal('미래 성장동력 발굴·사업화');
    const meeting = await liveMeeting([id]);
    const poll = await h.createPoll(h.ministry, meeting.id, { title: '성장동력 채택', proposalId: id, requirePresence: false });
    const watcher = h.client(h.observer);
    await must(watcher, 'poll:watch', { meetingId: meeting.id });
    // One "no" of six: the quorum (4) is not met, so the proposal must not be rejected.
    const closed = await vote(poll, ['no']);
    expect(closed.result).toMatchObject({ quorumMet: false, passed: false });
    expect(closed.result!.decision).toMatchObject({ moved: null, blocked: 'quorum_not_met' });
    expect((await detail(id)).status).toBe('under_discussion');
    await waitFor(() => watcher.results.length === 1, 'the result in the room');
    expect((watcher.results[0] as PollResult).decision).toMatchObject({ blocked: 'quorum_not_met' });
    await waitFor(async () => (await minutesOf(meeting.id)).includes('이 표결 결과는 ‘미래 성장동력 발굴·사업화’에 반영되지 않았습니다'), 'the reason in the minutes');

    // Withdrawn while the vote ran: the close records that, and moves nothing.
    const second = await h.createPoll(h.ministry, meeting.id, { title: '성장동력 재표결', proposalId: id, requirePresence: false });
    await must(h.client(h.ministry), 'poll:open', { pollId: second.id });
    expect((await h.http(h.ministry, 'POST', `/api/proposals/${id}/status`, { to: 'withdrawn' })).status).toBe(200);
    for (const chair of h.chairs.slice(0, 4)) await must(h.client(chair), 'poll:cast', { pollId: second.id, choices: ['no'] });
    const late = await must<{ poll: PollView }>(h.client(h.ministry), 'poll:close', { pollId: second.id });
    expect(late.poll.result!.decision).toMatchObject({ moved: null, blocked: 'not_under_discussion', statusBefore: 'withdrawn' });
    expect((await detail(id)).status).toBe('withdrawn');
  });

  it("a meeting's chairperson cannot decide a proposal through a poll: not create, not close, not another subcommittee's", async () => {
    const [investmentChair] = h.chairs; // chair of investment; the proposal is workforce's
    const id = await proposal('교육 규제 개혁, 기업 참여 확대');
    const meeting = await liveMeeting([id], investmentChair!);
    const refused = await h.http(investmentChair!, 'POST', `/api/meetings/${meeting.id}/polls`, { title: '교육 규제 개혁 채택', proposalId: id, requirePresence: false });
    expect(refused.status).toBe(403);
    expect((refused.json as { error: { message: string } }).error.message).toMatch(/ministry staff/);
    // A procedural vote is the chair's to run.
    const procedural = await h.createPoll(investmentChair!, meeting.id, { title: '10분간 정회할까요?', requirePresence: false });
    expect(procedural.proposalId).toBeNull();

    // Prepared by ministry staff, the decisive vote is closed by them too, never by the meeting's chair.
    const decisive = await h.createPoll(h.ministry, meeting.id, { title: '교육 규제 개혁 채택', proposalId: id, requirePresence: false });
    await must(h.client(h.ministry), 'poll:open', { pollId: decisive.id });
    await must(h.client(investmentChair!), 'poll:cast', { pollId: decisive.id, choices: ['no'] });
    const close = await ask(h.client(investmentChair!), 'poll:close', { pollId: decisive.id });
    expect(close.ok ? 'closed' : close.error.code).toBe('forbidden');
    expect((await h.get(h.ministry, decisive.id)).poll.status).toBe('open');
    expect((await detail(id)).status).toBe('under_discussion');
  });

  it('a linked proposal must exist, be on the agenda and be under discussion', async () => {
    const onAgenda = await proposal('정부출연연구기관의 기업 지원 강화', 'submitted');
    const elsewhere = await proposal('초격차 핵심 기술 발굴·지원');
    const meeting = await liveMeeting([onAgenda]);
    const create = (proposalId: string) => h.http(h.ministry, 'POST', `/api/meetings/${meeting.id}/polls`, { title: '채택 표결', proposalId });
    const missing = await create('no-such-proposal');
    expect(missing.status).toBe(400);
    expect(missing.text).toMatch(/proposalId: there is no proposal/);
    const notOnAgenda = await create(elsewhere);
    expect(notOnAgenda.status).toBe(400);
    expect(notOnAgenda.text).toMatch(/not on this meeting's agenda/);
    const notDiscussed = await create(onAgenda);
    expect(notDiscussed.status).toBe(409);
    expect(notDiscussed.text).toMatch(/under discussion/);
    const choice = await h.http(h.ministry, 'POST', `/api/meetings/${meeting.id}/polls`, { title: '채택 표결', proposalId: onAgenda, kind: 'single', options: ['가', '나'] });
    expect(choice.status).toBe(400);
    expect(choice.text).toMatch(/yes\/no\/abstain/);
  });

  it("a meeting's chair is ministry staff or a chairperson, never an observer", async () => {
    const create = await h.http(h.ministry, 'POST', '/api/meetings', { title: '참관인 주재 회의', startsAt: new Date().toISOString(), chairId: h.observer.user.id });
    expect(create.status).toBe(400);
    expect(create.text).toMatch(/chairId: .* must be ministry staff or a chairperson/);
    const meeting = await liveMeeting([]);
    const update = await h.http(h.ministry, 'PATCH', `/api/meetings/${meeting.id}`, { chairId: h.staff.user.id });
    expect(update.status).toBe(400);
    expect((await h.http(h.ministry, 'PATCH', `/api/meetings/${meeting.id}`, { chairId: h.chairs[1]!.user.id })).status).toBe(200);
  });

  it('ministry staff reopen a rejected proposal to draft, with the reason in its history', async () => {
    const id = await proposal('대중 협력 고도화');
    const meeting = await liveMeeting([id]);
    const poll = await h.createPoll(h.ministry, meeting.id, { title: '대중 협력 고도화 채택', proposalId: id, requirePresence: false });
    const closed = await vote(poll, ['no', 'no', 'no', 'yes']);
    expect(closed.result!.decision).toMatchObject({ moved: 'rejected' });
    expect((await detail(id)).status).toBe('rejected');
    expect((await detail(id)).nextStatuses).toEqual(['draft']);

    const chair = await h.http(h.chairs[1]!, 'POST', `/api/proposals/${id}/status`, { to: 'draft', note: '재검토' });
    expect(chair.status).toBe(403);
    const noReason = await h.http(h.ministry, 'POST', `/api/proposals/${id}/status`, { to: 'draft' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toMatch(/note: give the reason/);
    const reason = '표결 당시 정족수 설정 오류로 재상정';
    const reopened = await h.http(h.ministry, 'POST', `/api/proposals/${id}/status`, { to: 'draft', note: reason });
    expect(reopened.status).toBe(200);
    const after = await detail(id);
    expect(after.status).toBe('draft');
    expect(after.history.slice(-2)).toMatchObject([
      { from: 'under_discussion', to: 'rejected', actorName: h.ministry.user.name },
      { from: 'rejected', to: 'draft', note: reason, actorName: h.ministry.user.name },
    ]);
  });

  it('text a record can trust: refused with the field named, nothing stored; stored NFC', async () => {
    const meeting = await liveMeeting([]);
    const create = (body: object) => h.http(h.ministry, 'POST', `/api/meetings/${meeting.id}/polls`, body);
    const cases: [object, RegExp][] = [
      [{ title: '\u202E채택 안 함' }, /title: must not contain bidirectional override characters \(U\+202E\)/],
      [{ title: '\u200B\u3164' }, /title: must not be empty/],
      [{ title: '정회\n할까요?' }, /title: must be one line/],
      [{ title: '어느 안?', kind: 'single', options: ['가안', ' 가안'] }, /options: options must be different/],
      [{ title: '어느 안?', kind: 'single', options: ['가안', '나\u0007안'] }, /options\.1: must not contain control characters/],
    ];
    for (const [body, message] of cases) {
      const res = await create(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.text).toMatch(message);
    }
    expect(((await h.http(h.ministry, 'GET', `/api/meetings/${meeting.id}/polls`)).json as { polls: unknown[] }).polls).toEqual([]);
    const stored = await h.createPoll(h.ministry, meeting.id, { title: ' \u1112\u1161\u11AB국 산업 ', kind: 'single', options: ['\u1100\u1161안', '나안'] });
    expect(stored.title).toBe('한국 산업');
    expect(stored.options.map((o) => o.label)).toEqual(['가안', '나안']);
    const proposal = await h.http(h.ministry, 'POST', '/api/proposals', { title: '제목\u2028둘째 줄', subcommittee: 'workforce' });
    expect(proposal.status).toBe(400);
    expect(proposal.text).toMatch(/title: must be one line/);
  });
});
