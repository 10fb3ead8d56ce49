import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seoulToday } from '../../shared/domain';
import { demoAccount, see, useStage } from '../helpers/e2e';
import type { TestServer } from '../helpers/server';

/**
 * Action items as their people meet them in Chromium: the minute-taker turns a line of the
 * minutes into an action item, picks its owner from the forum's people and gives it a due
 * date; the owner's home page shows it under "내 후속 조치", marked overdue, and the owner
 * ticks it done. Someone else's home does not list it. No fixed sleeps.
 */
const stage = useStage();
let server: TestServer;
beforeAll(() => {
  server = stage.server;
});

const owner = demoAccount('chair.workforce@forum.demo');
const seen = { timeout: 15_000 };
const signedIn = (email: string): Promise<Page> => stage.signedIn(email, { viewport: { width: 1440, height: 1000 } });
const minutesText = (page: Page) => page.locator('fw-editor[slot="minutes"] .fw-prose');

describe('action items', () => {
  const task = '인재은행 운영 방안을 다음 회의에 보고';
  const yesterday = seoulToday(new Date(Date.now() - 86_400_000));
  let meetingId = '';

  it('lets the minute-taker assign an action item to a person, with a due date', async () => {
    const { token } = await server.login('ministry@forum.demo');
    const res = await fetch(`${server.url}/api/meetings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: '후속 조치 점검 회의', startsAt: new Date().toISOString(), agenda: [{ title: '인재은행', plannedMinutes: 15 }] }),
    });
    expect(res.status).toBe(201);
    meetingId = ((await res.json()) as { meeting: { id: string } }).meeting.id;

    const minutes = await signedIn('minutes@forum.demo');
    await minutes.goto(`${server.url}/meetings/${meetingId}`);
    await minutes.waitForFunction(
      () => document.querySelector('fw-editor[slot="minutes"] .fw-prose')?.getAttribute('contenteditable') === 'true',
      undefined,
      seen,
    );
    await minutesText(minutes).getByText('예정 15분').click();
    await minutes.keyboard.press('End');
    await minutes.keyboard.press('Enter');
    await minutes.keyboard.insertText(task);
    await minutes.getByRole('button', { name: '후속 조치', exact: true }).click();
    await see(minutes.locator('fw-editor[slot="minutes"] .fw-action-item').getByText(task));

    // The form for the item at the cursor: the owner from the forum's people, the due date.
    const form = await see(minutes.getByRole('form', { name: '후속 조치 담당과 기한' }));
    await form.getByLabel('담당', { exact: true }).selectOption({ label: owner.name });
    await form.getByLabel('기한', { exact: true }).fill(yesterday);
    await form.getByRole('button', { name: '적용' }).click();
    await see(minutes.getByText('담당과 기한을 저장했습니다.'));
    await see(minutes.locator('fw-editor[slot="minutes"] .fw-action-item .fw-block__meta').getByText(`담당: ${owner.name}`));
  });

  it("shows it on the owner's home page as overdue, and the owner marks it done", async () => {
    const chair = await signedIn(owner.email);
    const panel = chair.locator('fw-my-action-items');
    await see(panel.getByRole('heading', { name: '내 후속 조치' }));
    const item = await see(panel.locator('li.item', { hasText: task }));
    expect(await item.getAttribute('class')).toContain('overdue');
    await see(item.getByText('기한 지남'));
    await see(item.getByRole('link', { name: /후속 조치 점검 회의/ }));
    // The bell told them too.
    const bell = chair.locator('fw-notification-bell');
    await bell.locator('#bell').click();
    await see(bell.getByText(`후속 조치 배정: ${task}`, { exact: false }));
    await bell.locator('#bell').click();

    await item.getByRole('checkbox', { name: `완료: ${task}` }).click();
    await see(panel.getByText('완료한 후속 조치 1건'));
    const done = panel.locator('li.item.done', { hasText: task });
    await done.waitFor({ state: 'attached', ...seen });
    expect(await panel.locator('li.item.overdue', { hasText: task }).count()).toBe(0);

    // Kept: after a reload it is still done.
    await chair.reload();
    await see(chair.locator('fw-my-action-items').getByText('완료한 후속 조치 1건'));
  });

  it("shows it done in the meeting's list of decisions and action items", async () => {
    const page = await signedIn('ministry@forum.demo');
    await page.goto(`${server.url}/meetings/${meetingId}`);
    const item = await see(page.locator('fw-decisions-list li.actionItem', { hasText: task }));
    await see(item.getByText(`담당: ${owner.name}`));
    await see(item.locator('.done').getByText(`완료 (${owner.name})`, { exact: false }));
  });

  it("does not list it on anyone else's home page", async () => {
    const other = await signedIn('chair.global@forum.demo');
    const panel = other.locator('fw-my-action-items');
    await see(panel.getByText('나에게 배정된 후속 조치가 없습니다.'));
    expect(await panel.getByText(task).count()).toBe(0);
  });
});
