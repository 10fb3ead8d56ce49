import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoAccount, see, useStage } from '../helpers/e2e';
import { MeetingRunner, type Member } from '../helpers/meeting-run';
import { draftProposal, moveProposal, oneParagraph } from '../helpers/proposals';
import { callApi, waitFor, type TestServer } from '../helpers/server';

/**
 * A vote as people meet it in Chromium: ministry staff start a meeting and open a
 * yes/no/abstain poll on an agenda item and its proposal; two chairpersons, each in their
 * own browser and checked in, vote (one with the mouse, one with the keyboard); ministry
 * closes it; all three see the result chart, the projector shows it, the minutes hold it
 * and the proposal moves. Each test starts from a meeting of its own, brought over the API
 * and Socket.IO (as the screens would) to where its story begins, and opens its own people.
 */
const stage = useStage();
let server: TestServer;
let runner: MeetingRunner;
beforeAll(() => {
  server = stage.server;
  runner = new MeetingRunner(server, (email) => stage.login(email));
});
afterEach(() => runner.close());

const ministry = demoAccount('ministry@forum.demo');
const investmentChair = demoAccount('chair.investment@forum.demo');
const workforceChair = demoAccount('chair.workforce@forum.demo');
const productivityChair = demoAccount('chair.productivity@forum.demo');

/** Screenshots for a person to look at, when asked (POLL_SCREENSHOTS=1). */
const screenshots = process.env.POLL_SCREENSHOTS === '1';

const title = '투자 인센티브 제안 채택 여부';
const meetingTitle = '투자 분과 제안 심의 회의';

/** A meeting whose one agenda item brings a proposal under discussion, so that a vote can adopt it. */
interface Target {
  meetingId: string;
  agendaItemId: string;
  itemLabel: string;
  proposalId: string;
  proposalTitle: string;
}

/**
 * A new proposal brought to "under discussion" (as ministry staff would before a vote), on the
 * agenda of a new meeting; started unless `start` is false.
 */
async function meetingOnProposal({ start = true } = {}): Promise<Target> {
  const { token } = await stage.login(ministry.email);
  const proposalTitle = '경쟁국 수준의 투자 세액공제';
  const proposalId = await draftProposal(server, token, proposalTitle, oneParagraph('투자 세액공제를 경쟁국 수준으로 높인다.'), 'investment');
  await moveProposal(server, token, proposalId, 'submitted', 'under_discussion');
  const agendaTitle = '투자 인센티브 검토';
  const { meeting } = await callApi<{ meeting: { id: string; agenda: { id: string }[] } }>(server, token, 'POST', '/api/meetings', {
    title: meetingTitle,
    startsAt: new Date().toISOString(),
    place: '정부세종청사 대회의실',
    agenda: [{ title: agendaTitle, proposalId }],
  });
  if (start) await callApi(server, token, 'POST', `/api/meetings/${meeting.id}/start`);
  return { meetingId: meeting.id, agendaItemId: meeting.agenda[0]!.id, itemLabel: `1. ${agendaTitle}`, proposalId, proposalTitle };
}

/** Chairpersons checked in to the live meeting over Socket.IO, as the attendance panel does; their connections, to vote with. */
async function checkedIn(meetingId: string, ...emails: string[]): Promise<Member[]> {
  const members = await Promise.all(emails.map((email) => runner.connect(email)));
  for (const m of members) {
    await runner.must(m.socket, 'meeting:join', { meetingId });
    await runner.must(m.socket, 'meeting:checkIn', { meetingId });
  }
  return members;
}

/** Ministry staff make the named poll on the target's item and proposal (quorum 2) over the API and open it; answers its id and their connection. */
async function openVote(target: Target): Promise<{ pollId: string; host: Member }> {
  const host = await runner.connect(ministry.email);
  const { poll } = (await runner.api(host.token, 'POST', `/api/meetings/${target.meetingId}/polls`, {
    title,
    agendaItemId: target.agendaItemId,
    proposalId: target.proposalId,
    quorum: 2,
  })) as { poll: { id: string } };
  await runner.must(host.socket, 'meeting:join', { meetingId: target.meetingId });
  await runner.must(host.socket, 'poll:open', { pollId: poll.id });
  return { pollId: poll.id, host };
}

/** Both chairpersons check in and vote yes on the open poll. */
async function bothVoteYes(target: Target): Promise<{ pollId: string; host: Member }> {
  const chairs = await checkedIn(target.meetingId, investmentChair.email, workforceChair.email);
  const vote = await openVote(target);
  for (const c of chairs) await runner.must(c.socket, 'poll:cast', { pollId: vote.pollId, choices: ['yes'] });
  return vote;
}

