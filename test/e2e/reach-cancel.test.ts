/**
 * Issue 18 in Chromium: ministry staff cancel a meeting from its page; a chairperson on
 * another page hears it in the bell; the meeting reads 취소됨 in the list and on its page,
 * read-only; and the notification settings offer the daily digest for comments only.
 */
import { describe, expect, it } from 'vitest';
import type { Meeting } from '../../shared/schemas/meetings';
import { see, seenWithin, useStage } from '../helpers/e2e';
import { waitFor } from '../helpers/server';

describe('cancelling a meeting, in the browser', () => {
  const stage = useStage();

  it('cancels from the meeting page; the bell of a chairperson elsewhere tells of it; the list and page show it cancelled', async () => {
    const { token } = await stage.server.login('ministry@forum.demo');
    const res = await fetch(`${stage.server.url}/api/meetings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: '브라우저 취소 회의', startsAt: '2026-12-30T05:00:00.000Z', place: '세종' }),
    });
    expect(res.status).toBe(201);
    const { meeting } = (await res.json()) as { meeting: Meeting };

    const chair = await stage.signedIn('chair.workforce@forum.demo');
    await chair.goto(`${stage.server.url}/proposals`);
    await see(chair.locator('#bell'));
    const before = Number(/\d+/.exec((await chair.locator('#bell').getAttribute('aria-label')) ?? '')?.[0] ?? 0);

    const admin = await stage.signedIn('ministry@forum.demo');
    await admin.goto(`${stage.server.url}/meetings/${meeting.id}`);
    admin.once('dialog', (dialog) => void dialog.accept());
    await see(admin.getByRole('button', { name: '회의 취소' }));
    await admin.getByRole('button', { name: '회의 취소' }).click();
    await see(admin.locator('#meeting-cancelled'));
    expect(await admin.getByRole('button', { name: '회의 취소' }).count()).toBe(0);
    expect(await admin.getByRole('button', { name: '회의 시작' }).count()).toBe(0);

    await waitFor(
      async () => Number(/\d+/.exec((await chair.locator('#bell').getAttribute('aria-label')) ?? '')?.[0] ?? 0) > before,
      'the chairperson’s unread count',
      seenWithin,
    );
    await chair.locator('#bell').click();
    await see(chair.getByRole('link', { name: /회의 취소: 브라우저 취소 회의/ }));

    await chair.goto(`${stage.server.url}/meetings`);
    const item = chair.locator('li.meeting', { hasText: '브라우저 취소 회의' });
    await see(item.locator('.badge.cancelled', { hasText: '취소됨' }));

    // Home lists it, marked, until its date; one cancelled for a day gone by is not listed.
    const past = await fetch(`${stage.server.url}/api/meetings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: '지난 취소 회의', startsAt: new Date(Date.now() - 86_400_000).toISOString() }),
    });
    const pastId = ((await past.json()) as { meeting: Meeting }).meeting.id;
    expect((await fetch(`${stage.server.url}/api/meetings/${pastId}/cancel`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    await chair.goto(`${stage.server.url}/`);
    await see(chair.locator('li.meeting', { hasText: '브라우저 취소 회의' }).locator('.badge.cancelled'));
    expect(await chair.locator('li.meeting', { hasText: '지난 취소 회의' }).count()).toBe(0);
  }, 180_000);

  it('offers the daily digest for comments and for nothing else', async () => {
    const page = await stage.signedIn('chair.global@forum.demo');
    await page.locator('#bell').click();
    await page.getByRole('button', { name: '알림 설정' }).click();
    const comments = page.locator('#pref-comment');
    await see(comments);
    expect(await comments.locator('option', { hasText: '하루 한 번' }).count()).toBe(1);
    expect(await page.locator('#pref-meeting_scheduled option', { hasText: '하루 한 번' }).count()).toBe(0);
    await comments.selectOption('in_app_and_digest');
    await page.getByRole('button', { name: '저장', exact: true }).click();
    await see(page.getByText('저장했습니다.'));
    const { token } = await stage.server.login('chair.global@forum.demo');
    const prefs = (await (await fetch(`${stage.server.url}/api/notifications/preferences`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      preferences: { kinds: Record<string, string> };
    };
    expect(prefs.preferences.kinds.comment).toBe('in_app_and_digest');
  }, 180_000);
});
