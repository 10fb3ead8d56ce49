import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minutesDocName, minutesText } from '../../shared/meetings/minutes';
import type { PollView } from '../../shared/schemas/polls';
import { runRedisUrl } from '../helpers/redis';
import { waitFor } from '../helpers/server';
import { ask, must, pollHarness, type PollHarness } from './polls-harness';

/** Polls wired to the real meetings domain: its rooms, its check-in, its minutes. */
describe.each([
  ['in memory', () => undefined],
  ['in Redis', () => runRedisUrl()],
])('polls in a real meeting %s', (_, redisUrl) => {
  let h: PollHarness;
  beforeAll(async () => {
    h = await pollHarness({ redisUrl: redisUrl(), realMeetings: true });
  });
  afterAll(() => h.close());

  it('takes ballots from checked-in participants only and writes the result into the minutes', async () => {
    const created = await h.http(h.ministry, 'POST', '/api/meetings', {
      title: '제1차 산업대전환 포럼 위원장 회의',
      startsAt: new Date().toISOString(),
    });
    expect(created.status).toBe(201);
    const meetingId = (created.json as { meeting: { id: string } }).meeting.id;
    const admin = h.client(h.ministry);
    await must(admin, 'meeting:join', { meetingId });
    const draft = await h.createPoll(h.ministry, meetingId, { title: '국가투자지주회사 (K-테마섹) 채택', resultsVisibility: 'live' });
    const early = await ask(admin, 'poll:open', { pollId: draft.id });
    expect(early.ok ? 'opened' : early.error.message).toMatch(/live/);
    await must(admin, 'meeting:start', { meetingId });

    const [present, absent] = h.chairs;
    const voter = h.client(present!);
    const late = h.client(absent!);
    for (const c of [voter, late]) await must(c, 'meeting:join', { meetingId });
    await must(voter, 'meeting:checkIn', { meetingId });
    await must(admin, 'poll:open', { pollId: draft.id });
    await waitFor(() => late.states.some((s) => s.id === draft.id && s.status === 'open'), 'the meeting room sees the poll open');

    const refused = await ask(late, 'poll:cast', { pollId: draft.id, choices: ['yes'] });
    expect(refused.ok ? 'cast' : refused.error.message).toMatch(/Check in/);
    await must(voter, 'poll:cast', { pollId: draft.id, choices: ['yes'] });
    await must(late, 'meeting:checkIn', { meetingId });
    await must(late, 'poll:cast', { pollId: draft.id, choices: ['no'] });

    const closed = await must<{ poll: PollView }>(admin, 'poll:close', { pollId: draft.id });
    expect(closed.poll.result).toMatchObject({ ballots: 2, counts: { yes: 1, no: 1 }, passed: false });
    await waitFor(() => late.results.length === 1, 'result in the meeting room');

    const minutes = new Y.Doc();
    Y.applyUpdate(minutes, await h.server.documents.state(minutesDocName(meetingId)));
    const text = minutes.getXmlFragment('default').toString();
    expect(text).toContain('제1차 산업대전환 포럼 위원장 회의 회의록'); // the template is still there
    expect(text).toContain('표결 결과: 국가투자지주회사 (K-테마섹) 채택 — 부결');
    const decisions = await h.http(h.ministry, 'GET', `/api/meetings/${meetingId}/decisions`);
    expect(JSON.stringify(decisions.json)).toContain('표결 결과: 국가투자지주회사 (K-테마섹) 채택 — 부결');
  });

  it('puts each result under its own agenda item, and writes who attended (with delegations) when the meeting ends', async () => {
    const created = await h.http(h.ministry, 'POST', '/api/meetings', {
      title: '제3차 산업대전환 포럼 위원장 회의',
      startsAt: new Date().toISOString(),
      place: '대한상공회의소',
      chairId: h.ministry.user.id,
      agenda: [{ title: '국가 산업인재은행' }, { title: '마더 팩토리 프로젝트' }, { title: '기타 안건' }],
    });
    const meeting = (created.json as { meeting: { id: string; agenda: { id: string }[] } }).meeting;
    const admin = h.client(h.ministry);
    await must(admin, 'meeting:join', { meetingId: meeting.id });
    await must(admin, 'meeting:start', { meetingId: meeting.id });
    const [present, away] = h.chairs;
    const voter = h.client(present!);
    await must(voter, 'meeting:join', { meetingId: meeting.id });
    await must(voter, 'meeting:checkIn', { meetingId: meeting.id });
    const granted = await h.http(away!, 'POST', `/api/meetings/${meeting.id}/delegations`, { toUserId: present!.user.id });
    expect(granted.status).toBe(201);
    const poll = await h.createPoll(h.ministry, meeting.id, { title: '인재은행 채택', agendaItemId: meeting.agenda[0]!.id });
    await must(admin, 'poll:open', { pollId: poll.id });
    await must(voter, 'poll:cast', { pollId: poll.id, choices: ['yes'] });
    await must(admin, 'poll:close', { pollId: poll.id });
    await must(admin, 'meeting:end', { meetingId: meeting.id });

    const decisions = (await h.http(h.ministry, 'GET', `/api/meetings/${meeting.id}/decisions`)).json as { decisions: { text: string; section: string }[] };
    // Under its own item, not at the end of the minutes (under the last item).
    expect(decisions.decisions.find((d) => d.text.startsWith('표결 결과: 인재은행 채택'))?.section).toBe('1. 국가 산업인재은행');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await h.server.documents.state(minutesDocName(meeting.id)));
    const text = minutesText(doc.getXmlFragment('default'));
    const at = (s: string) => text.indexOf(s);
    expect(at('표결 결과: 인재은행 채택')).toBeGreaterThan(at('1. 국가 산업인재은행'));
    expect(at('표결 결과: 인재은행 채택')).toBeLessThan(at('2. 마더 팩토리 프로젝트'));
    const names = (p: { user: { name: string } }) => p.user.name;
    expect(text).toContain(`주재: ${names(h.ministry)} (산업통상자원부)`);
    expect(text).toMatch(new RegExp(`참석자 \\(출석 확인 1명\\): .*${names(present!)} \\(투자 분과위원장\\)`));
    expect(text).toContain(`표결 위임: ${names(away!)} (인력 분과위원장) → ${names(present!)} (투자 분과위원장)`);
    // Before the first agenda item, after the header.
    expect(at('참석자')).toBeLessThan(at('1. 국가 산업인재은행'));
    expect(at('참석자')).toBeGreaterThan(at('장소: 대한상공회의소'));
  });

  it('closes open polls when the meeting ends, with every ballot cast so far', async () => {
    const created = await h.http(h.ministry, 'POST', '/api/meetings', { title: '제2차 회의', startsAt: new Date().toISOString() });
    const meetingId = (created.json as { meeting: { id: string } }).meeting.id;
    const admin = h.client(h.ministry);
    await must(admin, 'meeting:join', { meetingId });
    await must(admin, 'meeting:start', { meetingId });
    const voter = h.client(h.chairs[0]!);
    await must(voter, 'meeting:join', { meetingId });
    await must(voter, 'meeting:checkIn', { meetingId });
    const poll = await h.createPoll(h.ministry, meetingId, { title: '신시장 개척 안건', resultsVisibility: 'live' });
    await must(admin, 'poll:open', { pollId: poll.id });
    await must(voter, 'poll:cast', { pollId: poll.id, choices: ['yes'] });
    await must(admin, 'meeting:end', { meetingId });
    const after = await h.http(h.ministry, 'GET', `/api/polls/${poll.id}`);
    expect(after.json).toMatchObject({ poll: { status: 'closed', result: { ballots: 1, counts: { yes: 1 } } } });
    const decisions = await h.http(h.ministry, 'GET', `/api/meetings/${meetingId}/decisions`);
    expect(JSON.stringify(decisions.json)).toContain('표결 결과: 신시장 개척 안건');
  });
});
