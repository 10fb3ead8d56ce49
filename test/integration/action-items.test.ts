/**
 * Action items ("후속 조치") against a real server: a minute-taker assigns one to a person
 * (or to an outsider by name) with a due date, written into the minutes; the owner is told
 * and finds it under "my action items"; the owner, ministry staff and minute-takers mark it
 * done (others may not), approved minutes too, without touching their seal; past its due
 * date it is overdue and its owner is reminded once; exports show owner, due date and done.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seoulToday } from '../../shared/domain';
import { ACTION_ITEM_NODE, MINUTES_FIELD, minutesFragment } from '../../shared/meetings/minutes';
import type { ActionItem } from '../../shared/schemas/action-items';
import type { Meeting } from '../../shared/schemas/meetings';
import type { Notification } from '../../shared/schemas/notifications';
import { TestClock } from '../helpers/clock';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';

const DAY = 86_400_000;

describe('action items', () => {
  let server: TestServer;
  const clock = new TestClock();
  const tokens = new Map<string, { token: string; userId: string }>();
  const as = async (who: string) => {
    if (!tokens.has(who)) tokens.set(who, await server.login(`${who}@forum.demo`));
    return tokens.get(who)!;
  };
  const http = async (who: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${(await as(who)).token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: (text.startsWith('{') ? JSON.parse(text) : text) as Record<string, unknown>, text };
  };
  const mine = async (who: string) => ((await http(who, 'GET', '/api/action-items/mine')).json as { items: ActionItem[] }).items;
  const notifications = async (who: string) => ((await http(who, 'GET', '/api/notifications')).json as { notifications: Notification[] }).notifications;
  const day = (offsetDays: number) => seoulToday(new Date(clock.now() + offsetDays * DAY));

  const schedule = async (title: string): Promise<Meeting> => {
    const res = await http('ministry', 'POST', '/api/meetings', { title, startsAt: '2026-12-03T10:00:00+09:00', agenda: [{ title: '인재은행' }] });
    expect(res.status).toBe(201);
    return (res.json as { meeting: Meeting }).meeting;
  };
  /** Writes action items into the minutes as the editor does: a block with its own id. */
  const writeItems = (meetingId: string, items: { id: string; text: string }[]) =>
    server.documents.change(`minutes:${meetingId}`, (doc) => {
      const blocks = items.map(({ id, text }) => {
        const el = new Y.XmlElement(ACTION_ITEM_NODE);
        el.setAttribute('id', id);
        el.insert(0, [new Y.XmlText(text)]);
        return el;
      });
      doc.getXmlFragment(MINUTES_FIELD).push(blocks);
    });
  const attributesIn = async (meetingId: string, id: string) => {
    const { doc, fragment } = minutesFragment(await server.documents.state(`minutes:${meetingId}`));
    const el = fragment.toArray().find((n) => n instanceof Y.XmlElement && n.getAttribute('id') === id) as Y.XmlElement;
    const attrs = el.getAttributes();
    doc.destroy();
    return attrs;
  };

  beforeAll(async () => {
    server = await startTestServer({ demo: true, clock, env: { ACTION_ITEM_CHECK_MS: '50', SESSION_TTL_HOURS: '720' } });
  });
  afterAll(() => server.close());

  it('assigns an item to a person in the minutes, tells them, and lists it under their action items', async () => {
    const m = await schedule('후속 조치 배정 회의');
    await writeItems(m.id, [{ id: 'talent-bank', text: '인재은행 운영 방안 보고' }]);
    const chair = await as('chair.workforce');
    const due = day(7);

    const assigned = await http('minutes', 'PUT', `/api/meetings/${m.id}/action-items/talent-bank`, { owner: { userId: chair.userId }, due });
    expect(assigned.status).toBe(200);
    expect(assigned.json.item).toMatchObject({ id: 'talent-bank', owner: '김은영', ownerId: chair.userId, due, done: null, overdue: false });
    // In the minutes themselves, where the editor shows them.
    expect(await attributesIn(m.id, 'talent-bank')).toMatchObject({ owner: '김은영', ownerId: chair.userId, due });

    const told = (await notifications('chair.workforce')).find((n) => n.kind === 'action_item' && n.link === `/meetings/${m.id}`);
    expect(told?.title.ko).toContain('인재은행 운영 방안 보고');
    expect(told?.title.ko).toContain(due);
    expect(await mine('chair.workforce')).toEqual([
      expect.objectContaining({ meetingId: m.id, meetingTitle: '후속 조치 배정 회의', id: 'talent-bank', text: '인재은행 운영 방안 보고', section: '1. 인재은행' }),
    ]);
    expect((await mine('chair.global')).some((i) => i.meetingId === m.id)).toBe(false);

    // Assigning it again to the same person tells nobody twice; the minute-taker who acted is never told.
    await http('minutes', 'PUT', `/api/meetings/${m.id}/action-items/talent-bank`, { owner: { userId: chair.userId }, due: day(8) });
    expect((await notifications('chair.workforce')).filter((n) => n.kind === 'action_item' && n.link === `/meetings/${m.id}`)).toHaveLength(1);

    const audit = (await http('ministry', 'GET', '/api/audit?action=meetings.action_item.assign')).json as { entries: { details: Record<string, unknown> }[] };
    expect(audit.entries[0]?.details).toMatchObject({ itemId: 'talent-bank', ownerId: chair.userId });
  });

  it('takes a name for someone outside the forum, and refuses what it cannot store', async () => {
    const m = await schedule('외부 담당 회의');
    await writeItems(m.id, [{ id: 'outside', text: '외부 자문 의견서' }]);
    const named = await http('ministry', 'PUT', `/api/meetings/${m.id}/action-items/outside`, { owner: { name: '한국산업연구원 김연구' }, due: null });
    expect(named.status).toBe(200);
    expect(named.json.item).toMatchObject({ owner: '한국산업연구원 김연구', ownerId: null, due: null });

    const refusals: [string, unknown, number][] = [
      ['observer', { owner: { name: '누구' }, due: null }, 403],
      ['chair.investment', { owner: { name: '누구' }, due: null }, 403],
      ['minutes', { owner: { userId: 'no-such-user' }, due: null }, 400],
      ['minutes', { owner: { name: '  ' }, due: null }, 400],
      ['minutes', { owner: null, due: '12월 15일' }, 400],
      ['minutes', { owner: { userId: 'x', name: 'y' }, due: null }, 400],
    ];
    for (const [who, body, status] of refusals) {
      const res = await http(who, 'PUT', `/api/meetings/${m.id}/action-items/outside`, body);
      expect(res.status, `${who} ${JSON.stringify(body)}`).toBe(status);
    }
    expect(await attributesIn(m.id, 'outside')).toEqual({ id: 'outside', owner: '한국산업연구원 김연구' });
    expect((await http('minutes', 'PUT', `/api/meetings/${m.id}/action-items/nope`, { owner: null, due: null })).status).toBe(404);
  });

  it('lets the owner, ministry staff and minute-takers mark it done, nobody else; approved minutes too, seal untouched', async () => {
    const m = await schedule('완료 표시 회의');
    await writeItems(m.id, [{ id: 'report', text: '세액공제 확대안 보고' }]);
    const owner = await as('chair.productivity');
    await http('ministry', 'PUT', `/api/meetings/${m.id}/action-items/report`, { owner: { userId: owner.userId }, due: day(3) });
    const done = (who: string, value: boolean) => http(who, 'POST', `/api/meetings/${m.id}/action-items/report/done`, { done: value });

    for (const who of ['chair.investment', 'observer']) expect((await done(who, true)).status, who).toBe(403);
    expect((await mine('chair.productivity'))[0]?.done).toBeNull();

    const marked = await done('chair.productivity', true);
    expect(marked.status).toBe(200);
    expect(marked.json.item).toMatchObject({ done: { by: { id: owner.userId, name: '최민수' } }, overdue: false });
    expect((await done('minutes', false)).json.item).toMatchObject({ done: null });
    expect((await done('ministry', true)).json.item).toMatchObject({ done: { by: { name: '이정민' } } });
    expect((await http('ministry', 'POST', `/api/meetings/${m.id}/action-items/report/done`, { done: 'yes' })).status).toBe(400);

    // Approved: the text is sealed, the work goes on.
    await http('ministry', 'POST', `/api/meetings/${m.id}/start`);
    await http('ministry', 'POST', `/api/meetings/${m.id}/end`);
    await http('ministry', 'POST', `/api/meetings/${m.id}/minutes/status`, { to: 'circulated' });
    const approved = await http('ministry', 'POST', `/api/meetings/${m.id}/minutes/status`, { to: 'approved' });
    const hash = (approved.json as { minutes: { contentHash: string } }).minutes.contentHash;
    expect((await done('chair.productivity', false)).status).toBe(200);
    expect((await done('chair.productivity', true)).status).toBe(200);
    // Still the owner's, found through the record of the approved minutes (the owner index).
    expect((await mine('chair.productivity')).filter((i) => i.meetingId === m.id).map((i) => [i.id, i.done !== null])).toEqual([['report', true]]);
    // Owner and due date are part of the sealed text: no longer assignable.
    expect((await http('ministry', 'PUT', `/api/meetings/${m.id}/action-items/report`, { owner: null, due: null })).status).toBe(403);
    const after = await http('ministry', 'GET', `/api/meetings/${m.id}`);
    expect((after.json as { meeting: { minutes: { contentHash: string } } }).meeting.minutes.contentHash).toBe(hash);
    const sealed = await http('ministry', 'GET', `/api/exports/minutes/${m.id}.txt`);
    expect(sealed.text).not.toContain('완료:');

    // Every export says who owns it, by when, and that it is done.
    const md = await http('ministry', 'GET', `/api/exports/minutes/${m.id}.md`);
    expect(md.status).toBe(200);
    expect(md.text).toContain(`- [x] **후속 조치** 세액공제 확대안 보고 (담당: 최민수, 기한: ${day(3)}, 완료: ${day(0)} (최민수))`);
  });

  it('marks an item past its due date overdue, puts it on top, and reminds its owner once', async () => {
    const m = await schedule('기한 확인 회의');
    await writeItems(m.id, [
      { id: 'late', text: '규제 영향 평가 초안' },
      { id: 'later', text: '공청회 일정 확정' },
    ]);
    const owner = await as('chair.ecosystem');
    await http('minutes', 'PUT', `/api/meetings/${m.id}/action-items/later`, { owner: { userId: owner.userId }, due: day(30) });
    await http('minutes', 'PUT', `/api/meetings/${m.id}/action-items/late`, { owner: { userId: owner.userId }, due: day(1) });
    expect((await mine('chair.ecosystem')).map((i) => [i.id, i.overdue])).toEqual([
      ['late', false],
      ['later', false],
    ]);
    expect(await server.actionItems.service.remindOverdue()).toBe(0);

    clock.advance(2 * DAY);
    expect((await mine('chair.ecosystem')).map((i) => [i.id, i.overdue])).toEqual([
      ['late', true],
      ['later', false],
    ]);
    // The server's own round (every 50 ms here) reminds the owner; a further round does not repeat it.
    const reminded = await waitFor(
      async () => (await notifications('chair.ecosystem')).find((n) => n.kind === 'action_item_overdue' && n.link === `/meetings/${m.id}`),
      'the overdue reminder',
    );
    expect(reminded.title.ko).toContain('규제 영향 평가 초안');
    expect(await server.actionItems.service.remindOverdue()).toBe(0);
    expect((await notifications('chair.ecosystem')).filter((n) => n.kind === 'action_item_overdue')).toHaveLength(1);

    // Done is no longer overdue.
    await http('chair.ecosystem', 'POST', `/api/meetings/${m.id}/action-items/late/done`, { done: true });
    expect((await mine('chair.ecosystem')).map((i) => [i.id, i.overdue, i.done !== null])).toEqual([
      ['later', false, false],
      ['late', false, true],
    ]);
  });
});
