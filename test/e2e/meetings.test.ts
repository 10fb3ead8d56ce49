import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COMMENTS_FIELD, commentsDocName } from '../../shared/comments';
import { minutesFragment, minutesText as minutesPlainText } from '../../shared/meetings/minutes';
import { FIRST_MEETING_TITLE } from '../../server/seed/demo-meetings';
import { demoAccount, see, selectText, useStage } from '../helpers/e2e';
import { MeetingRunner } from '../helpers/meeting-run';
import { callApi, type TestServer } from '../helpers/server';

/**
 * A live meeting as its people meet it in Chromium, each in a browser of their own:
 * ministry staff start the demo meeting and move the agenda, an observer's live view
 * follows, the minute-taker's Korean typing reaches the observer as it is typed, a
 * chairperson's raised hand reaches the ministry's speaker queue, and once minutes are
 * circulated a chairperson comments on them but cannot change them. After the first step,
 * each starts from a meeting of its own, brought to where its story begins over HTTP and
 * Socket.IO. No fixed sleeps: every step waits for what a person would see.
 */
const stage = useStage();
let server: TestServer;
let runner: MeetingRunner;
beforeAll(() => {
  server = stage.server;
  runner = new MeetingRunner(server, (email) => stage.login(email));
});
afterEach(() => runner.close());

const investmentChair = demoAccount('chair.investment@forum.demo');
const seen = { timeout: 15_000 };

/** A wide browser, signed in: the room shows agenda, proposal and minutes side by side. */
const wide = { viewport: { width: 1440, height: 1000 } };
const signedIn = (email: string): Promise<Page> => stage.signedIn(email, wide);

/** The banner that names the current agenda item (a live region). */
const currentBanner = (page: Page) => page.locator('fw-meeting-header .current');
/** The minutes' editing area (light DOM, so plain selectors reach it). */
const minutesText = (page: Page) => page.locator('fw-editor[slot="minutes"] .fw-prose');

