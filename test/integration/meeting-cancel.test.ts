/**
 * Cancelling a meeting against a real server, a real SMTP server in the test process and
 * real socket.io-client connections: only ministry staff may, only before it starts; the
 * people it concerns hear of it live and by e-mail, whose calendar entry cancels the one the
 * invitation made (same UID, higher SEQUENCE, METHOD:CANCEL, STATUS:CANCELLED); the lists,
 * the .ics and the private feed show it cancelled; it is read-only from then on.
 */
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/realtime/protocol';
import type { Meeting, MeetingSummary } from '../../shared/schemas/meetings';
import type { Notification } from '../../shared/schemas/notifications';
import { parseIcs } from '../helpers/ics';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { startMailbox, type TestMailbox } from '../helpers/smtp';

describe('cancelling a meeting', () => {
  let mailbox: TestMailbox;
  let server: TestServer;
  const tokens = new Map<string, string>();
  const token = async (who: string) => {
    if (!tokens.has(who)) tokens.set(who, (await server.login(`${who}@forum.demo`)).token);
    return tokens.get(who)!;
  };
  const http = async (who: string, method: string, path: string, body?: unknown) => {
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${await token(who)}` };
    const res = await fetch(`${server.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
  };
  const json = <T>(r: { text: string }) => JSON.parse(r.text) as T;
  const schedule = async (title: string) => {
    const res = await http('ministry', 'POST', '/api/meetings', { title, startsAt: '2026-12-29T05:00:00.000Z', place: '세종' });
    expect(res.status).toBe(201);
    return json<{ meeting: Meeting }>(res).meeting;
  };
  const calendarOf = (mail: TestMailbox['messages'][number]) => {
    const part = mail.attachments.find((a) => a.mimeType.startsWith('text/calendar'));
    if (!part) return null;
    const text = typeof part.content === 'string' ? part.content : new TextDecoder().decode(part.content);
    // The MIME parser hands text parts over with LF line ends; the framing is checked on the .ics route.
    return { ics: parseIcs(text.replace(/\r?\n/g, '\r\n')) };
  };
  const mailTo = (address: string, subjectPart: string) =>
    mailbox.messages.filter((m) => m.envelopeTo.includes(address) && (m.subject ?? '').includes(subjectPart));

  beforeAll(async () => {
    mailbox = await startMailbox();
    server = await startTestServer({ demo: true, env: { SMTP_URL: mailbox.url, SMTP_FROM: 'forum@example.kr', MAIL_POLL_MS: '30' } });
  });
  afterAll(async () => {
    await server.close();
    await mailbox.close();
  });

  it('is for ministry staff only, not even the meeting’s chair', async () => {
    const m = await schedule('권한 확인 회의');
    const chairId = (await server.login('chair.investment@forum.demo')).userId;
    expect((await http('ministry', 'PATCH', `/api/meetings/${m.id}`, { chairId })).status).toBe(200);
    for (const who of ['chair.investment', 'chair.global', 'minutes', 'observer']) {
      const res = await http(who, 'POST', `/api/meetings/${m.id}/cancel`);
      expect(res.status, who).toBe(403);
    }
    expect(json<{ meeting: Meeting }>(await http('ministry', 'GET', `/api/meetings/${m.id}`)).meeting.status).toBe('scheduled');
  });

  it('tells everyone it concerns, live and by e-mail carrying the calendar cancellation', async () => {
    const b = connect(server.url, { transports: ['websocket'], auth: { token: await token('chair.workforce') }, reconnection: false, forceNew: true }) as Socket<
      ServerToClientEvents,
      ClientToServerEvents
    >;
    const heard: Notification[] = [];
    b.on('notification:new', ({ notification }) => heard.push(notification));
    await new Promise<void>((resolve, reject) => b.once('connect', resolve).once('connect_error', reject));
    try {
      const m = await schedule('취소될 정례회의');
      const [invitation] = await waitFor(() => {
        const found = mailTo('chair.workforce@forum.demo', '회의 일정: 취소될 정례회의');
        return found.length > 0 ? found : null;
      }, 'the invitation');
      const invited = calendarOf(invitation!)!.ics;
      expect(invited.method).toBe('REQUEST');

      const cancelled = await http('ministry', 'POST', `/api/meetings/${m.id}/cancel`);
      expect(cancelled.status).toBe(200);
      expect(json<{ meeting: Meeting }>(cancelled).meeting).toMatchObject({ status: 'cancelled' });

      const notice = await waitFor(() => heard.find((n) => n.kind === 'meeting_cancelled'), 'the live notice');
      expect(notice.title.ko).toContain('회의 취소: 취소될 정례회의');
      expect(notice.title.en).toContain('Meeting cancelled: 취소될 정례회의');
      expect(notice.link).toBe(`/meetings/${m.id}`);

      const [mail] = await waitFor(() => {
        const found = mailTo('chair.workforce@forum.demo', '회의 취소: 취소될 정례회의');
        return found.length > 0 ? found : null;
      }, 'the cancellation e-mail');
      expect(mail!.text).toContain(`${server.url}/meetings/${m.id}`);
      expect(mail!.html).toContain(`href="${server.url}/meetings/${m.id}"`);
      const attached = calendarOf(mail!)!;
      expect(attached.ics.method).toBe('CANCEL');
      const [event] = attached.ics.events;
      expect(event!.status).toBe('CANCELLED');
      expect(event!.uid).toBe(invited.events[0]!.uid);
      expect(event!.sequence).toBeGreaterThan(invited.events[0]!.sequence);
      // Whoever cancelled it is not told of their own act.
      expect(mailTo('ministry@forum.demo', '회의 취소: 취소될 정례회의')).toHaveLength(0);
    } finally {
      b.disconnect();
    }
  });

  it('shows it cancelled in the lists, its .ics and the private feed, and keeps it read-only', async () => {
    const m = await schedule('목록 확인 회의');
    const before = parseIcs((await http('chair.investment', 'GET', `/api/meetings/${m.id}.ics`)).text).events[0]!;
    expect((await http('ministry', 'POST', `/api/meetings/${m.id}/cancel`)).status).toBe(200);

    const listed = json<{ meetings: MeetingSummary[] }>(await http('observer', 'GET', '/api/meetings')).meetings.find((x) => x.id === m.id);
    expect(listed).toMatchObject({ status: 'cancelled' });
    expect(listed!.cancelledAt).not.toBeNull();
    const onlyCancelled = json<{ meetings: MeetingSummary[] }>(await http('observer', 'GET', '/api/meetings?status=cancelled')).meetings;
    expect(onlyCancelled.map((x) => x.id)).toContain(m.id);
    expect(json<{ meetings: MeetingSummary[] }>(await http('observer', 'GET', '/api/meetings?status=scheduled')).meetings.map((x) => x.id)).not.toContain(m.id);

    const file = await http('chair.investment', 'GET', `/api/meetings/${m.id}.ics`);
    expect(file.type).toMatch(/method=CANCEL/);
    const cancelled = parseIcs(file.text);
    expect(cancelled.method).toBe('CANCEL');
    expect(cancelled.events[0]).toMatchObject({ uid: before.uid, status: 'CANCELLED', sequence: before.sequence + 1 });

    const sub = json<{ subscription: { url: string } }>(await http('chair.investment', 'POST', '/api/calendar/subscription'));
    const feed = parseIcs(await (await fetch(sub.subscription.url)).text());
    expect(feed.method).toBe('PUBLISH');
    expect(feed.events.find((e) => e.uid === before.uid)).toMatchObject({ status: 'CANCELLED', sequence: before.sequence + 1 });

    // Read-only: no second cancel, no start, no edits, no polls.
    expect((await http('ministry', 'POST', `/api/meetings/${m.id}/cancel`)).status).toBe(409);
    expect((await http('ministry', 'POST', `/api/meetings/${m.id}/start`)).status).toBe(409);
    expect((await http('ministry', 'PATCH', `/api/meetings/${m.id}`, { place: '서울' })).status).toBe(409);
    expect((await http('ministry', 'POST', `/api/meetings/${m.id}/agenda`, { title: '추가 안건' })).status).toBe(409);
    expect((await http('ministry', 'POST', `/api/meetings/${m.id}/polls`, { title: '표결', kind: 'yes_no_abstain' })).status).toBe(409);
    const audit = json<{ entries: { action: string; target: string }[] }>(await http('ministry', 'GET', '/api/audit?action=meetings.cancel'));
    expect(audit.entries.some((e) => e.target === `meeting:${m.id}`)).toBe(true);
  });

  it('refuses to cancel a meeting that has started: it is ended instead', async () => {
    const m = await schedule('진행 중 회의');
    expect((await http('ministry', 'POST', `/api/meetings/${m.id}/start`)).status).toBe(200);
    const res = await http('ministry', 'POST', `/api/meetings/${m.id}/cancel`);
    expect(res.status).toBe(409);
    expect(res.text).toContain('end it instead');
  });
});
