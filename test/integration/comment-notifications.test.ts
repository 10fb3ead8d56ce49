/**
 * Comments that concern people, against a real server, real y-websocket clients on a
 * proposal's comments document and a real SMTP server in the test process, with a test
 * clock: a comment or reply on my proposal and a `@이름` mention notify (named by the
 * connection's user, not the author the client claims); the daily digest collects a day's
 * comments into one e-mail at 08:00 Korea time, never twice — not on a second round, not
 * after a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMENTS_FIELD, commentsDocName } from '../../shared/comments';
import type { Notification } from '../../shared/schemas/notifications';
import { lastDigestTime } from '../../server/notifications/digest';
import { TestClock } from '../helpers/clock';
import { Commenter } from '../helpers/comments';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { startMailbox, type TestMailbox } from '../helpers/smtp';

const HOUR = 3_600_000;

describe('comment notifications', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'forum-comments-'));
  const clock = new TestClock();
  let mailbox: TestMailbox;
  let server: TestServer;
  const env = () => ({ SMTP_URL: mailbox.url, SMTP_FROM: 'forum@example.kr', MAIL_POLL_MS: '30', NOTIFY_TICK_MS: '3600000', SESSION_TTL_HOURS: '2000' });
  const sessions = new Map<string, { token: string; userId: string }>();
  const as = async (who: string) => {
    if (!sessions.has(who)) sessions.set(who, await server.login(`${who}@forum.demo`));
    return sessions.get(who)!;
  };
  const http = async (who: string, method: string, path: string, body?: unknown) => {
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${(await as(who)).token}` };
    const res = await fetch(`${server.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  const commentsOf = async (who: string, link: string) =>
    ((await http(who, 'GET', '/api/notifications?limit=100')).json as { notifications: Notification[] }).notifications.filter(
      (n) => n.kind === 'comment' && n.link === link,
    );
  const digests = (address: string) => mailbox.messages.filter((m) => m.envelopeTo.includes(address) && (m.subject ?? '').startsWith('오늘의 의견 알림'));
  const commenters: Commenter[] = [];
  const open = async (who: string, proposalId: string) => {
    const c = new Commenter(server, commentsDocName(`proposal:${proposalId}`), (await as(who)).token);
    commenters.push(c);
    await c.synced();
    return c;
  };

  let proposalId = '';
  const link = () => `/proposals/${proposalId}`;

  beforeAll(async () => {
    mailbox = await startMailbox();
    clock.freeze();
    // 10:00 in Korea: past today's digest, so today's comments wait for tomorrow's.
    const now = clock.now();
    clock.advance(lastDigestTime(now).at + 26 * HOUR - now);
    server = await startTestServer({ dataDir, clock, env: env() });
    const created = await http('chair.global', 'POST', '/api/proposals', { title: '공급망 다변화 펀드' });
    expect(created.status).toBe(201);
    proposalId = (created.json as { proposal: { id: string } }).proposal.id;
  });
  afterAll(async () => {
    commenters.forEach((c) => c.destroy());
    await server.close();
    await mailbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("tells the proposal's author of a comment and a reply, and whoever it mentions; never the writer", async () => {
    const ministry = await open('ministry', proposalId);
    // The author the client writes in is not believed: the notice names the connection's user.
    const threadId = ministry.thread('재원 규모를 구체적으로 적어 주세요. @김은영 위원님 의견도 부탁드립니다.', { id: 'someone', name: '가짜 이름' });

    const [onMine] = await waitFor(async () => {
      const found = await commentsOf('chair.global', link());
      return found.length > 0 ? found : null;
    }, "the author's notice");
    expect(onMine!.title.ko).toBe('이정민님의 의견 — 내 제안 ‘공급망 다변화 펀드’: “재원 규모를 구체적으로 적어 주세요. @김은영 위원님 의견도 부탁드립니다.”');
    expect(onMine!.title.en).toContain('이정민 commented on your proposal “공급망 다변화 펀드”');
    const [mention] = await waitFor(async () => {
      const found = await commentsOf('chair.workforce', link());
      return found.length > 0 ? found : null;
    }, 'the mention');
    expect(mention!.title.ko).toMatch(/^이정민님이 나를 언급했습니다 — ‘공급망 다변화 펀드’/);

    ministry.reply(threadId, '추가로 일정표도 첨부해 주세요.', { id: 'someone', name: '가짜 이름' });
    await waitFor(async () => (await commentsOf('chair.global', link())).length === 2, 'the reply notice');
    expect((await commentsOf('chair.global', link()))[0]!.title.ko).toMatch(/^이정민님의 답글 — 내 제안/);

    // The author's own reply mentions nobody and tells nobody (they wrote it).
    const author = await open('chair.global', proposalId);
    author.reply(threadId, '네, 반영하겠습니다.', { id: 'x', name: 'x' });
    await waitFor(() => author.doc.getArray(COMMENTS_FIELD).length === 1, 'the author to see the thread');
    ministry.thread('@박성호 위원님도 보세요', { id: 'x', name: 'x' });
    await waitFor(async () => (await commentsOf('chair.investment', link())).length === 1, 'the second mention');
    expect(await commentsOf('ministry', link())).toHaveLength(0);
    expect(await commentsOf('observer', link())).toHaveLength(0);
    // Comments are in the app only by default: no e-mail for each.
    expect(mailbox.messages.filter((m) => (m.subject ?? '').includes('공급망 다변화 펀드'))).toHaveLength(0);
  });

  it('offers the daily digest for comments only', async () => {
    expect((await http('chair.global', 'PUT', '/api/notifications/preferences', { kinds: { meeting_scheduled: 'in_app_and_digest' } })).status).toBe(400);
    const set = await http('chair.global', 'PUT', '/api/notifications/preferences', { kinds: { comment: 'in_app_and_digest' } });
    expect(set.status).toBe(200);
    expect((set.json as { preferences: { kinds: Record<string, string> } }).preferences.kinds.comment).toBe('in_app_and_digest');
  });

  it("sends the day's comments as one e-mail at 08:00 Korea time, once, even after a restart", async () => {
    const ministry = await open('ministry', proposalId);
    ministry.thread('다이제스트에 들어갈 의견', { id: 'x', name: 'x' });
    await waitFor(async () => (await commentsOf('chair.global', link())).length === 4, 'the fourth comment notice');
    // Chose the digest: no e-mail per comment.
    expect(mailbox.messages.filter((m) => m.envelopeTo.includes('chair.global@forum.demo'))).toHaveLength(0);

    // Before 08:00 the next day: nothing yet.
    clock.advance(21 * HOUR + 59 * 60_000); // 07:59
    await server.notifications.scheduler.tick();
    expect(digests('chair.global@forum.demo')).toHaveLength(0);

    clock.advance(60_000); // 08:00
    await Promise.all([server.notifications.scheduler.tick(), server.notifications.scheduler.tick()]);
    const [digest] = await waitFor(() => {
      const found = digests('chair.global@forum.demo');
      return found.length > 0 ? found : null;
    }, 'the digest');
    expect(digest!.subject).toMatch(/^오늘의 의견 알림 4건 \(\d{4}-\d{2}-\d{2}\)$/);
    expect(digest!.text).toContain('이정민님의 의견 — 내 제안 ‘공급망 다변화 펀드’');
    expect(digest!.text).toContain('다이제스트에 들어갈 의견');
    expect(digest!.text).toContain(`${server.url}/proposals/${proposalId}`);
    expect(digest!.html).toContain(`href="${server.url}/proposals/${proposalId}"`);
    // Those who kept comments in the app get no digest.
    expect(digests('chair.workforce@forum.demo')).toHaveLength(0);

    commenters.splice(0).forEach((c) => c.destroy());
    await server.close();
    server = await startTestServer({ dataDir, clock, env: env() });
    sessions.clear();
    clock.advance(HOUR);
    await server.notifications.scheduler.tick();
    // Whatever the restarted server queued has gone out before counting.
    await waitFor(async () => ((await http('ministry', 'GET', '/api/mail/status')).json as { mail: { pending: number } }).mail.pending === 0, 'an empty outbox');
    expect(digests('chair.global@forum.demo')).toHaveLength(1);
  });
});
