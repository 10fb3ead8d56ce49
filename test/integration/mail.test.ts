/**
 * E-mail through a real SMTP server inside the test process (smtp-server), read back with
 * a MIME parser: notifications in the recipient's language with a link and, for meetings,
 * the calendar entry; invitations with their one-time link; retries with backoff, failures
 * visible to ministry staff, nothing sent twice after a restart; nothing at all without SMTP_URL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Meeting } from '../../shared/schemas/meetings';
import type { MailStatus } from '../../shared/schemas/mail';
import { parseIcs } from '../helpers/ics';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { startMailbox, type TestMailbox } from '../helpers/smtp';

describe('e-mail', () => {
  let mailbox: TestMailbox;
  let server: TestServer;
  const dataDir = mkdtempSync(join(tmpdir(), 'forum-mail-'));
  const env = () => ({
    SMTP_URL: mailbox.url,
    SMTP_FROM: '산업대전환 포럼 <forum@example.kr>',
    MAIL_RETRY_BASE_MS: '40',
    MAIL_MAX_ATTEMPTS: '3',
    MAIL_POLL_MS: '30',
  });
  const tokens = new Map<string, string>();
  /** One sign-in per person and server: sign-ins are hashed slowly and rate-limited. */
  const token = async (on: TestServer, who: string) => {
    const key = `${on.url} ${who}`;
    if (!tokens.has(key)) tokens.set(key, (await on.login(`${who}@forum.demo`)).token);
    return tokens.get(key)!;
  };
  const http = async (who: string | null, method: string, path: string, body?: unknown, on: TestServer = server) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (who) headers.authorization = `Bearer ${await token(on, who)}`;
    const res = await fetch(`${on.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  const schedule = async (title: string, on: TestServer = server) => {
    const res = await http('ministry', 'POST', '/api/meetings', { title, startsAt: '2026-12-28T05:00:00.000Z', place: '세종' }, on);
    expect(res.status).toBe(201);
    return (res.json as { meeting: Meeting }).meeting;
  };
  const to = (address: string, subjectPart: string) =>
    mailbox.messages.filter((m) => m.envelopeTo.includes(address) && (m.subject ?? '').includes(subjectPart));
  const status = async () => ((await http('ministry', 'GET', '/api/mail/status')).json as { mail: MailStatus }).mail;

  beforeAll(async () => {
    mailbox = await startMailbox();
    server = await startTestServer({ demo: true, dataDir, env: env() });
  });
  afterAll(async () => {
    await server.close();
    await mailbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("sends a meeting's notification in Korean, text and HTML, with a link and its calendar entry", async () => {
    const m = await schedule('메일 확인 회의');
    const [mail] = await waitFor(() => {
      const found = to('chair.investment@forum.demo', '메일 확인 회의');
      return found.length > 0 ? found : null;
    }, 'the e-mail');
    expect(mail!.from?.address).toBe('forum@example.kr');
    expect(mail!.subject).toContain('회의 일정: 메일 확인 회의');
    expect(mail!.text).toContain(`${server.url}/meetings/${m.id}`);
    expect(mail!.html).toContain(`href="${server.url}/meetings/${m.id}"`);
    const calendar = mail!.attachments.find((a) => a.mimeType.startsWith('text/calendar'));
    expect(calendar).toBeDefined();
    const text = typeof calendar!.content === 'string' ? calendar!.content : new TextDecoder().decode(calendar!.content);
    // The MIME parser hands text parts over with LF line ends; the framing was checked on the .ics route.
    const ics = parseIcs(text.replace(/\r?\n/g, '\r\n'));
    expect(ics.method).toBe('REQUEST');
    expect(ics.events[0]!.summary).toBe('메일 확인 회의');
    expect(ics.events[0]!.attendees.map((a: string) => a.toLowerCase())).toEqual(['mailto:chair.investment@forum.demo']);
    // The one who scheduled it is not e-mailed about it.
    expect(to('ministry@forum.demo', '메일 확인 회의')).toHaveLength(0);
  });

  it("writes in the recipient's language, and not at all to those who chose the app only", async () => {
    expect((await http('chair.global', 'PUT', '/api/notifications/preferences', { locale: 'en' })).status).toBe(200);
    expect((await http('chair.workforce', 'PUT', '/api/notifications/preferences', { kinds: { meeting_scheduled: 'in_app' } })).status).toBe(200);
    await schedule('언어 확인 회의');
    const [english] = await waitFor(() => {
      const found = to('chair.global@forum.demo', '언어 확인 회의');
      return found.length > 0 ? found : null;
    }, 'the English e-mail');
    expect(english!.subject).toMatch(/^Meeting scheduled: 언어 확인 회의/);
    expect(english!.text).toContain('Open the page');
    // Sent in the same round as the English one; the in-app-only person has none.
    await waitFor(() => to('chair.productivity@forum.demo', '언어 확인 회의').length > 0, 'the others');
    expect(to('chair.workforce@forum.demo', '언어 확인 회의')).toHaveLength(0);
  });

  it('e-mails an invitation with its one-time link', async () => {
    const res = await http('ministry', 'POST', '/api/invitations', { email: 'new.member@example.kr', name: '신규 위원', role: 'observer' });
    expect(res.status).toBe(201);
    const link = res.json.link as string;
    const [mail] = await waitFor(() => {
      const found = mailbox.messages.filter((m) => m.envelopeTo.includes('new.member@example.kr'));
      return found.length > 0 ? found : null;
    }, 'the invitation');
    expect(mail!.text).toContain(link);
    expect(mail!.html).toContain(`href="${link}"`);
  });

  it('lists pending invitations for ministry staff, revokes one and resends another with a new link', async () => {
    const invite = async (email: string) => {
      const res = await http('ministry', 'POST', '/api/invitations', { email, role: 'staff' });
      expect(res.status).toBe(201);
      return res.json as { invitation: { id: string }; link: string };
    };
    const keep = await invite('resend.me@example.kr');
    const drop = await invite('revoke.me@example.kr');
    const pending = (await http('ministry', 'GET', '/api/invitations')).json as { invitations: { id: string; email: string; role: string; expiresAt: string }[] };
    expect(pending.invitations.find((i) => i.id === keep.invitation.id)).toMatchObject({ email: 'resend.me@example.kr', role: 'staff' });
    expect((await http('chair.investment', 'GET', '/api/invitations')).status).toBe(403);
    expect((await http('chair.investment', 'DELETE', `/api/invitations/${drop.invitation.id}`)).status).toBe(403);

    expect((await http('ministry', 'DELETE', `/api/invitations/${drop.invitation.id}`)).status).toBe(200);
    const dropToken = new URL(drop.link).pathname.split('/').pop()!;
    expect((await http(null, 'GET', `/api/invitations/${dropToken}`)).status).toBe(409);
    const after = (await http('ministry', 'GET', '/api/invitations')).json as { invitations: { id: string }[] };
    expect(after.invitations.map((i) => i.id)).not.toContain(drop.invitation.id);
    expect((await http('ministry', 'DELETE', `/api/invitations/${drop.invitation.id}`)).status).toBe(404);

    const resent = await http('ministry', 'POST', `/api/invitations/${keep.invitation.id}/resend`);
    expect(resent.status).toBe(200);
    const newLink = resent.json.link as string;
    expect(newLink).not.toBe(keep.link);
    const oldToken = new URL(keep.link).pathname.split('/').pop()!;
    expect((await http(null, 'GET', `/api/invitations/${oldToken}`)).status).toBe(404);
    expect((await http(null, 'GET', `/api/invitations/${new URL(newLink).pathname.split('/').pop()!}`)).status).toBe(200);
    await waitFor(() => mailbox.messages.some((m) => m.envelopeTo.includes('resend.me@example.kr') && (m.text ?? '').includes(newLink)), 'the resent e-mail');
  });

  it('retries with backoff, gives up after the last attempt, and shows the failure to ministry staff only', async () => {
    mailbox.failNext(2);
    await schedule('재시도 회의');
    // Two failures, then the third attempt goes through for the first message sent.
    await waitFor(() => to('chair.investment@forum.demo', '재시도 회의').length > 0 || to('chair.global@forum.demo', '재시도 회의').length > 0, 'a retried e-mail');
    await waitFor(async () => (await status()).pending === 0, 'the outbox to empty');

    mailbox.failNext(1000);
    await http('ministry', 'POST', '/api/invitations', { email: 'never.arrives@example.kr', role: 'observer' });
    const failed = await waitFor(async () => {
      const s = await status();
      return s.problems.find((p) => p.to === 'never.arrives@example.kr' && p.failedAt !== null);
    }, 'the e-mail given up');
    mailbox.failNext(0);
    expect(failed.attempts).toBe(3);
    expect(failed.lastError).toMatch(/busy/);
    const s = await status();
    expect(s.enabled).toBe(true);
    expect(s.failed).toBeGreaterThanOrEqual(1);
    expect((await http('chair.investment', 'GET', '/api/mail/status')).status).toBe(403);
  }, 120_000);

  it('sends nothing twice after a restart', async () => {
    await waitFor(async () => (await status()).pending === 0, 'the outbox to empty');
    const before = mailbox.messages.length;
    const ids = new Set(mailbox.messages.map((m) => m.messageId));
    expect(ids.size).toBe(before);
    await server.close();
    server = await startTestServer({ demo: true, dataDir, env: env() });
    await schedule('재시작 후 회의');
    await waitFor(() => to('chair.investment@forum.demo', '재시작 후 회의').length > 0, 'mail after the restart');
    await waitFor(async () => (await status()).pending === 0, 'the outbox to empty');
    const again = mailbox.messages.slice(before);
    expect(again.every((m) => (m.subject ?? '').includes('재시작 후 회의'))).toBe(true);
    expect(new Set(mailbox.messages.map((m) => m.messageId)).size).toBe(mailbox.messages.length);
  }, 120_000);

  it('without SMTP_URL sends nothing and says e-mail is off', async () => {
    const quiet = await startTestServer({ demo: true });
    try {
      await schedule('메일 없는 회의', quiet);
      const s = ((await http('ministry', 'GET', '/api/mail/status', undefined, quiet)).json as { mail: MailStatus }).mail;
      expect(s).toMatchObject({ enabled: false, pending: 0, sent: 0, failed: 0 });
      expect(mailbox.messages.some((m) => (m.subject ?? '').includes('메일 없는 회의'))).toBe(false);
    } finally {
      await quiet.close();
    }
  });
});