describe('a live meeting', () => {
  const roomTitle = '산업대전환 포럼 위원장 실무 회의';
  /**
   * A live meeting with the demo meeting's first three items (the reports presented by their
   * chairs), started by ministry staff, its current item `current` (1-based) if given. Answers its path.
   */
  async function liveMeeting(current?: number): Promise<string> {
    const { token } = await stage.login('ministry@forum.demo');
    const [investment, workforce] = await Promise.all([stage.login(investmentChair.email), stage.login('chair.workforce@forum.demo')]);
    const { meeting } = await callApi<{ meeting: { id: string; agenda: { id: string }[] } }>(server, token, 'POST', '/api/meetings', {
      title: roomTitle,
      startsAt: new Date().toISOString(),
      place: '대한상공회의소 국제회의장 (서울 중구)',
      agenda: [
        { title: '개회 및 포럼 운영 방향', plannedMinutes: 10 },
        { title: '투자 분과 제안 보고', plannedMinutes: 15, presenter: { userId: investment.userId } },
        { title: '인력 분과 제안 보고', plannedMinutes: 15, presenter: { userId: workforce.userId } },
      ],
    });
    await callApi(server, token, 'POST', `/api/meetings/${meeting.id}/start`);
    if (current) {
      const ministry = await runner.connect('ministry@forum.demo');
      await runner.must(ministry.socket, 'meeting:join', { meetingId: meeting.id });
      await runner.must(ministry.socket, 'meeting:setCurrentItem', { meetingId: meeting.id, itemId: meeting.agenda[current - 1]!.id });
    }
    return `/meetings/${meeting.id}`;
  }
  /** Someone already signed in, in the meeting room (`/live`: the observer's view). */
  const inRoom = async (email: string, meetingPath: string, view = '') => {
    const page = await stage.visit(email, `${meetingPath}${view}`, wide);
    await see(page.getByRole('heading', { level: 1, name: roomTitle }));
    return page;
  };

  it('lets ministry staff start the demo meeting and move the agenda', async () => {
    const ministry = await signedIn('ministry@forum.demo');
    await ministry.getByRole('link', { name: '회의', exact: true }).click();
    await see(ministry.getByRole('heading', { level: 1, name: '회의' }));
    await ministry.getByRole('link', { name: `회의실 입장: ${FIRST_MEETING_TITLE}` }).click();
    await see(ministry.getByRole('heading', { level: 1, name: FIRST_MEETING_TITLE }));
    const meetingPath = new URL(ministry.url()).pathname;
    expect(meetingPath).toMatch(/^\/meetings\/[A-Za-z0-9_-]+$/);

    await ministry.getByRole('button', { name: '회의 시작' }).click();
    await see(ministry.locator('fw-meeting-header .badge.live'));
    await ministry.getByRole('button', { name: '‘투자 분과 제안 보고’을(를) 현재 안건으로' }).click();
    await see(currentBanner(ministry).getByText('2. 투자 분과 제안 보고'));
    // The agenda marks it, with its timer against the plan.
    const current = await see(ministry.locator('fw-agenda-panel li[aria-current="step"]'));
    expect(await current.textContent()).toContain('투자 분과 제안 보고');
    await see(current.getByText('/ 15:00'));
  });

  it('moves an observer’s live view along with the agenda', async () => {
    const meetingPath = await liveMeeting(2);
    const [ministry, observer] = await Promise.all([inRoom('ministry@forum.demo', meetingPath), stage.visit('observer@forum.demo', `${meetingPath}/live`, wide)]);
    await see(observer.getByText('참관인으로 실시간 참관 중입니다.', { exact: false }));
    await see(currentBanner(observer).getByText('2. 투자 분과 제안 보고'));
    // read-only: no buttons that run the meeting
    expect(await observer.getByRole('button', { name: '회의 종료' }).count()).toBe(0);
    expect(await observer.getByRole('button', { name: /현재 안건으로/ }).count()).toBe(0);

    await ministry.getByRole('button', { name: '‘인력 분과 제안 보고’을(를) 현재 안건으로' }).click();
    await see(currentBanner(observer).getByText('3. 인력 분과 제안 보고'));
    await see(observer.locator('fw-agenda-panel li[aria-current="step"]').getByText('인력 분과 제안 보고'));
    // the banner is a polite live region, so screen readers hear the change
    expect(await currentBanner(observer).locator('[aria-live="polite"]').textContent()).toContain('인력 분과 제안 보고');
  });

  it('shows the minute-taker’s Korean typing to the observer as it is typed', async () => {
    const meetingPath = await liveMeeting(3);
    const [observer, minutes] = await Promise.all([inRoom('observer@forum.demo', meetingPath, '/live'), stage.visit('minutes@forum.demo', meetingPath, wide)]);
    const text = minutesText(minutes);
    await text.waitFor(seen);
    await minutes.waitForFunction(
      () => document.querySelector('fw-editor[slot="minutes"] .fw-prose')?.getAttribute('contenteditable') === 'true',
      undefined,
      seen,
    );
    // Under the current item's heading, after its "발표: … · 예정 15분" line.
    await text.getByText('발표: 김은영 · 예정 15분').click();
    await minutes.keyboard.press('End');
    await minutes.keyboard.press('Enter');
    const note = '인력 분과: 교육 규제 개혁과 기업 참여 확대를 논의함.';
    await minutes.keyboard.insertText(note);

    await see(minutesText(observer).getByText(note));
    expect(await minutesText(observer).getAttribute('contenteditable')).toBe('false');

    // A decision block, from the toolbar, reaches the observer's list of decisions.
    await minutes.keyboard.press('Enter');
    const decision = '국가 산업인재은행 설립을 전략 초안에 반영한다.';
    await minutes.keyboard.insertText(decision);
    await minutes.getByRole('button', { name: '결정 사항', exact: true }).click();
    await see(minutes.locator('fw-editor[slot="minutes"] .fw-decision').getByText(decision));
    await see(observer.locator('fw-decisions-list li.decision').getByText(decision));
  });

  it('puts a chairperson’s raised hand in the ministry’s speaker queue', async () => {
    const meetingPath = await liveMeeting(3);
    const [ministry, chair] = await Promise.all([inRoom('ministry@forum.demo', meetingPath), stage.visit(investmentChair.email, meetingPath, wide)]);
    await chair.getByRole('button', { name: '발언 신청', exact: true }).click();
    await see(chair.getByText('발언 순서 1번째입니다.'));

    const queue = ministry.locator('fw-speakers-panel ol.queue');
    await see(queue.getByText(investmentChair.name));
    await see(ministry.locator('fw-meeting-people').getByText('발언 신청', { exact: true }));

    await ministry.getByRole('button', { name: `${investmentChair.name}에게 발언권 부여` }).click();
    await see(chair.locator('fw-speakers-panel .current.speaking').getByText(investmentChair.name));
    await queue.waitFor({ state: 'detached', ...seen });
  });

  it('lets ministry staff move the meeting to another place, and the observer sees it', async () => {
    const meetingPath = await liveMeeting(3);
    const [ministry, observer] = await Promise.all([inRoom('ministry@forum.demo', meetingPath), inRoom('observer@forum.demo', meetingPath, '/live')]);
    await ministry.getByRole('button', { name: '회의 정보 수정' }).click();
    const place = ministry.getByLabel('장소', { exact: false });
    await place.fill('정부세종청사 대회의실');
    await ministry.getByRole('button', { name: '저장', exact: true }).click();
    await see(observer.locator('fw-meeting-header').getByText('정부세종청사 대회의실'));
    expect(await ministry.getByRole('button', { name: '저장', exact: true }).count()).toBe(0);
  });
});

