import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { see, useStage } from '../helpers/e2e';
import { MeetingRunner } from '../helpers/meeting-run';
import type { TestServer } from '../helpers/server';

/**
 * The projector ("발표 화면") on the room's screen (issue 17): a poll result fits 1920×1080
 * and 1280×720 whole — verdict, turnout and footer on screen, nothing to scroll — and the
 * screen has its own language switch.
 */
const stage = useStage();
let server: TestServer;
let runner: MeetingRunner;
beforeAll(() => {
  server = stage.server;
  runner = new MeetingRunner(server);
});
afterAll(() => runner.close());

describe('the projector', () => {
  let meetingId = '';
  beforeAll(async () => {
    meetingId = await runner.adoptTalentBank('제9차 산업대전환 포럼 위원장 회의', { end: false });
  }, 120_000);

  for (const viewport of [
    { width: 1920, height: 1080 },
    { width: 1280, height: 720 },
  ]) {
    it(`shows a poll result whole at ${viewport.width}×${viewport.height}: verdict, turnout and footer on screen, no scrolling`, async () => {
      const page = await stage.signedIn('ministry@forum.demo', { viewport });
      await page.goto(`${server.url}/meetings/${meetingId}/projector`);
      const verdict = await see(page.locator('fw-poll-result .verdict').getByText(/^(가결|부결)$/));
      await see(page.locator('fw-poll-result .facts').getByText(/투표율/));
      const height = await page.evaluate(() => ({ scroll: document.documentElement.scrollHeight, inner: window.innerHeight }));
      expect(height.scroll, 'the projector scrolls').toBeLessThanOrEqual(height.inner);
      for (const [what, locator] of [
        ['verdict', verdict],
        ['turnout', page.locator('fw-poll-result .facts li').first()],
        ['footer', page.locator('fw-meeting-projector-page .bottom')],
      ] as const) {
        const box = (await locator.boundingBox())!;
        expect(box.y + box.height, `the ${what} falls off the screen`).toBeLessThanOrEqual(viewport.height);
        expect(box.y, `the ${what} is above the screen`).toBeGreaterThanOrEqual(0);
      }
      // and the vote does not run into the footer
      const vote = (await page.locator('fw-projector-poll .pp').boundingBox())!;
      const footer = (await page.locator('fw-meeting-projector-page .bottom').boundingBox())!;
      expect(vote.y + vote.height, 'the vote overlaps the footer').toBeLessThanOrEqual(footer.y);
    });
  }

  it('switches the projector to English and back', async () => {
    const page = await stage.signedIn('ministry@forum.demo', { viewport: { width: 1280, height: 720 } });
    await page.goto(`${server.url}/meetings/${meetingId}/projector`);
    await see(page.locator('fw-poll-result .verdict').getByText(/^(가결|부결)$/));
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await see(page.locator('fw-poll-result .verdict').getByText(/^(Passed|Not passed)$/));
    await page.getByRole('button', { name: '한국어', exact: true }).click();
    await see(page.locator('fw-poll-result .verdict').getByText(/^(가결|부결)$/));
  });
});
