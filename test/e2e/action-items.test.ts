import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { seoulToday } from '../../shared/domain';
import { ACTION_ITEM_NODE, MINUTES_FIELD, minutesDocName } from '../../shared/meetings/minutes';
import { demoAccount, see, useStage } from '../helpers/e2e';
import { callApi, type TestServer } from '../helpers/server';

/**
 * Action items as their people meet them in Chromium: the minute-taker turns a line of the
 * minutes into an action item, picks its owner from the forum's people and gives it a due
 * date; the owner's home page shows it under "내 후속 조치", marked overdue, and the owner
 * ticks it done. Someone else's home does not list it. Each test makes the meeting and the
 * item it starts from over the API, as the minutes' editor and its form would. No fixed sleeps.
 */
const stage = useStage();
let server: TestServer;
beforeAll(() => {
  server = stage.server;
});

const owner = demoAccount('chair.workforce@forum.demo');
const seen = { timeout: 15_000 };
const wide = { viewport: { width: 1440, height: 1000 } };
const minutesText = (page: Page) => page.locator('fw-editor[slot="minutes"] .fw-prose');
const meetingTitle = '후속 조치 점검 회의';
const yesterday = () => seoulToday(new Date(Date.now() - 86_400_000));

/** A meeting with one agenda item, scheduled by ministry staff; answers its id. */
async function scheduleMeeting(): Promise<string> {
  const { token } = await stage.login('ministry@forum.demo');
  const { meeting } = await callApi<{ meeting: { id: string } }>(server, token, 'POST', '/api/meetings', {
    title: meetingTitle,
    startsAt: new Date().toISOString(),
    agenda: [{ title: '인재은행', plannedMinutes: 15 }],
  });
  return meeting.id;
}

/**
 * A meeting whose minutes hold the action item `task`, assigned by the minute-taker to `who`
 * and due yesterday (so overdue); with `done`, ticked done by its owner. Answers the meeting's id.
 */
async function assignedItem(task: string, who: string, { done = false } = {}): Promise<string> {
  const meetingId = await scheduleMeeting();
  const itemId = crypto.randomUUID();
  await server.documents.change(minutesDocName(meetingId), (doc) => {
    const block = new Y.XmlElement(ACTION_ITEM_NODE);
    block.setAttribute('id', itemId);
    block.insert(0, [new Y.XmlText(task)]);
    doc.getXmlFragment(MINUTES_FIELD).push([block]);
  });
  const [minutes, person] = await Promise.all([stage.login('minutes@forum.demo'), stage.login(who)]);
  const item = `/api/meetings/${meetingId}/action-items/${itemId}`;
  await callApi(server, minutes.token, 'PUT', item, { owner: { userId: person.userId }, due: yesterday() });
  if (done) await callApi(server, person.token, 'POST', `${item}/done`, { done: true });
  return meetingId;
}

describe('action items', () => {
  it('lets the minute-taker assign an action item to a person, with a due date', async () => {
    const task = '인재은행 운영 방안을 다음 회의에 보고';
    const meetingId = await scheduleMeeting();
    const minutes = await stage.visit('minutes@forum.demo', `/meetings/${meetingId}`, wide);
    await minutes.waitForFunction(
      () => document.querySelector('fw-editor[slot="minutes"] .fw-prose')?.getAttribute('contenteditable') === 'true',
      undefined,
      seen,
    );
    await minutesText(minutes).getByText('예정 15분').click();
    await minutes.keyboard.press('End');
    await minutes.keyboard.press('Enter');
    await minutes.keyboard.insertText(task);
    await minutes.getByRole('button', { name: '후속 조치', exact: true }).click();
    await see(minutes.locator('fw-editor[slot="minutes"] .fw-action-item').getByText(task));

    // The form for the item at the cursor: the owner from the forum's people, the due date.
    const form = await see(minutes.getByRole('form', { name: '후속 조치 담당과 기한' }));
    await form.getByLabel('담당', { exact: true }).selectOption({ label: owner.name });
    await form.getByLabel('기한', { exact: true }).fill(yesterday());
    await form.getByRole('button', { name: '적용' }).click();
    await see(minutes.getByText('담당과 기한을 저장했습니다.'));
    await see(minutes.locator('fw-editor[slot="minutes"] .fw-action-item .fw-block__meta').getByText(`담당: ${owner.name}`));
  });

  it("shows it on the owner's home page as overdue, and the owner marks it done", async () => {
    const task = '인재은행 참여 기업 명단을 정리';
    await assignedItem(task, owner.email);
    const chair = await stage.visit(owner.email, '/', wide);
    const panel = chair.locator('fw-my-action-items');
    await see(panel.getByRole('heading', { name: '내 후속 조치' }));
    const item = await see(panel.locator('li.item', { hasText: task }));
    expect(await item.getAttribute('class')).toContain('overdue');
    await see(item.getByText('기한 지남'));
    await see(item.getByRole('link', { name: new RegExp(meetingTitle) }));
    // The bell told them too.
    const bell = chair.locator('fw-notification-bell');
    await bell.locator('#bell').click();
    await see(bell.getByText(`후속 조치 배정: ${task}`, { exact: false }));
    await bell.locator('#bell').click();

    await item.getByRole('checkbox', { name: `완료: ${task}` }).click();
    await see(panel.getByText('완료한 후속 조치 1건'));
    const done = panel.locator('li.item.done', { hasText: task });
    await done.waitFor({ state: 'attached', ...seen });
    expect(await panel.locator('li.item.overdue', { hasText: task }).count()).toBe(0);

    // Kept: after a reload it is still done.
    await chair.reload();
    await see(chair.locator('fw-my-action-items').getByText('완료한 후속 조치 1건'));
  });

  it("shows it done in the meeting's list of decisions and action items", async () => {
    // Another owner than the home page's, whose count of done items stays theirs alone.
    const doneBy = demoAccount('chair.productivity@forum.demo');
    const task = '인재은행 예산 초안을 작성';
    const meetingId = await assignedItem(task, doneBy.email, { done: true });
    const page = await stage.visit('ministry@forum.demo', `/meetings/${meetingId}`, wide);
    const item = await see(page.locator('fw-decisions-list li.actionItem', { hasText: task }));
    await see(item.getByText(`담당: ${doneBy.name}`));
    await see(item.locator('.done').getByText(`완료 (${doneBy.name})`, { exact: false }));
  });

  it("does not list it on anyone else's home page", async () => {
    const task = '인재은행 홍보 계획을 수립';
    await assignedItem(task, owner.email);
    const other = await stage.visit('chair.global@forum.demo', '/', wide);
    const panel = other.locator('fw-my-action-items');
    await see(panel.getByText('나에게 배정된 후속 조치가 없습니다.'));
    expect(await panel.getByText(task).count()).toBe(0);
  });
});