/** Someone already signed in, in the meeting room (the poll panel loaded). */
async function inRoom(email: string, meetingId: string): Promise<Page> {
  const page = await stage.visit(email, `/meetings/${meetingId}`);
  await see(pollPanel(page).getByRole('heading', { level: 2, name: '표결' }));
  return page;
}
/** The room's screen: its own computer, signed in as ministry staff. */
const onProjector = (meetingId: string) => stage.visit(ministry.email, `/meetings/${meetingId}/projector`);
/** Ministry staff and both chairpersons in the room, and the projector. */
async function everyone(meetingId: string): Promise<{ host: Page; chair: Page; other: Page; projector: Page }> {
  const [host, chair, other, projector] = await Promise.all([
    inRoom(ministry.email, meetingId),
    inRoom(investmentChair.email, meetingId),
    inRoom(workforceChair.email, meetingId),
    onProjector(meetingId),
  ]);
  return { host, chair, other, projector };
}

const pollPanel = (page: Page) => page.locator('fw-poll-panel');
const cardOf = (page: Page, pollTitle = title) => pollPanel(page).locator('fw-poll-card').filter({ hasText: pollTitle });

describe('a live vote in the meeting room', () => {
  it('ministry starts the meeting; two chairpersons enter and check in', async () => {
    const target = await meetingOnProposal({ start: false });
    const host = await stage.visit(ministry.email, `/meetings/${target.meetingId}`);
    await see(host.getByRole('heading', { level: 1, name: meetingTitle }));
    await host.getByRole('button', { name: '회의 시작', exact: true }).click();
    await see(host.getByRole('button', { name: '회의 종료', exact: true }));

    // Both enter at once, each in their own browser.
    await Promise.all(
      [investmentChair, workforceChair].map(async (who) => {
        const page = await stage.visit(who.email, `/meetings/${target.meetingId}`);
        const attendance = page.locator('fw-attendance-panel');
        await attendance.getByRole('button', { name: '출석 확인', exact: true }).click();
        await see(attendance.getByText(/출석 확인됨/));
        await see(pollPanel(page).getByRole('heading', { level: 2, name: '표결' }));
      }),
    );
  });

  it('ministry prepares a yes/no/abstain poll on an agenda item and its proposal, and opens it', async () => {
    const target = await meetingOnProposal();
    const host = await inRoom(ministry.email, target.meetingId);
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
    const target = await meetingOnProposal();
    await checkedIn(target.meetingId, investmentChair.email, workforceChair.email);
    const chairs = await Promise.all([investmentChair, workforceChair].map((who) => inRoom(who.email, target.meetingId)));
    // Each chairperson is further down the room, at attendance, where checking in left them.
    for (const page of chairs) await page.locator('fw-attendance-panel').getByText(/출석 확인됨/).scrollIntoViewIfNeeded();
    const [projector] = await Promise.all([onProjector(target.meetingId), openVote(target)]);
    const onScreen = projector.locator('fw-projector-poll');
    await see(onScreen.getByText('투표 진행 중'));
    await see(onScreen.getByText(title));
    await see(onScreen.getByText(`이 표결 결과에 따라 ‘${target.proposalTitle}’가 채택/부결됩니다.`));

    for (const page of chairs) {
      // A bar at the bottom leads to the vote.
      const dock = await see(pollPanel(page).getByRole('region', { name: '진행 중인 표결' }));
      await see(dock.getByText(`투표 중: ${title}`));
      await dock.getByRole('button', { name: '투표하러 가기' }).click();
      const card = cardOf(page);
      await see(card.getByRole('radiogroup', { name: '내 투표' }));
      await expect.poll(() => card.getByRole('radio', { name: '찬성' }).evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
      await see(card.getByText('6명 중 0명 투표'));
      // Every ballot says what the vote decides.
      await see(card.getByText(`이 표결 결과에 따라 ‘${target.proposalTitle}’가 채택/부결됩니다.`));
      await see(pollPanel(page).getByText(`표결이 시작되었습니다: ${title}`));
    }
    if (screenshots) await chairs[0]!.screenshot({ path: '/tmp/poll-open.png', fullPage: false });
  });

  it('takes one chairperson’s vote with one click and the other’s by keyboard', async () => {
    const target = await meetingOnProposal();
    await checkedIn(target.meetingId, investmentChair.email, workforceChair.email);
    await openVote(target);
    const { host, chair, other, projector } = await everyone(target.meetingId);
    const mine = cardOf(chair);
    await mine.getByRole('radio', { name: '찬성' }).click();
    await see(mine.getByRole('status').getByText('투표가 접수되었습니다.'));
    await see(mine.getByText(/투표했습니다\. 선택: 찬성/));

    // Arrow keys choose without casting; Enter casts (focus on the first option, where the bar to the vote leaves it).
    const theirs = cardOf(other);
    await theirs.getByRole('radio', { name: '찬성' }).focus();
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

    const card = cardOf(host);
    await see(card.getByText('6명 중 2명 투표'));
    await see(projector.locator('fw-projector-poll').getByText('6명 중 2명 투표'));
    // Results are shown only after the close (the default): no tally yet.
    await see(card.getByText('집계는 투표가 종료된 뒤에 공개됩니다.'));
  });

  it('ministry closes it; everyone sees the result chart, the projector too', async () => {
    const target = await meetingOnProposal();
    await bothVoteYes(target);
    const { host, chair, other, projector } = await everyone(target.meetingId);
    // Everyone has the open poll in front of them when it closes.
    for (const page of [host, chair, other]) await see(cardOf(page).getByText('6명 중 2명 투표'));
    await see(projector.locator('fw-projector-poll').getByText('투표 진행 중'));

    const card = cardOf(host);
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
    const target = await meetingOnProposal();
    const { pollId, host: staff } = await bothVoteYes(target);
    await runner.must(staff.socket, 'poll:close', { pollId });
    const host = await inRoom(ministry.email, target.meetingId);
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
    const target = await meetingOnProposal();
    const { pollId, host: staff } = await bothVoteYes(target);
    await runner.must(staff.socket, 'poll:close', { pollId });
    const [host, chair] = await Promise.all([inRoom(ministry.email, target.meetingId), stage.visit(investmentChair.email, `/proposals/${target.proposalId}`)]);
    const minutes = host.locator('fw-editor[slot="minutes"]');
    await see(minutes.getByText(`표결 결과: ${title} — 가결`), 20_000);
    await see(minutes.getByText(/찬성 2 · 반대 0 · 기권 0/));

    const { token } = await stage.login(investmentChair.email);
    await waitFor(
      async () => (await callApi<{ proposal: { status: string } }>(server, token, 'GET', `/api/proposals/${target.proposalId}`)).proposal.status === 'adopted',
      'the proposal adopted by the vote',
    );
    // The proposal page lists the vote too.
    const section = chair.locator('fw-proposal-polls');
    await see(section.getByRole('heading', { name: '이 제안의 표결' }));
    await see(section.getByText(title));
    await see(section.getByText('가결', { exact: true }));
  });

  it('lets a chairperson delegate their vote; the delegate casts it separately, "for X"', async () => {
    const target = await meetingOnProposal();
    await checkedIn(target.meetingId, workforceChair.email);
    const [absent, host, other] = await Promise.all([
      inRoom(productivityChair.email, target.meetingId),
      inRoom(ministry.email, target.meetingId),
      inRoom(workforceChair.email, target.meetingId),
    ]);
    const panel = pollPanel(absent);
    await panel.getByText('표결 위임 (대리 투표)').click();
    await panel.getByLabel('대리인', { exact: true }).selectOption({ label: `${workforceChair.name} · 분과위원장` });
    await panel.getByRole('button', { name: '위임하기', exact: true }).click();
    await see(panel.getByText(`${productivityChair.name} 위원장의 표결을 ${workforceChair.name}에게 위임했습니다.`));

    // A procedural poll, its tally shown live.
    const rules = '회의 운영 방식 변경';
    const hostPanel = pollPanel(host);
    await hostPanel.getByRole('button', { name: '표결 준비', exact: true }).click();
    await hostPanel.getByLabel('표결 제목', { exact: true }).fill(rules);
    await hostPanel.getByRole('radio', { name: /^실시간 공개/ }).check();
    // Two ballots of six: a quorum of 2, so that the rule (not the default quorum of 4) decides.
    await hostPanel.getByLabel('의결 정족수 (최소 투표 수)').fill('2');
    await hostPanel.getByRole('button', { name: '표결 만들기', exact: true }).click();
    const hostCard = hostPanel.locator('fw-poll-card').filter({ hasText: rules });
    await hostCard.getByRole('button', { name: '투표 시작', exact: true }).click();

    // The delegator may not vote; the delegate has two ballots, each cast on its own.
    const absentCard = panel.locator('fw-poll-card').filter({ hasText: rules });
    await see(absentCard.getByText(`이 회의의 표결을 ${workforceChair.name}에게 위임했습니다. 대리인이 투표합니다.`));
    expect(await absentCard.getByRole('radiogroup').count()).toBe(0);

    const delegateCard = pollPanel(other).locator('fw-poll-card').filter({ hasText: rules });
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
      const tally = card.getByRole('figure', { name: `${rules} 선택지별 득표` });
      await see(tally.getByText('1표 (50%)'));
    }

    // A tie is not a majority: not passed, and the reason is given.
    await hostCard.getByRole('button', { name: '투표 종료', exact: true }).click();
    await hostCard.getByRole('group').getByRole('button', { name: '투표 종료', exact: true }).click();
    const latest = pollPanel(other).locator('section.latest fw-poll-record').filter({ hasText: rules });
    await see(latest.getByText('부결', { exact: true }));
    await see(latest.getByText('과반수 기준에 미달했습니다.'));
  });
});
