import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { see, useStage } from '../helpers/e2e';
import type { TestServer } from '../helpers/server';

/**
 * Every refusal reads fully in the user's language (issue 17, "Language"): the server
 * sends a reason key, the page words it; a notice follows the language switch.
 */
const stage = useStage();
let server: TestServer;
beforeAll(() => {
  server = stage.server;
});

/** The text of every error message on the page (light DOM and shadow roots alike). */
const errorTexts = (page: Page): Promise<string[]> => page.locator('.message.error').allTextContents();

describe('a refusal in Korean, then in English', () => {
  it('says “you cannot remove your own ministry role” in Korean with no Latin script, and in English after the switch', async () => {
    const page = await stage.signedIn('ministry@forum.demo');
    await page.goto(`${server.url}/admin/users`);
    await page.getByLabel('이정민 님의 역할', { exact: true }).selectOption('observer');
    await page.getByRole('row', { name: /이정민/ }).getByRole('button', { name: '저장' }).click();
    const refusal = await see(page.locator('fw-user-roles .message.error'));
    expect(await refusal.textContent()).toContain('자신의 사무국 역할은 해제할 수 없습니다');
    const texts = await errorTexts(page);
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text, 'a Korean page shows Latin-script error text').not.toMatch(/[A-Za-z]/);

    await page.getByRole('button', { name: 'English', exact: true }).click();
    await see(page.locator('fw-user-roles .message.error').getByText('You cannot remove your own ministry role.', { exact: false }));
    for (const text of await errorTexts(page)) expect(text, 'a Korean notice stayed after switching to English').not.toMatch(/[가-힣]/);
  });
});

describe('versions the server saved by itself', () => {
  it('are labelled in the viewer’s language: “논의 중” in Korean, “Under discussion” in English', async () => {
    const page = await stage.signedIn('chair.workforce@forum.demo');
    await page.goto(`${server.url}/proposals/talent-bank`);
    await page.getByRole('tab', { name: '버전' }).click();
    const labels = page.locator('fw-versions-panel p.label');
    await see(labels.getByText('논의 중', { exact: true }));
    await see(labels.getByText('제출됨', { exact: true }));
    for (const text of await labels.allTextContents()) expect(text, 'an automatic label in two languages').not.toMatch(/[A-Za-z]/);

    await page.getByRole('button', { name: 'English', exact: true }).click();
    await see(labels.getByText('Under discussion', { exact: true }));
    await see(labels.getByText('Submitted', { exact: true }));
    for (const text of await labels.allTextContents()) expect(text, 'a Korean label on the English page').not.toMatch(/[가-힣]/);
  });
});

describe('dates and times', () => {
  const koDateTime = /^\d{4}년 \d{1,2}월 \d{1,2}일 \([일월화수목금토]\) \d{2}:\d{2}$/;
  const enDateTime = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}, \d{2}:\d{2}$/;

  it('read one way per language on the lists, in the room and in the minutes, in Korea time', async () => {
    const page = await stage.signedIn('ministry@forum.demo', { viewport: { width: 1440, height: 1000 } });
    await page.goto(`${server.url}/proposals`);
    const updated = page.locator('fw-proposals-page td.when time');
    await see(updated);
    for (const text of await updated.allTextContents()) expect(text.trim()).toMatch(koDateTime);

    await page.goto(`${server.url}/meetings`);
    const listed = page.locator('fw-meetings-page time');
    await see(listed);
    for (const text of await listed.allTextContents()) expect(text.trim()).toMatch(koDateTime);

    // the room's header says the start as the minutes' template wrote it (일시: …)
    await page.locator('fw-meetings-page').getByRole('link', { name: /^회의실 입장/ }).first().click();
    const start = (await (await see(page.locator('fw-meeting-header time').first())).textContent())!.trim();
    expect(start).toMatch(koDateTime);
    await see(page.locator('fw-editor[slot="minutes"] .fw-prose').getByText(`일시: ${start}`));
    // every time has its instant, and Seoul's wall clock is what it shows
    const datetime = (await page.locator('fw-meeting-header time').first().getAttribute('datetime'))!;
    const seoulWall = new Date(Date.parse(datetime) + 9 * 3_600_000).toISOString().slice(11, 16);
    expect(start.endsWith(seoulWall)).toBe(true);

    await page.getByRole('button', { name: 'English', exact: true }).click();
    await expect.poll(async () => (await page.locator('fw-meeting-header time').first().textContent())?.trim()).toMatch(enDateTime);
    await page.goto(`${server.url}/proposals`);
    await see(updated);
    for (const text of await updated.allTextContents()) expect(text.trim()).toMatch(enDateTime);
  });
});
