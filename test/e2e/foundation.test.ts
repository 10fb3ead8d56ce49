import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { dDay } from '../../client/i18n/format';
import { demoAccount, see, useStage } from '../helpers/e2e';
import type { TestServer } from '../helpers/server';

/**
 * The foundation as a person meets it in Chromium: sign in, the home page in
 * Korean and English, who is online, the admin page. Every check is on text a
 * user would see.
 */
const stage = useStage();
let server: TestServer;
beforeAll(() => {
  server = stage.server;
});

const investmentChair = demoAccount('chair.investment@forum.demo');
const workforceChair = demoAccount('chair.workforce@forum.demo');
const ministry = demoAccount('ministry@forum.demo');
const openBrowser = () => stage.open();
const signIn = (page: Page, email: string, password?: string) => stage.signIn(page, email, password);

describe('sign-in', () => {
  it('says in Korean that the email or password is wrong', async () => {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: investmentChair.email, password: 'not-the-password' }),
    });
    const { error } = (await res.json()) as { error: { reason: string } };
    expect(error.reason).toBe('auth.invalid_credentials');

    const page = await openBrowser();
    await signIn(page, investmentChair.email, 'not-the-password');
    await see(page.getByRole('alert').filter({ hasText: '이메일 또는 비밀번호가 올바르지 않습니다.' }));
    // Still on the sign-in form: nobody was signed in.
    expect(await page.getByRole('heading', { name: '로그인' }).isVisible()).toBe(true);
  });
});

describe('home page', () => {
  it('greets a chairperson in Korean with the D-day and the subcommittees', async () => {
    const page = await openBrowser();
    await signIn(page, investmentChair.email);
    await see(page.getByRole('heading', { level: 1, name: '산업대전환 포럼' }));
    await see(page.getByRole('heading', { name: '투자 분과' }));
    await see(page.getByRole('heading', { name: '인력 분과' }));
    // The countdowns show the days the forum answers (to the end of the project, to the strategy's due date).
    const days = await page.evaluate(async () => (await (await fetch('/api/forum')).json()) as { projectDaysLeft: number; strategyDaysLeft: number });
    await see(page.getByText(dDay(days.projectDaysLeft), { exact: true }).first());
    await see(page.getByText(dDay(days.strategyDaysLeft), { exact: true }).first());
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ko');
    // the signed-in person in the header
    await see(page.getByRole('banner').getByText(investmentChair.name));
  });

  it('switches to English', async () => {
    const page = await stage.signedIn(investmentChair.email);
    await page.getByRole('button', { name: 'English' }).click();
    await see(page.getByRole('heading', { level: 1, name: 'Industrial Transformation Forum' }));
    await see(page.getByRole('heading', { name: 'Investment', exact: true }));
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  });

  it('shows a second person in the online list as soon as they sign in', async () => {
    const first = await stage.signedIn(ministry.email);
    const online = first.getByRole('region', { name: '접속 중' });
    await see(online.getByText(ministry.name));
    expect(await online.getByText(workforceChair.name).count()).toBe(0);

    const second = await openBrowser();
    await signIn(second, workforceChair.email);
    await see(second.getByRole('heading', { level: 1, name: '산업대전환 포럼' }));

    await see(online.getByText(workforceChair.name));
    await see(second.getByRole('region', { name: '접속 중' }).getByText(ministry.name));
  });
});

describe('admin page', () => {
  it('lets ministry staff create an invitation link that a new person can accept', async () => {
    const page = await openBrowser();
    await signIn(page, ministry.email);
    await page.getByRole('link', { name: '관리', exact: true }).click();
    await see(page.getByRole('heading', { level: 1, name: '관리' }));
    await see(page.getByRole('heading', { name: '사용자 초대' }));

    await page.getByLabel('이메일', { exact: true }).fill('new.person@forum.demo');
    await page.getByLabel('역할', { exact: true }).selectOption({ label: '분과위원장' });
    await page.getByLabel('분과', { exact: true }).selectOption({ label: '신사업 분과' });
    await page.getByRole('button', { name: '초대 링크 만들기' }).click();

    await see(page.getByText('new.person@forum.demo 님의 초대 링크를 만들었습니다.', { exact: false }));
    const link = await page.getByLabel('초대 링크', { exact: true }).inputValue();
    expect(link).toMatch(new RegExp(`^${server.url}/invite/[A-Za-z0-9_-]{20,}$`));

    // The audit log records it, and offers the same entries as CSV.
    await page.getByRole('link', { name: '감사 로그' }).click();
    await see(page.getByRole('cell', { name: 'users.invite' }));
    expect(await page.getByRole('link', { name: 'CSV 내보내기' }).getAttribute('href')).toBe('/api/audit.csv');

    // The invited person opens the link in their own browser.
    const invited = await openBrowser();
    await invited.goto(link);
    await see(invited.getByRole('heading', { name: '초대 수락' }));
    await invited.getByLabel('이름', { exact: true }).fill('이서준');
    await invited.getByLabel('비밀번호', { exact: true }).fill('a-long-enough-password');
    await invited.getByRole('button', { name: '계정 만들기' }).click();
    await see(invited.getByRole('heading', { level: 1, name: '산업대전환 포럼' }));
    await see(invited.getByRole('banner').getByText('이서준'));
  });
});
