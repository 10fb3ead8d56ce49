/**
 * Time-driven notifications against real servers sharing one store, with a test clock (the
 * only fake): "a meeting starting in 10 minutes" reaches its people once — not before the
 * ten minutes, not twice when two instances run the same round, not again after a restart —
 * and a meeting moved to a later time is reminded anew.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Meeting } from '../../shared/schemas/meetings';
import type { Notification } from '../../shared/schemas/notifications';
import { TestClock } from '../helpers/clock';
import { startTestServer, type TestServer } from '../helpers/server';

const MINUTE = 60_000;

describe('meeting reminders', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'forum-remind-'));
  const clock = new TestClock();
  let a: TestServer;
  let b: TestServer;
  const tokens = new Map<string, string>();
  const http = async (on: TestServer, who: string, method: string, path: string, body?: unknown) => {
    const key = `${on.url} ${who}`;
    if (!tokens.has(key)) tokens.set(key, (await on.login(`${who}@forum.demo`)).token);
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(key)!}` };
    const res = await fetch(`${on.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return (await res.json()) as Record<string, unknown>;
  };
  const reminders = async (on: TestServer, who: string, meetingId: string) =>
    ((await http(on, who, 'GET', '/api/notifications?limit=100')) as { notifications: Notification[] }).notifications.filter(
      (n) => n.kind === 'meeting_soon' && n.link === `/meetings/${meetingId}`,
    );
  const schedule = async (title: string, startsInMs: number) => {
    const startsAt = new Date(Math.ceil((clock.now() + startsInMs) / MINUTE) * MINUTE).toISOString();
    return ((await http(a, 'ministry', 'POST', '/api/meetings', { title, startsAt, place: '세종' })) as { meeting: Meeting }).meeting;
  };

  beforeAll(async () => {
    clock.freeze();
    // A tick interval far longer than the test: only the rounds the test runs count.
    const env = { NOTIFY_TICK_MS: '3600000' };
    a = await startTestServer({ dataDir, clock, env });
    b = await startTestServer({ dataDir, clock, env });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reminds everyone the meeting concerns once, ten minutes before, even with two instances', async () => {
    const m = await schedule('10분 전 알림 회의', 30 * MINUTE);
    await Promise.all([a.notifications.scheduler.tick(), b.notifications.scheduler.tick()]);
    expect(await reminders(a, 'chair.workforce', m.id)).toHaveLength(0);

    clock.advance(19 * MINUTE); // 11 to 12 minutes to go: not yet
    await a.notifications.scheduler.tick();
    expect(await reminders(a, 'chair.workforce', m.id)).toHaveLength(0);
    clock.advance(Date.parse(m.startsAt) - clock.now() - 10 * MINUTE); // exactly ten
    // Both instances run the round at once: the store's claim lets one of them write it.
    await Promise.all([a.notifications.scheduler.tick(), b.notifications.scheduler.tick(), a.notifications.scheduler.tick()]);
    const [reminder] = await reminders(a, 'chair.workforce', m.id);
    expect(await reminders(a, 'chair.workforce', m.id)).toHaveLength(1);
    expect(reminder!.title.ko).toBe('10분 뒤 회의 시작: 10분 전 알림 회의 · 세종');
    expect(reminder!.title.en).toBe('Meeting starts in 10 minutes: 10분 전 알림 회의 · 세종');
    expect(await reminders(b, 'chair.global', m.id)).toHaveLength(1);
    // An observer the meeting does not name is not reminded; ministry staff are.
    expect(await reminders(a, 'observer', m.id)).toHaveLength(0);
    expect(await reminders(a, 'ministry', m.id)).toHaveLength(1);

    clock.advance(5 * MINUTE);
    await Promise.all([a.notifications.scheduler.tick(), b.notifications.scheduler.tick()]);
    expect(await reminders(a, 'chair.workforce', m.id)).toHaveLength(1);
  });

  it('sends nothing again after a restart, and reminds anew of a meeting moved later', async () => {
    const m = await schedule('재시작 알림 회의', 8 * MINUTE);
    await a.notifications.scheduler.tick();
    expect(await reminders(a, 'chair.investment', m.id)).toHaveLength(1);

    await a.close();
    a = await startTestServer({ dataDir, clock, env: { NOTIFY_TICK_MS: '3600000' } });
    for (const [k] of tokens) if (!k.startsWith(b.url)) tokens.delete(k);
    await a.notifications.scheduler.tick();
    expect(await reminders(a, 'chair.investment', m.id)).toHaveLength(1);

    // Moved an hour later: ten minutes before the new time, a new reminder.
    const later = new Date(Date.parse(m.startsAt) + 60 * MINUTE).toISOString();
    await http(a, 'ministry', 'PATCH', `/api/meetings/${m.id}`, { startsAt: later });
    await a.notifications.scheduler.tick();
    expect(await reminders(a, 'chair.investment', m.id)).toHaveLength(1);
    clock.advance(Date.parse(later) - clock.now() - 9 * MINUTE);
    await a.notifications.scheduler.tick();
    expect(await reminders(a, 'chair.investment', m.id)).toHaveLength(2);
  });

  it('does not remind of a cancelled meeting, nor of one that has started', async () => {
    const cancelled = await schedule('취소된 알림 회의', 20 * MINUTE);
    const started = await schedule('시작된 알림 회의', 20 * MINUTE);
    await http(a, 'ministry', 'POST', `/api/meetings/${cancelled.id}/cancel`);
    await http(a, 'ministry', 'POST', `/api/meetings/${started.id}/start`);
    clock.advance(12 * MINUTE);
    await a.notifications.scheduler.tick();
    expect(await reminders(a, 'chair.productivity', cancelled.id)).toHaveLength(0);
    expect(await reminders(a, 'chair.productivity', started.id)).toHaveLength(0);
  });
});
