/**
 * The record of meetings over HTTP: scheduling and the agenda, the read-only
 * ended meeting, the minutes (template, lock, approval hash) and the decisions
 * read out of them. Minutes edits go through the document server, as a client's would.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentsDocName } from '../../shared/comments';
import { ACTION_ITEM_NODE, DECISION_NODE, MINUTES_FIELD, minutesFragment, minutesText } from '../../shared/meetings/minutes';
import type { z } from 'zod';
import type { AgendaItem, Decision, Meeting, MeetingDetail, MeetingSummary, MinutesInfo } from '../../shared/schemas/meetings';
import { FIRST_MEETING_TITLE, SECOND_MEETING_TITLE } from '../../server/seed/demo-meetings';
import { startTestServer, type TestServer } from '../helpers/server';
import { createHash } from 'node:crypto';

let server: TestServer;
const tokens = new Map<string, { token: string; userId: string }>();
const as = async (who: string) => {
  if (!tokens.has(who)) tokens.set(who, await server.login(`${who}@forum.demo`));
  return tokens.get(who)!;
};
/** Every field any meetings endpoint answers with, so that tests read them without casts. */
interface Body {
  meeting: z.infer<typeof MeetingDetail>;
  meetings: MeetingSummary[];
  agenda: AgendaItem[];
  item: AgendaItem;
  decisions: (Decision & { meetingId: string; meetingTitle: string })[];
  minutes: MinutesInfo;
  entries: { action: string }[];
  error: { code: string; message: string };
}
async function http(who: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: Body }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${(await as(who)).token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Body };
}
const create = async (agenda: unknown[] = []): Promise<Meeting> => {
  const res = await http('ministry', 'POST', '/api/meetings', { title: '기록 회의', startsAt: '2026-12-03T10:00:00+09:00', place: '세종', agenda });
  expect(res.status).toBe(201);
  return res.body.meeting;
};
const minutesOf = async (id: string) => {
  const { doc, fragment } = minutesFragment(await server.documents.state(`minutes:${id}`));
  const text = minutesText(fragment);
  doc.destroy();
  return text;
};
const user = async (who: string) => (await server.store.auth.userById((await as(who)).userId))!;

beforeAll(async () => {
  server = await startTestServer({ demo: true });
});
afterAll(() => server.close());

