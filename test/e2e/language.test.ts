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
