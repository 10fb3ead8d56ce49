import { join } from 'node:path';
import * as Y from 'yjs';
import { ACTION_ITEM_NODE, MINUTES_FIELD } from '../../shared/meetings/minutes';
import { seoulToday } from '../../shared/domain';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { see, useStage } from '../helpers/e2e';
import { MeetingRunner } from '../helpers/meeting-run';
import type { TestServer } from '../helpers/server';

/**
 * The README's pictures of the app (docs/screenshots/*.png), retaken from the demo with
 * RECORD_SCREENSHOTS=1: `RECORD_SCREENSHOTS=1 npx vitest run test/e2e/screenshots.test.ts`.
 * Without it the file only checks that each page it would picture opens.
 */
const stage = useStage();
let server: TestServer;
let runner: MeetingRunner;
beforeAll(() => {
  server = stage.server;
  runner = new MeetingRunner(server);
});
afterAll(() => runner.close());

const record = process.env.RECORD_SCREENSHOTS === '1';
const shot = (name: string) => ({ path: record ? join(process.cwd(), 'docs/screenshots', name) : undefined });
const ready = (page: import('playwright-core').Page) =>
  page.waitForFunction(() => !document.querySelector('.fw-editor__loading'), null, { timeout: 15_000 });

describe('README screenshots', () => {
  let meetingId = '';
  beforeAll(async () => {
    meetingId = await runner.adoptTalentBank('제14차 산업대전환 포럼 위원장 회의', { end: false });
    // Two action items of the ministry's, one overdue, for the home page's "내 후속 조치".
    const items = [
      { id: 'talent-bank-plan', text: '국가 산업인재은행 운영 방안 보고', days: 7 },
      { id: 'incentive-table', text: '경쟁국 투자 인센티브 비교표 제출', days: -2 },
    ];
    await server.documents.change(`minutes:${meetingId}`, (doc) => {
      doc.getXmlFragment(MINUTES_FIELD).push(
        items.map(({ id, text }) => {
          const el = new Y.XmlElement(ACTION_ITEM_NODE);
          el.setAttribute('id', id);
          el.insert(0, [new Y.XmlText(text)]);
          return el;
        }),
      );
    });
    const ministry = await server.login('ministry@forum.demo');
    for (const { id, days } of items) {
      const due = seoulToday(new Date(Date.now() + days * 86_400_000));
      await runner.api(ministry.token, 'PUT', `/api/meetings/${meetingId}/action-items/${id}`, { owner: { userId: ministry.userId }, due });
    }
  }, 120_000);

  it('home, search, a proposal being co-edited, the meeting room, a result, the projector', async () => {
    const ministry = await stage.signedIn('ministry@forum.demo', { viewport: { width: 1280, height: 900 } });
    await stage.signedIn('chair.investment@forum.demo');
    await see(ministry.getByRole('region', { name: '접속 중' }).getByText('박성호'));
    await see(ministry.getByText('경쟁국 투자 인센티브 비교표 제출'));
    await ministry.screenshot({ fullPage: true, ...shot('home.png') });

    // search: a word from a proposal's text, marked in the passage around it
    await ministry.goto(`${server.url}/search?q=${encodeURIComponent('세액공제')}`);
    await see(ministry.locator('fw-search-page mark'));
    await ministry.screenshot(shot('search.png'));
    await ministry.goto(`${server.url}/`);

    // a proposal with another editor's caret beside the ministry's view
    const chair = await stage.signedIn('chair.investment@forum.demo', { viewport: { width: 1360, height: 1000 } });
    await chair.goto(`${server.url}/proposals/investment-incentives`);
    await see(chair.locator('fw-editor .ProseMirror'));
    await ready(chair);
    await ministry.setViewportSize({ width: 1360, height: 1000 });
    await ministry.goto(`${server.url}/proposals/investment-incentives`);
    await see(ministry.locator('fw-editor .ProseMirror'));
    await ready(ministry);
    await chair.locator('fw-editor .ProseMirror p').first().click();
    await chair.keyboard.press('End');
    await see(ministry.locator('.collaboration-carets__caret, .collaboration-cursor__caret'), 15_000).catch(() => undefined);
    await ministry.screenshot(shot('proposal.png'));

    await ministry.setViewportSize({ width: 1440, height: 1000 });
    await ministry.goto(`${server.url}/meetings/${meetingId}`);
    await see(ministry.getByRole('heading', { level: 1, name: '제14차 산업대전환 포럼 위원장 회의' }));
    await ready(ministry);
    await ministry.screenshot({ fullPage: true, ...shot('meeting-room.png') });

    await ministry.setViewportSize({ width: 1280, height: 900 });
    await (await see(ministry.locator('fw-poll-panel summary').filter({ hasText: '지난 표결' }))).click();
    const result = await see(ministry.locator('fw-poll-record').filter({ hasText: '국가 산업인재은행 채택' }));
    await result.scrollIntoViewIfNeeded();
    await ministry.screenshot(shot('poll-result.png'));

    await ministry.setViewportSize({ width: 1600, height: 900 });
    await ministry.goto(`${server.url}/meetings/${meetingId}/projector`);
    await see(ministry.locator('fw-poll-result .verdict'));
    await ministry.screenshot(shot('projector.png'));
  });
});
