/**
 * Issue 18's "done when", in Chromium against an in-process SMTP server: a new person is
 * invited by e-mail, signs up through the link, is told of a poll while on another page
 * (the header bell, live), and has the meeting's calendar entry in their mailbox.
 */
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Meeting } from '../../shared/schemas/meetings';
import { launchBrowser, type TestBrowser } from '../helpers/browser';
import { ensureClientBuilt } from '../helpers/build-client';
import { see, seenWithin } from '../helpers/e2e';
import { parseIcs } from '../helpers/ics';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { startMailbox, type TestMailbox } from '../helpers/smtp';

describe('reaching a new person', () => {
  let mailbox: TestMailbox;
  let server: TestServer;
  let browser: TestBrowser | undefined;
  beforeAll(async () => {
    await ensureClientBuilt();
    mailbox = await startMailbox();
    server = await startTestServer({ demo: true, env: { SMTP_URL: mailbox.url, MAIL_POLL_MS: '50', MAIL_RETRY_BASE_MS: '50' } });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await mailbox?.close();
  });

  it('invites by e-mail, signs up through the link, hears of a poll on another page and gets the calendar entry', async () => {
    const { token } = await server.login('ministry@forum.demo');
    const http = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(res.status).toBeLessThan(300);
      return (await res.json()) as Record<string, unknown>;
    };
    const address = 'new.chair@example.kr';
    await http('POST', '/api/invitations', { email: address, role: 'chair', subcommittee: 'global' });
    const invitation = await waitFor(() => mailbox.messages.find((m) => m.envelopeTo.includes(address)), 'the invitation e-mail', seenWithin);
    const link = /https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/.exec(invitation.text ?? '')![0];

    browser = await launchBrowser();
    const page = browser.page;
    await page.goto(link);
    await see(page.getByRole('heading', { name: '초대 수락' }));
    await page.getByLabel('이름', { exact: true }).fill('문새봄');
    await page.getByLabel('비밀번호', { exact: true }).fill('a-long-enough-password');
    await page.getByRole('button', { name: '계정 만들기' }).click();
    await see(page.getByRole('heading', { level: 1, name: '산업대전환 포럼' }));
    await page.goto(`${server.url}/proposals`); // somewhere else than the meeting
    await see(page.locator('#bell'));

    const meeting = (await http('POST', '/api/meetings', { title: '신규 위원 표결 회의', startsAt: new Date().toISOString(), place: '세종' })) as { meeting: Meeting };
    const id = meeting.meeting.id;
    await http('POST', `/api/meetings/${id}/start`);
    const poll = (await http('POST', `/api/meetings/${id}/polls`, { title: '신규 위원 첫 표결' })) as { poll: { id: string } };
    const admin = connect(server.url, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
    try {
      const opened = (await admin.emitWithAck('poll:open', { pollId: poll.poll.id })) as { ok: boolean };
      expect(opened.ok).toBe(true);
    } finally {
      admin.disconnect();
    }

    // The bell counts it without a reload, and its list names the poll.
    await waitFor(async () => /알림, 읽지 않음 [1-9]\d*/.test((await page.locator('#bell').getAttribute('aria-label')) ?? ''), 'the unread count', seenWithin);
    await page.locator('#bell').click();
    await see(page.getByRole('link', { name: /표결이 시작되었습니다: 신규 위원 첫 표결/ }));

    // The meeting's e-mail carries its calendar entry.
    const invite = await waitFor(
      () => mailbox.messages.find((m) => m.envelopeTo.includes(address) && (m.subject ?? '').includes('신규 위원 표결 회의')),
      'the meeting e-mail',
      seenWithin,
    );
    const part = invite.attachments.find((a) => a.mimeType.startsWith('text/calendar'))!;
    const text = typeof part.content === 'string' ? part.content : new TextDecoder().decode(part.content);
    const event = parseIcs(text.replace(/\r?\n/g, '\r\n')).events[0]!;
    expect(event.summary).toBe('신규 위원 표결 회의');
    expect(event.url).toBe(`${server.url}/meetings/${id}`);
  }, 180_000);
});
