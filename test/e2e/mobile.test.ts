import { beforeAll, describe, expect, it } from 'vitest';
import { see, useStage } from '../helpers/e2e';
import type { TestServer } from '../helpers/server';

/** On a 390 px phone (issue 17, "Mobile"): the proposals table becomes cards. */
const stage = useStage();
let server: TestServer;
beforeAll(() => {
  server = stage.server;
});

const phone = { viewport: { width: 390, height: 844 } };

describe('the proposals list on a phone', () => {
  it('shows each proposal as a card the width of the screen, with its facts named, and nothing to scroll sideways', async () => {
    const page = await stage.signedIn('chair.investment@forum.demo', phone);
    await page.goto(`${server.url}/proposals`);
    const cards = page.locator('fw-proposals-page tr.proposal');
    const first = await see(cards);
    const fit = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(fit.scroll, 'the page scrolls sideways').toBeLessThanOrEqual(fit.client);
    // a card: the title on its own line above the facts, which stack
    const title = (await first.locator('td.title').boundingBox())!;
    const status = (await first.locator('td').nth(2).boundingBox())!;
    const when = (await first.locator('td.when').boundingBox())!;
    expect(status.y).toBeGreaterThanOrEqual(title.y + title.height - 1);
    expect(when.y).toBeGreaterThan(status.y);
    expect(title.width).toBeGreaterThan(250);
    // each fact says what it is (the column headings are out of sight)
    expect(await first.locator('td.when').evaluate((td) => getComputedStyle(td, '::before').content)).toContain('최근 변경');
    // and at a desktop width it is a table again
    await page.setViewportSize({ width: 1280, height: 900 });
    const row = (await first.boundingBox())!;
    const titleWide = (await first.locator('td.title').boundingBox())!;
    const whenWide = (await first.locator('td.when').boundingBox())!;
    expect(Math.abs(whenWide.y - titleWide.y)).toBeLessThan(row.height);
  });
});

describe('the meeting room on a phone', () => {
  it('puts the current item, the vote and the hand button before the agenda, the proposal and the minutes', async () => {
    const { MeetingRunner } = await import('../helpers/meeting-run');
    const runner = new MeetingRunner(server);
    const meetingId = await runner.adoptTalentBank('제15차 산업대전환 포럼 위원장 회의', { end: false });
    runner.close();
    const page = await stage.signedIn('chair.productivity@forum.demo', phone);
    await page.goto(`${server.url}/meetings/${meetingId}`);
    const hand = await see(page.getByRole('button', { name: '발언 신청', exact: true }));
    const top = async (selector: string) => (await page.locator(selector).first().boundingBox())!.y;
    const order = [
      ['current item', await top('fw-meeting-header .current')],
      ['vote', await top('fw-poll-panel')],
      ['hand button', (await hand.boundingBox())!.y],
      ['agenda', await top('fw-agenda-panel')],
      ['minutes', await top('fw-minutes-panel')],
    ] as const;
    for (let i = 1; i < order.length; i++) {
      expect(order[i]![1], `${order[i - 1]![0]} comes before ${order[i]![0]}`).toBeGreaterThan(order[i - 1]![1]);
    }
    const fit = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(fit.scroll, 'the room scrolls sideways').toBeLessThanOrEqual(fit.client);
  });
});
