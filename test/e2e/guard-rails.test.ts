import { beforeAll, describe, expect, it } from 'vitest';
import { see, useStage } from '../helpers/e2e';
import { MeetingRunner } from '../helpers/meeting-run';
import type { TestServer } from '../helpers/server';

/**
 * Guard rails (issue 17, "Friction"): starting a meeting on another day than scheduled
 * asks first; inviting a second chairperson for a subcommittee that has one warns.
 */
const stage = useStage();
let server: TestServer;
beforeAll(() => {
  server = stage.server;
});

describe('starting a meeting', () => {
  it('on another day than scheduled asks first; declining leaves it scheduled, agreeing starts it', async () => {
    const runner = new MeetingRunner(server);
    const ministry = await runner.connect('ministry@forum.demo');
    const inTwoDays = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const { meeting } = (await runner.api(ministry.token, 'POST', '/api/meetings', { title: '제12차 산업대전환 포럼 위원장 회의', startsAt: inTwoDays })) as {
      meeting: { id: string };
    };
    runner.close();

    const page = await stage.signedIn('ministry@forum.demo', { viewport: { width: 1440, height: 1000 } });
    await page.goto(`${server.url}/meetings/${meeting.id}`);
    await see(page.getByRole('heading', { level: 1, name: '제12차 산업대전환 포럼 위원장 회의' }));
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await page.getByRole('button', { name: '회의 시작' }).click();
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toMatch(/^‘제12차 산업대전환 포럼 위원장 회의’ 회의는 \d{4}년 \d{1,2}월 \d{1,2}일로 예정되어 있습니다\. 오늘\(\d{4}년 \d{1,2}월 \d{1,2}일\) 시작할까요\?$/);
    expect(await page.locator('fw-meeting-header .badge.live').count()).toBe(0);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: '회의 시작' }).click();
    await see(page.locator('fw-meeting-header .badge.live'));
  });
});

describe('inviting a chairperson', () => {
  it('for a subcommittee that has one warns, naming the chairperson it has', async () => {
    const page = await stage.signedIn('ministry@forum.demo');
    await page.goto(`${server.url}/admin`);
    await page.getByLabel('역할', { exact: true }).selectOption('chair');
    const warning = page.locator('fw-invite-form .message.warning');
    await page.getByLabel('분과', { exact: true }).selectOption('workforce');
    await see(warning.getByText('인력 분과에는 이미 위원장(김은영)이 있습니다.', { exact: false }));
    // the warning belongs to the field, for screen readers too
    expect(await page.getByLabel('분과', { exact: true }).getAttribute('aria-describedby')).toBe('second-chair');
    await page.getByLabel('분과', { exact: true }).selectOption('');
    await warning.waitFor({ state: 'detached' });
    await page.getByLabel('역할', { exact: true }).selectOption('observer');
    expect(await warning.count()).toBe(0);
  });
});