describe('meetings over HTTP', () => {
  it('seeds the demo meetings: one report per subcommittee by its chair, linked to its proposal', async () => {
    const { meetings } = (await http('observer', 'GET', '/api/meetings')).body as { meetings: MeetingSummary[] };
    const first = meetings.find((m) => m.title === FIRST_MEETING_TITLE)!;
    expect(first).toMatchObject({ status: 'scheduled', agendaItems: 7 });
    expect(meetings.find((m) => m.title === SECOND_MEETING_TITLE)!.startsAt > first.startsAt).toBe(true);
    const { meeting } = (await http('observer', 'GET', `/api/meetings/${first.id}`)).body;
    const investment = (meeting.agenda as AgendaItem[]).find((i) => i.title === '투자 분과 제안 보고')!;
    expect(investment.presenter).toMatchObject({ name: '박성호' });
    expect(investment.proposalId).not.toBeNull();
    expect(await minutesOf(first.id)).toContain('2. 투자 분과 제안 보고');
  });

  it('creates, edits, reorders and removes agenda items; only ministry may', async () => {
    const m = await create([{ title: 'A' }]);
    expect((await http('chair.investment', 'POST', '/api/meetings', { title: 'x', startsAt: '2026-12-03T10:00:00+09:00' })).status).toBe(403);
    expect((await http('chair.investment', 'POST', `/api/meetings/${m.id}/agenda`, { title: 'B' })).status).toBe(403);

    const b = await http('ministry', 'POST', `/api/meetings/${m.id}/agenda`, {
      title: 'B',
      plannedMinutes: 25,
      presenter: { userId: (await as('chair.workforce')).userId },
      proposalId: 'talent-bank',
    });
    expect(b.status).toBe(201);
    expect(b.body.item).toMatchObject({ title: 'B', plannedMinutes: 25, presenter: { name: '김은영' }, proposalId: 'talent-bank' });
    const c = await http('ministry', 'POST', `/api/meetings/${m.id}/agenda`, { title: 'C', presenter: { name: '외부 발표자' } });
    const [a, bId, cId] = (c.body.agenda as AgendaItem[]).map((i) => i.id);

    const edited = await http('ministry', 'PATCH', `/api/meetings/${m.id}/agenda/${cId}`, { title: 'C2', presenter: null });
    expect(edited.body.item).toMatchObject({ title: 'C2', presenter: null });
    const reordered = await http('ministry', 'PUT', `/api/meetings/${m.id}/agenda/order`, { itemIds: [cId, a, bId] });
    expect(reordered.body.agenda.map((i: AgendaItem) => i.title)).toEqual(['C2', 'A', 'B']);
    expect((await http('ministry', 'PUT', `/api/meetings/${m.id}/agenda/order`, { itemIds: [cId, a] })).status).toBe(400);
    const removed = await http('ministry', 'DELETE', `/api/meetings/${m.id}/agenda/${a}`);
    expect(removed.body.agenda.map((i: AgendaItem) => i.title)).toEqual(['C2', 'B']);
    expect((await http('ministry', 'PATCH', `/api/meetings/${m.id}`, { place: '서울', onlineLink: 'https://meet.example.kr/x' })).body.meeting).toMatchObject({ place: '서울' });
    expect((await http('ministry', 'PATCH', `/api/meetings/${m.id}`, { onlineLink: 'javascript:alert(1)' })).status).toBe(400);

    // Nobody has written in the minutes yet, so they follow the agenda.
    const text = await minutesOf(m.id);
    expect(text).toMatch(/1\. C2\n[\s\S]*2\. B\n발표: 김은영/);
    expect(text).toContain('장소: 서울');
    const audit = (await http('ministry', 'GET', `/api/audit?target=meeting:${m.id}`)).body.entries.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['meetings.create', 'meetings.agenda.add', 'meetings.agenda.update', 'meetings.agenda.reorder', 'meetings.agenda.remove', 'meetings.update']));
  });

  it('creates the minutes from the template, and keeps what a minute-taker wrote', async () => {
    const m = await create([{ title: '첫 안건', presenter: { name: '홍길동' } }]);
    const text = await minutesOf(m.id);
    expect(text.split('\n').slice(0, 4)).toEqual(['기록 회의 회의록', '일시: 2026년 12월 3일 (목) 10:00', '장소: 세종', '1. 첫 안건']);
    await server.documents.change(`minutes:${m.id}`, (doc) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('메모')]);
      doc.getXmlFragment(MINUTES_FIELD).push([p]);
    });
    await http('ministry', 'POST', `/api/meetings/${m.id}/agenda`, { title: '추가 안건' });
    const after = await minutesOf(m.id);
    expect(after).toContain('메모');
    expect(after).not.toContain('추가 안건');
  });

  it('refuses every change to an ended meeting', async () => {
    const m = await create([{ title: 'A' }]);
    expect((await http('ministry', 'POST', `/api/meetings/${m.id}/end`)).status).toBe(409);
    expect((await http('chair.investment', 'POST', `/api/meetings/${m.id}/start`)).status).toBe(403);
    expect((await http('ministry', 'POST', `/api/meetings/${m.id}/start`)).body.meeting).toMatchObject({ status: 'live' });
    const ended = (await http('ministry', 'POST', `/api/meetings/${m.id}/end`)).body.meeting;
    expect(ended).toMatchObject({ status: 'ended', currentItemId: null });
    expect(ended.endedAt).not.toBeNull();
    for (const [method, path, body] of [
      ['POST', `/api/meetings/${m.id}/agenda`, { title: 'late' }],
      ['PATCH', `/api/meetings/${m.id}/agenda/${m.agenda[0]!.id}`, { title: 'late' }],
      ['DELETE', `/api/meetings/${m.id}/agenda/${m.agenda[0]!.id}`, undefined],
      ['PUT', `/api/meetings/${m.id}/agenda/order`, { itemIds: [m.agenda[0]!.id] }],
      ['PATCH', `/api/meetings/${m.id}`, { title: 'late' }],
      ['POST', `/api/meetings/${m.id}/start`, undefined],
    ] as const) {
      const res = await http('ministry', method, path, body);
      expect(res.status, `${method} ${path}`).toBe(409);
      expect(res.body.error.message).toMatch(/ended|read-only/);
    }
  });

  it('extracts decisions and action items from the minutes, records them at the end, and lists them across meetings', async () => {
    const m = await create([{ title: '투자 안건' }]);
    await server.documents.change(`minutes:${m.id}`, (doc) => {
      const decision = new Y.XmlElement(DECISION_NODE);
      decision.insert(0, [new Y.XmlText('K-테마섹 설립 방안을 채택한다')]);
      const action = new Y.XmlElement(ACTION_ITEM_NODE);
      action.setAttribute('owner', '투자 분과');
      action.setAttribute('due', '2027-01-15');
      action.insert(0, [new Y.XmlText('세부 설계안 제출')]);
      doc.getXmlFragment(MINUTES_FIELD).push([decision, action]);
    });
    const { decisions } = (await http('observer', 'GET', `/api/meetings/${m.id}/decisions`)).body;
    expect(decisions).toEqual([
      { kind: 'decision', text: 'K-테마섹 설립 방안을 채택한다', id: null, owner: null, ownerId: null, due: null, section: '1. 투자 안건', position: 0 },
      { kind: 'actionItem', text: '세부 설계안 제출', id: null, owner: '투자 분과', ownerId: null, due: '2027-01-15', section: '1. 투자 안건', position: 1 },
    ]);
    await http('ministry', 'POST', `/api/meetings/${m.id}/start`);
    const live = (await http('observer', 'GET', '/api/decisions')).body.decisions;
    expect(live.filter((d: { meetingId: string }) => d.meetingId === m.id)).toHaveLength(2);
    await http('ministry', 'POST', `/api/meetings/${m.id}/end`);
    expect(await server.store.meetings.decisions(m.id)).toHaveLength(2);
    const recent = (await http('observer', 'GET', '/api/decisions?limit=50')).body.decisions;
    expect(recent.find((d: { meetingId: string; kind: string }) => d.meetingId === m.id && d.kind === 'actionItem')).toMatchObject({
      meetingTitle: '기록 회의',
      owner: '투자 분과',
    });
  });

  it('moves minutes through draft → circulated → approved, then locks them with a hash', async () => {
    const m = await create([{ title: 'A' }]);
    const name = `minutes:${m.id}`;
    expect(await server.kinds.access(await user('minutes'), name)).toBe('write');
    expect(await server.kinds.access(await user('chair.global'), name)).toBe('read');
    expect(await server.kinds.access(await user('observer'), name)).toBe('read');
    expect((await http('ministry', 'POST', `/api/meetings/${m.id}/minutes/status`, { to: 'circulated' })).status).toBe(409);

    await http('ministry', 'POST', `/api/meetings/${m.id}/start`);
    await http('ministry', 'POST', `/api/meetings/${m.id}/end`);
    expect((await http('ministry', 'POST', `/api/meetings/${m.id}/minutes/status`, { to: 'approved' })).status).toBe(409);
    expect((await http('chair.global', 'POST', `/api/meetings/${m.id}/minutes/status`, { to: 'circulated' })).status).toBe(403);
    expect((await http('ministry', 'POST', `/api/meetings/${m.id}/minutes/status`, { to: 'circulated' })).body.minutes.status).toBe('circulated');
    // Circulated: the text is what will be approved; participants comment, observers read.
    for (const who of ['ministry', 'minutes', 'chair.global']) {
      expect(await server.kinds.access(await user(who), name)).toBe('read');
      expect(await server.kinds.access(await user(who), commentsDocName(name))).toBe('write');
    }
    expect(await server.kinds.access(await user('observer'), name)).toBe('read');
    expect(await server.kinds.access(await user('observer'), commentsDocName(name))).toBe('read');

    const approved = await http('ministry', 'POST', `/api/meetings/${m.id}/minutes/status`, { to: 'approved' });
    expect(approved.status).toBe(200);
    const expected = createHash('sha256').update(await minutesOf(m.id)).digest('hex');
    expect(approved.body.minutes).toMatchObject({ status: 'approved', approvedBy: { name: '이정민' }, contentHash: expected });
    expect(approved.body.minutes.approvedAt).not.toBeNull();
    for (const who of ['ministry', 'minutes', 'chair.global']) expect(await server.kinds.access(await user(who), commentsDocName(name))).toBe('read');
    expect((await http('ministry', 'POST', `/api/meetings/${m.id}/minutes/status`, { to: 'draft' })).status).toBe(409);
    expect((await server.store.docs.listVersions(name)).map((v) => v.label)).toEqual(['확정 회의록', '회람본']);
    expect((await http('observer', 'GET', `/api/meetings/${m.id}`)).body.meeting.minutes).toMatchObject({ contentHash: expected });
  });

  it('answers unknown meetings with 404 and bad input with 400', async () => {
    expect((await http('observer', 'GET', '/api/meetings/nope')).status).toBe(404);
    expect((await http('ministry', 'POST', '/api/meetings', { title: '', startsAt: 'tomorrow' })).status).toBe(400);
    expect((await http('ministry', 'POST', '/api/meetings', { title: 'x', startsAt: '2026-12-03T10:00:00+09:00', chairId: 'ghost' })).status).toBe(400);
  });
});
