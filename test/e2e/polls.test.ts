import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIRST_MEETING_TITLE } from '../../server/seed/demo-meetings';
import { demoAccount, see, useStage } from '../helpers/e2e';
import { waitFor, type TestServer } from '../helpers/server';

/**
 * A vote as people meet it in Chromium: ministry staff start the demo meeting and
 * open a yes/no/abstain poll on an agenda item and its proposal; two chairpersons,
 * each in their own browser and checked in, vote (one with the mouse, one with the
 * keyboard); ministry closes it; all three see the result chart, the projector
 * shows it, the minutes hold it and the proposal moves.
 */
const stage = useStage();
let server: TestServer;
beforeAll(() => {
  server = stage.server;
});

const ministry = demoAccount('ministry@forum.demo');
const investmentChair = demoAccount('chair.investment@forum.demo');
const workforceChair = demoAccount('chair.workforce@forum.demo');
const productivityChair = demoAccount('chair.productivity@forum.demo');

/** Screenshots for a person to look at, when asked (POLL_SCREENSHOTS=1). */
const screenshots = process.env.POLL_SCREENSHOTS === '1';

interface Target {
  meetingId: string;
  itemLabel: string;
  proposalId: string;
  proposalTitle: string;
}

async function api<T>(token: string, path: string): Promise<T> {
  const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function post(token: string, path: string, body: unknown): Promise<void> {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
}

/**
 * The demo meeting and an agenda item with a proposal, brought to "under discussion"
 * (as ministry staff would before a vote) so that the vote can adopt it.
 */
async function findTarget(token: string): Promise<Target> {
  const { meetings } = await api<{ meetings: { id: string; title: string }[] }>(token, '/api/meetings');
  const meeting = meetings.find((m) => m.title === FIRST_MEETING_TITLE);
  if (!meeting) throw new Error('no demo meeting');
  const detail = await api<{ meeting: { agenda: { id: string; title: string; proposalId: string | null }[] } }>(token, `/api/meetings/${meeting.id}`);
  const index = detail.meeting.agenda.findIndex((item) => item.proposalId);
  const item = detail.meeting.agenda[index];
  if (!item?.proposalId) throw new Error('no agenda item with a proposal');
  const path = `/api/proposals/${item.proposalId}`;
  const steps: Record<string, string> = { draft: 'submitted', submitted: 'under_discussion' };
  for (;;) {
    const { proposal } = await api<{ proposal: { id: string; title: string; status: string } }>(token, path);
    if (proposal.status === 'under_discussion') {
      return { meetingId: meeting.id, itemLabel: `${index + 1}. ${item.title}`, proposalId: proposal.id, proposalTitle: proposal.title };
    }
    const to = steps[proposal.status];
    if (!to) throw new Error(`the demo proposal is ${proposal.status}; a vote cannot adopt it`);
    await post(token, `${path}/status`, { to });
  }
}

const openBrowser = () => stage.open();

async function signIn(page: Page, email: string) {
  await stage.signIn(page, email);
  await see(page.getByRole('heading', { level: 1, name: '산업대전환 포럼' }));
}

const pollPanel = (page: Page) => page.locator('fw-poll-panel');

describe('a live vote in the meeting room', () => {
  const title = '투자 인센티브 제안 채택 여부';
  let target: Target;
  let chair: Page;
  let other: Page;
  let host: Page;
  let projector: Page;

  it('ministry starts the meeting; two chairpersons enter and check in', async () => {
    const { token } = await server.login(ministry.email);
    target = await findTarget(token);

    host = await openBrowser();
    await signIn(host, ministry.email);
    await host.goto(`${server.url}/meetings/${target.meetingId}`);
    await see(host.getByRole('heading', { level: 1, name: FIRST_MEETING_TITLE }));
    await host.getByRole('button', { name: '회의 시작', exact: true }).click();
    await see(host.getByRole('button', { name: '회의 종료', exact: true }));

    chair = await openBrowser();
    other = await openBrowser();
    for (const [page, who] of [
      [chair, investmentChair],
      [other, workforceChair],
    ] as const) {
      await signIn(page, who.email);
      await page.goto(`${server.url}/meetings/${target.meetingId}`);
      const attendance = page.locator('fw-attendance-panel');
      await attendance.getByRole('button', { name: '출석 확인', exact: true }).click();
      await see(attendance.getByText(/출석 확인됨/));
      await see(pollPanel(page).getByRole('heading', { level: 2, name: '표결' }));
    }
  });

  it('ministry prepares a yes/no/abstain poll on an agenda item and its proposal, and opens it', async () => {
    const panel = pollPanel(host);
    await panel.getByRole('button', { name: '표결 준비', exact: true }).click();
    const titleField = panel.getByLabel('표결 제목', { exact: true });
    await expect.poll(() => titleField.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await titleField.fill(title);
    await expect(panel.getByRole('radio', { name: '찬성 / 반대 / 기권' }).isChecked()).resolves.toBe(true);
    // The form says plainly what a secret ballot protects against, and that visibility cannot be loosened later.
    await panel.getByRole('radio', { name: '무기명 투표' }).check();
    await see(panel.getByText(/서버를 통제하는 사람이 투표가 들어오는 것을 지켜보는 것까지 막지는 못합니다/));
    await panel.getByRole('radio', { name: '기명 투표', exact: true }).check();
    await see(panel.getByText(/결과를 미리 공개하도록 바꿀 수 없습니다/));
    await panel.getByLabel('의결 정족수 (최소 투표 수)').fill('2');
    await panel.getByLabel('안건 항목', { exact: true }).selectOption({ label: target.itemLabel });
    // Choosing the item does not make the poll decide its proposal: that is chosen explicitly, and said.
    const decides = panel.getByLabel('이 표결로 결정할 제안', { exact: true });
    await expect(decides.inputValue()).resolves.toBe('');
    await see(panel.getByText('절차 표결: 결과는 회의록에만 기록되며 어떤 제안도 바꾸지 않습니다.'));
    await decides.selectOption(target.proposalId);
    await see(panel.getByText(`이 표결 결과에 따라 ‘${target.proposalTitle}’가 채택/부결됩니다.`));
    if (screenshots) await panel.screenshot({ path: '/tmp/poll-form.png' });
    await panel.getByRole('button', { name: '표결 만들기', exact: true }).click();

    const card = panel.locator('fw-poll-card').filter({ hasText: title });
    await see(card.getByText('준비 중', { exact: true }));
    await card.getByRole('button', { name: '투표 시작', exact: true }).click();
    await see(card.getByText('6명 중 0명 투표'));
  });

  it('shows the open poll on every screen at once, and on the projector', async () => {
    // The room's screen is its own computer, signed in as ministry staff.
    projector = await openBrowser();
    await signIn(projector, ministry.email);
    await projector.goto(`${server.url}/meetings/${target.meetingId}/projector`);
    const onScreen = projector.locator('fw-projector-poll');
    await see(onScreen.getByText('투표 진행 중'));
    await see(onScreen.getByText(title));
    await see(onScreen.getByText(`이 표결 결과에 따라 ‘${target.proposalTitle}’가 채택/부결됩니다.`));

    for (const page of [chair, other]) {
      // Each chairperson is further down the room (at attendance): a bar at the bottom leads to the vote.
      const dock = await see(pollPanel(page).getByRole('region', { name: '진행 중인 표결' }));
      await see(dock.getByText(`투표 중: ${title}`));
      await dock.getByRole('button', { name: '투표하러 가기' }).click();
      const card = pollPanel(page).locator('fw-poll-card').filter({ hasText: title });
      await see(card.getByRole('radiogroup', { name: '내 투표' }));
      await expect.poll(() => card.getByRole('radio', { name: '찬성' }).evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
      await see(card.getByText('6명 중 0명 투표'));
      // Every ballot says what the vote decides.
      await see(card.getByText(`이 표결 결과에 따라 ‘${target.proposalTitle}’가 채택/부결됩니다.`));
      await see(pollPanel(page).getByText(`표결이 시작되었습니다: ${title}`));
    }
    if (screenshots) await chair.screenshot({ path: '/tmp/poll-open.png', fullPage: false });
  });

  it('takes one chairperson’s vote with one click and the other’s by keyboard', async () => {
    const mine = pollPanel(chair).locator('fw-poll-card').filter({ hasText: title });
    await mine.getByRole('radio', { name: '찬성' }).click();
    await see(mine.getByRole('status').getByText('투표가 접수되었습니다.'));
    await see(mine.getByText(/투표했습니다\. 선택: 찬성/));

    // Arrow keys choose without casting; Enter casts (focus is on the first option, from the bar).
    const theirs = pollPanel(other).locator('fw-poll-card').filter({ hasText: title });
    await other.keyboard.press('ArrowRight');
    await expect.poll(() => theirs.getByRole('radio', { name: '반대' }).getAttribute('aria-checked')).toBe('true');
    await see(theirs.getByText('6명 중 1명 투표'));
    await other.keyboard.press('ArrowLeft');
    await expect.poll(() => theirs.getByRole('radio', { name: '찬성' }).getAttribute('aria-checked')).toBe('true');
    await other.keyboard.press('Enter');
    await see(theirs.getByRole('status').getByText('투표가 접수되었습니다.'));

    // The ballot is final (no change allowed): the group is locked.
    await theirs.getByRole('radio', { name: '반대' }).click({ force: true });
    expect(await theirs.getByRole('radio', { name: '반대' }).getAttribute('aria-disabled')).toBe('true');

    const card = pollPanel(host).locator('fw-poll-card').filter({ hasText: title });
    await see(card.getByText('6명 중 2명 투표'));
    await see(projector.locator('fw-projector-poll').getByText('6명 중 2명 투표'));
    // Results are shown only after the close (the default): no tally yet.
    await see(card.getByText('집계는 투표가 종료된 뒤에 공개됩니다.'));
  });

  it('ministry closes it; everyone sees the result chart, the projector too', async () => {
    const card = pollPanel(host).locator('fw-poll-card').filter({ hasText: title });
    await card.getByRole('button', { name: '투표 종료', exact: true }).click();
    await card.getByRole('group').getByRole('button', { name: '투표 종료', exact: true }).click();

    for (const page of [host, chair, other]) {
      const latest = pollPanel(page).locator('section.latest fw-poll-record');
      const chart = await see(latest.getByRole('figure', { name: `${title} 선택지별 득표` }));
      expect(await chart.getByText('찬성').first().isVisible()).toBe(true);
      await see(chart.getByText('2표 (100%)'));
      await see(chart.getByText('0표 (0%)').first());
      await see(latest.getByText('가결', { exact: true }));
      await see(latest.getByText('투표 2명 / 투표권자 6명 · 투표율 33.3%'));
      await see(latest.getByText('의결 정족수 2명 충족'));
      await see(latest.getByText(`이 표결 결과에 따라 ‘${target.proposalTitle}’가 채택되었습니다.`));
      await see(pollPanel(page).getByText(`표결이 종료되었습니다: ${title} — 가결`));
    }
    const onScreen = projector.locator('fw-projector-poll');
    await see(onScreen.getByText('표결 결과'));
    await see(onScreen.locator('fw-poll-result[size="large"]').getByText('가결', { exact: true }));
    if (screenshots) await chair.screenshot({ path: '/tmp/poll.png', fullPage: false });
    if (screenshots) await projector.screenshot({ path: '/tmp/poll-projector.png' });
  });

  it('lists the poll with its CSV export and who voted what', async () => {
    const panel = pollPanel(host);
    await panel.getByText(/^지난 표결 \(1\)$/).click();
    const record = panel.locator('details fw-poll-record').filter({ hasText: title });
    const link = await see(record.getByRole('link', { name: `${title} 투표 내역 CSV 내보내기` }));
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/api\/polls\/[A-Za-z0-9_-]+\/export\.csv$/);
    await record.getByText('누가 무엇에 투표했는지 보기 (기명 투표)').click();
    await see(record.getByRole('row', { name: new RegExp(`${investmentChair.name}.*찬성`) }));
    await see(record.getByRole('row', { name: new RegExp(`${workforceChair.name}.*찬성`) }));
  });

  it('writes the result into the minutes and moves the proposal to adopted', async () => {
    const minutes = host.locator('fw-editor[slot="minutes"]');
    await see(minutes.getByText(`표결 결과: ${title} — 가결`), 20_000);
    await see(minutes.getByText(/찬성 2 · 반대 0 · 기권 0/));

    const { token } = await server.login(investmentChair.email);
    await waitFor(
      async () => (await api<{ proposal: { status: string } }>(token, `/api/proposals/${target.proposalId}`)).proposal.status === 'adopted',
      'the proposal adopted by the vote',
    );
    // The proposal page lists the vote too.
    await chair.goto(`${server.url}/proposals/${target.proposalId}`);
    const section = chair.locator('fw-proposal-polls');
    await see(section.getByRole('heading', { name: '이 제안의 표결' }));
    await see(section.getByText(title));
    await see(section.getByText('가결', { exact: true }));
  });

  it('lets a chairperson delegate their vote; the delegate casts it separately, "for X"', async () => {
    const absent = await openBrowser();
    await signIn(absent, productivityChair.email);
    await absent.goto(`${server.url}/meetings/${target.meetingId}`);
    const panel = pollPanel(absent);
    await panel.getByText('표결 위임 (대리 투표)').click();
    await panel.getByLabel('대리인', { exact: true }).selectOption({ label: `${workforceChair.name} · 분과위원장` });
    await panel.getByRole('button', { name: '위임하기', exact: true }).click();
    await see(panel.getByText(`${productivityChair.name} 위원장의 표결을 ${workforceChair.name}에게 위임했습니다.`));

    // A second poll, its tally shown live.
    const second = '회의 운영 방식 변경';
    const hostPanel = pollPanel(host);
    await hostPanel.getByRole('button', { name: '표결 준비', exact: true }).click();
    await hostPanel.getByLabel('표결 제목', { exact: true }).fill(second);
    await hostPanel.getByRole('radio', { name: /^실시간 공개/ }).check();
    // Two ballots of six: a quorum of 2, so that the rule (not the default quorum of 4) decides.
    await hostPanel.getByLabel('의결 정족수 (최소 투표 수)').fill('2');
    await hostPanel.getByRole('button', { name: '표결 만들기', exact: true }).click();
    const hostCard = hostPanel.locator('fw-poll-card').filter({ hasText: second });
    await hostCard.getByRole('button', { name: '투표 시작', exact: true }).click();

    // The delegator may not vote; the delegate has two ballots, each cast on its own.
    const absentCard = panel.locator('fw-poll-card').filter({ hasText: second });
    await see(absentCard.getByText(`이 회의의 표결을 ${workforceChair.name}에게 위임했습니다. 대리인이 투표합니다.`));
    expect(await absentCard.getByRole('radiogroup').count()).toBe(0);

    const delegateCard = pollPanel(other).locator('fw-poll-card').filter({ hasText: second });
    const own = await see(delegateCard.getByRole('radiogroup', { name: '내 투표' }));
    const proxy = await see(delegateCard.getByRole('radiogroup', { name: `${productivityChair.name} 위원장 대리 투표` }));
    await own.getByRole('radio', { name: '반대' }).click();
    await see(delegateCard.getByRole('status').getByText('투표가 접수되었습니다.'));
    await proxy.getByRole('radio', { name: '찬성' }).click();
    await see(delegateCard.getByRole('status').getByText(`${productivityChair.name} 위원장 대리 투표가 접수되었습니다.`));
    await see(delegateCard.getByText(`${productivityChair.name} 위원장 대리 투표를 마쳤습니다.`));

    // Live tally for everyone, the delegator included.
    for (const card of [hostCard, absentCard]) {
      await see(card.getByText('6명 중 2명 투표'));
      const tally = card.getByRole('figure', { name: `${second} 선택지별 득표` });
      await see(tally.getByText('1표 (50%)'));
    }

    // A tie is not a majority: not passed, and the reason is given.
    await hostCard.getByRole('button', { name: '투표 종료', exact: true }).click();
    await hostCard.getByRole('group').getByRole('button', { name: '투표 종료', exact: true }).click();
    const latest = pollPanel(other).locator('section.latest fw-poll-record').filter({ hasText: second });
    await see(latest.getByText('부결', { exact: true }));
    await see(latest.getByText('과반수 기준에 미달했습니다.'));
  });
});
