import * as Y from 'yjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMENTS_FIELD, commentsDocName } from '../../shared/comments';
import { AMENDMENT_FIELD } from '../../shared/schemas/amendment-fields';
import { see, useStage } from '../helpers/e2e';
import { MeetingRunner } from '../helpers/meeting-run';
import type { TestServer } from '../helpers/server';

/**
 * Guard rails (issue 17, "Friction"): starting a meeting on another day than scheduled
 * asks first; inviting a second chairperson for a subcommittee that has one warns;
 * approving minutes while amendments on the agenda's proposals are open warns and lists them.
 */
const stage = useStage();
let server: TestServer;
beforeAll(() => {
  server = stage.server;
});

describe('starting a meeting', () => {
  it('on another day than scheduled asks first; declining leaves it scheduled, agreeing starts it', async () => {
    const runner = new MeetingRunner(server);
    const ministry = await runner.connect('ministry@forum.demo');
    const inTwoDays = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const { meeting } = (await runner.api(ministry.token, 'POST', '/api/meetings', { title: '제12차 산업대전환 포럼 위원장 회의', startsAt: inTwoDays })) as {
      meeting: { id: string };
    };
    runner.close();

    const page = await stage.signedIn('ministry@forum.demo', { viewport: { width: 1440, height: 1000 } });
    await page.goto(`${server.url}/meetings/${meeting.id}`);
    await see(page.getByRole('heading', { level: 1, name: '제12차 산업대전환 포럼 위원장 회의' }));
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await page.getByRole('button', { name: '회의 시작' }).click();
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toMatch(/^‘제12차 산업대전환 포럼 위원장 회의’ 회의는 \d{4}년 \d{1,2}월 \d{1,2}일로 예정되어 있습니다\. 오늘\(\d{4}년 \d{1,2}월 \d{1,2}일\) 시작할까요\?$/);
    expect(await page.locator('fw-meeting-header .badge.live').count()).toBe(0);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: '회의 시작' }).click();
    await see(page.locator('fw-meeting-header .badge.live'));
  });
});

describe('inviting a chairperson', () => {
  it('for a subcommittee that has one warns, naming the chairperson it has', async () => {
    const page = await stage.signedIn('ministry@forum.demo');
    await page.goto(`${server.url}/admin`);
    await page.getByLabel('역할', { exact: true }).selectOption('chair');
    const warning = page.locator('fw-invite-form .message.warning');
    await page.getByLabel('분과', { exact: true }).selectOption('workforce');
    await see(warning.getByText('인력 분과에는 이미 위원장(김은영)이 있습니다.', { exact: false }));
    // the warning belongs to the field, for screen readers too
    expect(await page.getByLabel('분과', { exact: true }).getAttribute('aria-describedby')).toBe('second-chair');
    await page.getByLabel('분과', { exact: true }).selectOption('');
    await warning.waitFor({ state: 'detached' });
    await page.getByLabel('역할', { exact: true }).selectOption('observer');
    expect(await warning.count()).toBe(0);
  });
});

describe('approving the minutes', () => {
  it('while an amendment on an agenda proposal is open warns and lists it; declining keeps them circulated, agreeing approves', async () => {
    const runner = new MeetingRunner(server);
    const ministry = await runner.connect('ministry@forum.demo');
    const api = (method: string, path: string, body?: unknown) => runner.api(ministry.token, method, path, body);
    const { proposal } = (await api('POST', '/api/proposals', { title: '반도체 설비투자 세액공제 상향', subcommittee: 'investment' })) as { proposal: { id: string } };
    const quote = '세액공제율을 15%로 한다.';
    await server.documents.change(`proposal:${proposal.id}`, (doc) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(`설비투자 ${quote}`)]);
      doc.getXmlFragment('default').push([p]);
    });
    await api('POST', `/api/proposals/${proposal.id}/status`, { to: 'submitted' });
    // A chairperson's comment suggesting another text, neither accepted nor declined.
    await server.documents.change(commentsDocName(`proposal:${proposal.id}`), (doc) => {
      const thread = new Y.Map<unknown>();
      thread.set('id', 'open-amendment');
      thread.set('quote', quote);
      thread.set('author', { id: 'someone', name: '김은영' });
      thread.set('body', '20%가 어떨까요');
      thread.set('resolved', false);
      thread.set('replies', new Y.Array());
      thread.set(AMENDMENT_FIELD, '세액공제율을 20%로 한다.');
      doc.getArray(COMMENTS_FIELD).push([thread]);
    });
    const { meeting } = (await api('POST', '/api/meetings', {
      title: '제13차 위원장 회의',
      startsAt: new Date().toISOString(),
      agenda: [{ title: '세액공제 상향', proposalId: proposal.id }],
    })) as { meeting: { id: string } };
    await api('POST', `/api/meetings/${meeting.id}/start`);
    await api('POST', `/api/meetings/${meeting.id}/end`);
    await api('POST', `/api/meetings/${meeting.id}/minutes/status`, { to: 'circulated' });
    runner.close();

    const page = await stage.signedIn('ministry@forum.demo', { viewport: { width: 1440, height: 1000 } });
    await page.goto(`${server.url}/meetings/${meeting.id}`);
    await see(page.getByRole('heading', { level: 1, name: '제13차 위원장 회의' }));
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await page.getByRole('button', { name: '확정하기' }).click();
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toContain('아직 수락하거나 거절하지 않은 수정 제안이 1건');
    expect(asked[0]).toContain('‘반도체 설비투자 세액공제 상향’: “세액공제율을 15%로 한다.” → “세액공제율을 20%로 한다.” (김은영)');
    const status = async () => ((await (await fetch(`${server.url}/api/meetings/${meeting.id}`, { headers: { authorization: `Bearer ${ministry.token}` } })).json()) as { meeting: { minutes: { status: string } } }).meeting.minutes.status;
    expect(await status()).toBe('circulated');

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: '확정하기' }).click();
    await expect.poll(status).toBe('approved');
  });
});
