import { beforeAll, describe, expect, it } from 'vitest';
import { see, useStage } from '../helpers/e2e';
import type { TestServer } from '../helpers/server';

/**
 * Scheduling (issue 17, "Friction"): the new-meeting form links each agenda item to a
 * proposal and names its presenter — a person of the forum or a guest typed in — so no
 * item needs a second dialog.
 */
const stage = useStage();
let server: TestServer;
beforeAll(() => {
  server = stage.server;
});

describe('the new-meeting form', () => {
  it('schedules a meeting whose items carry their proposal and presenter', async () => {
    const page = await stage.signedIn('ministry@forum.demo', { viewport: { width: 1440, height: 1000 } });
    await page.getByRole('link', { name: '회의', exact: true }).click();
    await page.getByRole('button', { name: '회의 만들기' }).click();
    await page.getByLabel('회의 제목').fill('제11차 산업대전환 포럼 위원장 회의');

    // item 1: a proposal names the untitled item; a chairperson presents it
    await page.getByLabel('1번 안건 관련 제안').selectOption({ label: '국가 산업인재은행' });
    expect(await page.getByLabel('1번 안건 제목').inputValue()).toBe('국가 산업인재은행');
    const { userId: workforceChair } = await server.login('chair.workforce@forum.demo');
    await page.getByLabel('1번 안건 발표자', { exact: true }).selectOption(workforceChair);
    // item 2: a guest speaker typed in
    await page.getByRole('button', { name: '안건 추가' }).click();
    await page.getByLabel('2번 안건 제목').fill('해외 사례 발표');
    await page.getByLabel('2번 안건 발표자', { exact: true }).selectOption({ label: '직접 입력' });
    await page.getByLabel('2번 안건 발표자 이름').fill('마리아 슈미트');
    await page.locator('fw-meeting-form').getByRole('button', { name: '회의 만들기' }).click();

    await see(page.getByRole('heading', { level: 1, name: '제11차 산업대전환 포럼 위원장 회의' }));
    const agenda = page.locator('fw-agenda-panel');
    const first = agenda.locator('li.item').filter({ hasText: '국가 산업인재은행' });
    await see(first.getByText('발표: 김은영'));
    await see(first.getByRole('link', { name: '국가 산업인재은행' }));
    await see(agenda.locator('li.item').filter({ hasText: '해외 사례 발표' }).getByText('발표: 마리아 슈미트'));

    const id = new URL(page.url()).pathname.split('/').at(-1)!;
    const { token } = await server.login('ministry@forum.demo');
    const res = await fetch(`${server.url}/api/meetings/${id}`, { headers: { authorization: `Bearer ${token}` } });
    const { meeting } = (await res.json()) as { meeting: { agenda: { title: string; proposalId: string | null; presenter: { userId: string | null; name: string } | null }[] } };
    expect(meeting.agenda.map((i) => [i.title, i.proposalId, i.presenter?.name ?? null, i.presenter?.userId !== null])).toEqual([
      ['국가 산업인재은행', 'talent-bank', '김은영', true],
      ['해외 사례 발표', null, '마리아 슈미트', false],
    ]);
  });
});
