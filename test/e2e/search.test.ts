import { describe, expect, it } from 'vitest';
import { searchPath } from '../../client/router/routes';
import { see, useStage } from '../helpers/e2e';
import { waitFor } from '../helpers/server';

/**
 * Search in Chromium: a chairperson types a Korean word that appears only in the body of
 * the demo proposal "경쟁국 이상의 투자 인센티브 보장" into the header's search field; the
 * search page lists that proposal, the word marked (<mark>) in the passage around it,
 * and the title leads to the proposal. Words of the strategy's preface find the strategy,
 * named as such, and lead to /strategy.
 */
const stage = useStage();

describe('search', () => {
  it('finds “세액공제” in a proposal’s text and marks it in the result', async () => {
    const page = await stage.signedIn('chair.workforce@forum.demo');
    const field = page.getByRole('searchbox', { name: '제안·회의록·전략 검색' });
    await field.click();
    await field.pressSequentially('세액공제');
    await field.press('Enter');

    await page.waitForURL(/\/search\?q=/);
    const hit = page.locator('fw-search-page li').filter({ hasText: '경쟁국 이상의 투자 인센티브 보장' });
    await see(hit);
    expect(await hit.locator('mark').allTextContents()).toEqual(['세액공제']);
    expect(await hit.locator('.snippet').first().textContent()).toContain('세액공제 및 현금 보조금 병행');
    expect(await hit.locator('.matches').textContent()).toBe('1곳 일치');
    await expect.poll(() => page.getByRole('status').filter({ hasText: '검색 결과' }).first().textContent()).toMatch(/“세액공제” 검색 결과 \d+건/);

    await hit.getByRole('link', { name: '경쟁국 이상의 투자 인센티브 보장' }).click();
    await page.waitForURL(/\/proposals\/investment-incentives$/);
  });

  it('finds words of the strategy’s preface and names the strategy, leading to it', async () => {
    const q = '상반기 중 산업대전환';
    // The strategy's template is indexed in the background at start: wait for it before the page asks.
    const { token } = await stage.login('observer@forum.demo');
    await waitFor(async () => {
      const res = await fetch(`${stage.server.url}/api/search?q=${encodeURIComponent(q)}`, { headers: { authorization: `Bearer ${token}` } });
      return JSON.stringify(await res.json()).includes('"strategy"');
    }, 'the strategy to be indexed');
    const page = await stage.visit('observer@forum.demo', searchPath(q));
    const hit = page.locator('fw-search-page li').filter({ hasText: '산업대전환 전략' });
    await see(hit);
    expect(await hit.locator('.kind').textContent()).toBe('전략');
    expect(await hit.locator('mark').allTextContents()).toEqual([q]);

    await hit.getByRole('link', { name: '산업대전환 전략' }).click();
    await page.waitForURL(/\/strategy$/);
  });
});
