import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIRST_MEETING_TITLE } from '../../server/seed/demo-meetings';
import { lowContrastButtons } from '../helpers/contrast';
import { see, useStage } from '../helpers/e2e';
import type { TestServer } from '../helpers/server';

/**
 * How the meeting room and the proposal page look to the people in them (issue 17,
 * "Broken"): every button's label readable against what is painted behind it
 * (WCAG 2.1 AA, 4.5:1). Every wait is on a condition, never a fixed sleep.
 */
const stage = useStage();
let server: TestServer;
beforeAll(() => {
  server = stage.server;
});

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