describe('circulated minutes', () => {
  const minutesEditor = 'fw-editor[slot="minutes"]';
  let meetingId = '';

  /** Calls the API as ministry staff (signed in once), as the ministry's own page would. */
  const asMinistry = async (method: string, path: string, body?: unknown) =>
    callApi<{ meeting?: { id: string } }>(server, (await stage.login('ministry@forum.demo')).token, method, path, body);

  /** The minutes as the server holds them: plain text and comment bodies. */
  async function serverMinutes(): Promise<{ text: string; comments: string[] }> {
    const { doc, fragment } = minutesFragment(await server.documents.state(`minutes:${meetingId}`));
    const companion = new Y.Doc();
    Y.applyUpdate(companion, await server.documents.state(commentsDocName(`minutes:${meetingId}`)));
    const comments = companion.getArray<Y.Map<unknown>>(COMMENTS_FIELD).map((t) => String(t.get('body')));
    const text = minutesPlainText(fragment);
    doc.destroy();
    companion.destroy();
    return { text, comments };
  }

  beforeAll(async () => {
    const created = await asMinistry('POST', '/api/meetings', {
      title: '회람 회의',
      startsAt: '2026-12-10T10:00:00+09:00',
      place: '세종',
      agenda: [{ title: '인재 은행 설립 방안' }],
    });
    meetingId = created.meeting!.id;
    await asMinistry('POST', `/api/meetings/${meetingId}/start`);
    await asMinistry('POST', `/api/meetings/${meetingId}/end`);
  });

  it('lets a chairperson propose an amendment as a comment once circulated, but not edit the text', async () => {
    const chair = await signedIn(investmentChair.email);
    await chair.goto(`${server.url}/meetings/${meetingId}`);
    const text = await see(minutesText(chair).getByText('1. 인재 은행 설립 방안'));
    await see(chair.getByText('회의록은 회의록 작성자와 산업부 담당자가 작성합니다. 실시간으로 보입니다.'));

    // Circulated while the chair has the room open: the page and the connection follow at once.
    await asMinistry('POST', `/api/meetings/${meetingId}/minutes/status`, { to: 'circulated' });
    await see(chair.getByText('회람 중인 회의록입니다. 수정 의견은 의견으로 남겨 주세요.'));
    const before = await serverMinutes();
    expect(await minutesText(chair).getAttribute('aria-readonly')).toBe('true');

    // Typing into the text does nothing: the editor is read-only for commenters.
    await text.click();
    await chair.keyboard.insertText('고친 문장');
    expect(await minutesText(chair).textContent()).not.toContain('고친 문장');

    await selectText(chair, '인재 은행 설립 방안', minutesEditor);
    const add = chair.getByRole('button', { name: '의견 추가' });
    await expect.poll(() => add.isEnabled(), seen).toBe(true);
    await add.click();
    await chair.getByLabel('의견 내용').fill('설립 시기를 2027년 상반기로 명시해 주세요.');
    await chair.getByRole('button', { name: '등록', exact: true }).click();

    // Ministry staff see it beside the minutes; the server stored it and nothing else changed.
    const ministryPage = await signedIn('ministry@forum.demo');
    await ministryPage.goto(`${server.url}/meetings/${meetingId}`);
    await see(ministryPage.getByRole('article', { name: `${investmentChair.name}: 설립 시기를 2027년 상반기로 명시해 주세요.` }));
    expect(await serverMinutes()).toEqual({ text: before.text, comments: ['설립 시기를 2027년 상반기로 명시해 주세요.'] });
    // The chair's connection was never refused.
    await see(chair.locator(`${minutesEditor} fw-connection-badge[status="connected"]`));
  });
});
