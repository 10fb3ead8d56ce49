/**
 * Calendars against a real server: a meeting's invitation file and each person's private
 * feed, parsed with a real iCalendar parser. A moved meeting keeps its UID with a higher
 * SEQUENCE; a revoked or replaced link is not found.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Meeting } from '../../shared/schemas/meetings';
import { parseIcs } from '../helpers/ics';
import { startTestServer, type TestServer } from '../helpers/server';

describe('calendars', () => {
  let server: TestServer;
  const tokens = new Map<string, { token: string; userId: string }>();
  const as = async (who: string) => {
    if (!tokens.has(who)) tokens.set(who, await server.login(`${who}@forum.demo`));
    return tokens.get(who)!;
  };
  const http = async (who: string | null, method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (who) headers.authorization = `Bearer ${(await as(who)).token}`;
    return fetch(`${server.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  };
  const schedule = async (fields: Record<string, unknown> = {}): Promise<Meeting> => {
    const res = await http('ministry', 'POST', '/api/meetings', {
      title: '투자 소위원회 정례회의',
      startsAt: '2026-12-20T05:00:00.000Z', // 14:00 in Seoul
      place: '정부세종청사 13동 대회의실',
      onlineLink: 'https://meet.example.kr/forum-12',
      agenda: [{ title: '세제 지원 방안', plannedMinutes: 30 }, { title: '규제 특례 검토', plannedMinutes: 45 }],
      ...fields,
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { meeting: Meeting }).meeting;
  };
  const ics = async (who: string | null, path: string) => {
    const res = await http(who, 'GET', path);
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  };

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
  });
  afterAll(() => server.close());

  it('gives a meeting as an invitation in Asia/Seoul with place, link and agenda', async () => {
    const m = await schedule();
    const file = await ics('chair.investment', `/api/meetings/${m.id}.ics`);
    expect(file.status).toBe(200);
    expect(file.type).toMatch(/^text\/calendar/);
    const cal = parseIcs(file.text);
    expect(cal.method).toBe('REQUEST');
    expect(cal.timezones).toEqual(['Asia/Seoul']);
    expect(cal.events).toHaveLength(1);
    const event = cal.events[0]!;
    expect(event.summary).toBe('투자 소위원회 정례회의');
    expect(event.tzid).toBe('Asia/Seoul');
    expect(event.localStart).toBe('2026-12-20T14:00:00');
    expect(event.start.toISOString()).toBe('2026-12-20T05:00:00.000Z');
    expect(event.location).toContain('정부세종청사 13동 대회의실');
    expect(event.location).toContain('https://meet.example.kr/forum-12');
    expect(event.description).toContain('1. 세제 지원 방안 (30분)');
    expect(event.description).toContain('2. 규제 특례 검토 (45분)');
    expect(event.description).toContain(`${server.url}/meetings/${m.id}`);
    expect(event.url).toBe(`${server.url}/meetings/${m.id}`);
    expect(event.sequence).toBe(0);
    expect(event.organizer).toMatch(/^mailto:/i);
    expect(event.attendees.map((a) => a.toLowerCase())).toEqual(['mailto:chair.investment@forum.demo']);
  });

  it('keeps the UID and raises the SEQUENCE when the meeting moves, and only then', async () => {
    const m = await schedule();
    const before = parseIcs((await ics('ministry', `/api/meetings/${m.id}.ics`)).text).events[0]!;

    const moved = await http('ministry', 'PATCH', `/api/meetings/${m.id}`, { startsAt: '2026-12-21T06:30:00.000Z' });
    expect(moved.status).toBe(200);
    const after = parseIcs((await ics('ministry', `/api/meetings/${m.id}.ics`)).text).events[0]!;
    expect(after.uid).toBe(before.uid);
    expect(after.sequence).toBeGreaterThan(before.sequence);
    expect(after.localStart).toBe('2026-12-21T15:30:00');

    // A new chair is not a move: calendars need not replace the entry.
    const chair = await as('chair.workforce');
    expect((await http('ministry', 'PATCH', `/api/meetings/${m.id}`, { chairId: chair.userId })).status).toBe(200);
    expect(parseIcs((await ics('ministry', `/api/meetings/${m.id}.ics`)).text).events[0]!.sequence).toBe(after.sequence);

    // The place moving counts too.
    expect((await http('ministry', 'PATCH', `/api/meetings/${m.id}`, { place: '서울 무역센터' })).status).toBe(200);
    expect(parseIcs((await ics('ministry', `/api/meetings/${m.id}.ics`)).text).events[0]!.sequence).toBe(after.sequence + 1);
  });

  it('answers only a signed-in reader, and not found for an unknown meeting', async () => {
    const m = await schedule();
    expect((await ics(null, `/api/meetings/${m.id}.ics`)).status).toBe(401);
    expect((await ics('observer', '/api/meetings/no-such-meeting.ics')).status).toBe(404);
  });

  it("lists a person's meetings on their private link, until it is replaced or revoked", async () => {
    const m = await schedule({ title: '구독 확인 회의' });
    const made = await http('chair.global', 'POST', '/api/calendar/subscription');
    expect(made.status).toBe(200);
    const { subscription } = (await made.json()) as { subscription: { url: string; createdAt: string } };
    expect(subscription.url).toMatch(new RegExp(`^${server.url}/api/calendar/[A-Za-z0-9_-]{20,}\\.ics$`));
    const path = new URL(subscription.url).pathname;

    // A calendar app sends no session: the link alone opens the feed.
    const feed = await ics(null, path);
    expect(feed.status).toBe(200);
    const cal = parseIcs(feed.text);
    expect(cal.method).toBe('PUBLISH');
    const uid = parseIcs((await ics('ministry', `/api/meetings/${m.id}.ics`)).text).events[0]!.uid;
    expect(cal.events.map((e) => e.uid)).toContain(uid);

    // The link is not shown again; the status says since when one exists.
    const status = (await (await http('chair.global', 'GET', '/api/calendar/subscription')).json()) as { subscription: { url: null; createdAt: string } };
    expect(status.subscription).toEqual({ url: null, createdAt: subscription.createdAt });

    // Replacing it ends the old one.
    const next = (await (await http('chair.global', 'POST', '/api/calendar/subscription')).json()) as { subscription: { url: string } };
    expect((await ics(null, path)).status).toBe(404);
    const nextPath = new URL(next.subscription.url).pathname;
    expect((await ics(null, nextPath)).status).toBe(200);

    // Revoking ends it too.
    expect((await http('chair.global', 'DELETE', '/api/calendar/subscription')).status).toBe(200);
    expect((await ics(null, nextPath)).status).toBe(404);
    expect((await ics(null, '/api/calendar/not-a-real-token-at-all-xxxxxxxx.ics')).status).toBe(404);
  });

  it("leaves out of an observer's feed the meetings that do not name them", async () => {
    const observer = await as('observer');
    const named = await schedule({ title: '발표 요청 회의', agenda: [{ title: '참관 보고', presenter: { userId: observer.userId } }] });
    const other = await schedule({ title: '내부 회의' });
    const made = (await (await http('observer', 'POST', '/api/calendar/subscription')).json()) as { subscription: { url: string } };
    const cal = parseIcs((await ics(null, new URL(made.subscription.url).pathname)).text);
    const titles = cal.events.map((e) => e.summary);
    expect(titles).toContain(named.title);
    expect(titles).not.toContain(other.title);
  });
});
