import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_MEETING_TITLE } from '../../server/seed/demo-meetings';
import { lowContrastButtons } from '../helpers/contrast';
import { see, useStage } from '../helpers/e2e';
import { MeetingRunner } from '../helpers/meeting-run';
import type { TestServer } from '../helpers/server';

/**
 * How the meeting room and the proposal page look to the people in them (issue 17,
 * "Broken"): every button's label readable against what is painted behind it
 * (WCAG 2.1 AA, 4.5:1), and an ended meeting laid out without sideways scrolling at 1280,
 * 1440 and 390 px, its attendance table whole. Every wait is on a condition, never a fixed sleep.
 */
const stage = useStage();
let server: TestServer;
let runner: MeetingRunner;
beforeAll(() => {
  server = stage.server;
  runner = new MeetingRunner(server);
});
afterAll(() => runner.close());

const wide = { viewport: { width: 1440, height: 1000 } };

/** Ministry staff open the first demo meeting's room. */
async function openRoom(page: Page): Promise<void> {
  await page.getByRole('link', { name: '회의', exact: true }).click();
  await page.getByRole('link', { name: `회의실 입장: ${FIRST_MEETING_TITLE}` }).click();
  await see(page.getByRole('heading', { level: 1, name: FIRST_MEETING_TITLE }));
}

describe('button contrast', () => {
  let ministry: Page;

  it('every button in the started meeting room is readable (≥ 4.5:1), 회의 종료 included', async () => {
    ministry = await stage.signedIn('ministry@forum.demo', wide);
    await openRoom(ministry);
    await ministry.getByRole('button', { name: '회의 시작' }).click();
    await see(ministry.locator('fw-meeting-header .badge.live'));
    const end = await see(ministry.getByRole('button', { name: '회의 종료' }));
    await ministry.mouse.move(0, 0);
    expect(await lowContrastButtons(ministry)).toEqual([]);
    // and under the pointer
    await end.hover();
    expect(await lowContrastButtons(ministry)).toEqual([]);
  });

  it('every button on a proposal page is readable (≥ 4.5:1)', async () => {
    const page = await stage.signedIn('ministry@forum.demo', wide);
    await page.goto(`${server.url}/proposals/investment-incentives`);
    await page.locator('fw-editor .ProseMirror').waitFor({ timeout: 15_000 });
    await page.waitForFunction(() => !document.querySelector('.fw-editor__loading'), null, { timeout: 15_000 });
    await page.mouse.move(0, 0);
    expect(await lowContrastButtons(page)).toEqual([]);
  });
});

describe('the ended meeting’s layout', () => {
  let meetingId = '';
  beforeAll(async () => {
    meetingId = await runner.adoptTalentBank('제8차 산업대전환 포럼 위원장 회의');
  }, 120_000);

  for (const width of [1280, 1440, 390]) {
    it(`fits ${width} px wide with the attendance table’s check-in column inside its panel`, async () => {
      const page = await stage.signedIn('ministry@forum.demo', { viewport: { width, height: 900 } });
      await page.goto(`${server.url}/meetings/${meetingId}`);
      const table = page.locator('fw-attendance-panel table');
      await see(table.getByText('출석 확인', { exact: true }));
      await see(table.getByRole('rowheader', { name: /투자/ }));
      const wrap = (await page.locator('fw-attendance-panel .table-wrap').boundingBox())!;
      const last = (await table.locator('thead th').last().boundingBox())!;
      const fit = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
      expect(fit.scrollWidth, 'the page scrolls sideways').toBeLessThanOrEqual(fit.clientWidth);
      expect(Math.round(last.x + last.width), 'the check-in column is cut off').toBeLessThanOrEqual(Math.round(wrap.x + wrap.width));
    });
  }
});
