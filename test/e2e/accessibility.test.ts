import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { axeFindings } from '../helpers/axe';
import { chromiumPath } from '../helpers/browser';
import { ensureClientBuilt } from '../helpers/build-client';
import { see } from '../helpers/e2e';
import { MeetingRunner } from '../helpers/meeting-run';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * axe-core on every page, as every role meets it (issue 17, "Accessibility"; KWCAG 2.2 /
 * WCAG 2.1 AA): no violation of impact serious or critical. One Chromium, one context per
 * person, the pages visited in sequence, so the whole walk stays short.
 */
let server: TestServer;
let browser: Browser;
let runner: MeetingRunner;
let meetingId = '';

beforeAll(async () => {
  await ensureClientBuilt();
  server = await startTestServer({ demo: true });
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  runner = new MeetingRunner(server);
  // A live meeting with a closed vote, a speaker on the floor and an open vote.
  meetingId = await runner.adoptTalentBank('제10차 산업대전환 포럼 위원장 회의', { end: false });
  await runner.openPoll(meetingId, '후속 과제 우선순위');
}, 180_000);

afterAll(async () => {
  runner?.close();
  await browser?.close();
  await server?.close();
});

/** A signed-in person's own browser context (its own cookies), at 1280×900, Korean. */
async function person(email: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  await page.getByLabel('이메일', { exact: true }).fill(email);
  await page.getByLabel('비밀번호', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '로그인', exact: true }).click();
  await see(page.getByRole('heading', { level: 1, name: '산업대전환 포럼' }));
  return page;
}

/** Opens a path and waits until its level-1 heading is there (and the editor loaded, where there is one). */
async function visit(page: Page, path: string, ready: (page: Page) => Promise<unknown>): Promise<void> {
  await page.goto(`${server.url}${path}`);
  await ready(page);
  await page.waitForFunction(() => !document.querySelector('.fw-editor__loading'), null, { timeout: 15_000 });
}

const heading = (name?: string | RegExp) => (page: Page) => see(page.getByRole('heading', { level: 1, ...(name ? { name } : {}) }));
const editorLoaded = (page: Page) => see(page.locator('fw-editor .ProseMirror'));
const both =
  (...steps: ((page: Page) => Promise<unknown>)[]) =>
  async (page: Page) => {
    for (const step of steps) await step(page);
  };

/** Pages and how to know each has loaded, per role. */
function walk(): Record<string, [string, (page: Page) => Promise<unknown>][]> {
  const room = `/meetings/${meetingId}`;
  const meetingTitle = heading('제10차 산업대전환 포럼 위원장 회의');
  return {
    'ministry@forum.demo': [
      ['/', heading('산업대전환 포럼')],
      ['/proposals', heading('제안')],
      ['/proposals/investment-incentives', both(heading(), editorLoaded)],
      ['/meetings', heading('회의')],
      [room, both(meetingTitle, editorLoaded)],
      [`${room}/projector`, meetingTitle],
      ['/admin', heading('관리')],
      ['/admin/users', heading('관리')],
      ['/admin/audit', heading('관리')],
      ['/admin/quarantine', heading('관리')],
      ['/strategy', both(heading(), editorLoaded)],
    ],
    'chair.investment@forum.demo': [
      ['/', heading('산업대전환 포럼')],
      ['/proposals/investment-incentives', both(heading(), editorLoaded)],
      [room, both(meetingTitle, editorLoaded)],
    ],
    'minutes@forum.demo': [
      ['/', heading('산업대전환 포럼')],
      [room, both(meetingTitle, editorLoaded)],
    ],
    'observer@forum.demo': [
      ['/', heading('산업대전환 포럼')],
      [room, both(meetingTitle, editorLoaded)],
      [`${room}/live`, both(meetingTitle, editorLoaded)],
    ],
  };
}

describe('axe-core finds nothing serious or critical', () => {
  for (const email of ['ministry@forum.demo', 'chair.investment@forum.demo', 'minutes@forum.demo', 'observer@forum.demo']) {
    it(`on every page ${email} opens`, async () => {
      const page = await person(email);
      const found: Record<string, string[]> = {};
      for (const [path, ready] of walk()[email]!) {
        await visit(page, path, ready);
        const findings = await axeFindings(page);
        if (findings.length) found[path] = findings.map((f) => `${f.rule} (${f.impact}) ${f.target}: ${f.summary}`);
      }
      expect(found).toEqual({});
      await page.context().close();
    }, 180_000);
  }
});
