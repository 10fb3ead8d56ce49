import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { see, useStage } from '../helpers/e2e';
import { MeetingRunner } from '../helpers/meeting-run';
import type { TestServer } from '../helpers/server';

/**
 * A result's percentages follow the rule it shows (issue 17, "Friction"): when abstentions
 * do not count, yes and no are shares of the yes and no ballots, and abstentions are a
 * count with no share.
 */
const stage = useStage();
let server: TestServer;
let runner: MeetingRunner;
beforeAll(() => {
  server = stage.server;
  runner = new MeetingRunner(server);
});
afterAll(() => runner.close());

describe('a closed yes/no/abstain vote', () => {
  let meetingId = '';
  beforeAll(async () => {
    meetingId = await runner.adoptTalentBank('제13차 산업대전환 포럼 위원장 회의', { end: false });
    const ministry = await runner.connect('ministry@forum.demo');
    const { poll } = (await runner.api(ministry.token, 'POST', `/api/meetings/${meetingId}/polls`, { title: '회의 시간 연장', abstentionsCount: false })) as {
      poll: { id: string };
    };
    await runner.must(ministry.socket, 'meeting:join', { meetingId });
    await runner.must(ministry.socket, 'poll:open', { pollId: poll.id });
    const choices = { 'chair.productivity@forum.demo': 'yes', 'chair.ecosystem@forum.demo': 'no', 'chair.global@forum.demo': 'abstain' };
    for (const [email, choice] of Object.entries(choices)) {
      const chair = await runner.connect(email);
      await runner.must(chair.socket, 'meeting:join', { meetingId });
      await runner.must(chair.socket, 'meeting:checkIn', { meetingId });
      await runner.must(chair.socket, 'poll:cast', { pollId: poll.id, choices: [choice] });
    }
    await runner.must(ministry.socket, 'poll:close', { pollId: poll.id });
  }, 120_000);

  it('shows yes and no as shares of the counted ballots when abstentions are excluded, abstentions as a count', async () => {
    const page = await stage.signedIn('ministry@forum.demo', { viewport: { width: 1440, height: 1000 } });
    await page.goto(`${server.url}/meetings/${meetingId}`);
    // past votes sit folded under their heading
    await (await see(page.locator('fw-poll-panel summary').filter({ hasText: '지난 표결' }))).click();
    const result = page.locator('fw-poll-record').filter({ hasText: '회의 시간 연장' }).locator('fw-poll-result');
    await see(result.locator('li.opt-yes .value'));
    expect(await result.locator('li.opt-yes .value').textContent()).toBe('1표 (50%)');
    expect(await result.locator('li.opt-no .value').textContent()).toBe('1표 (50%)');
    expect(await result.locator('li.opt-abstain .value').textContent()).toBe('1표');
  });
});
