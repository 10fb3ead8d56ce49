import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PollView } from '../../shared/schemas/polls';
import { TestClock } from '../helpers/clock';
import { runRedisUrl } from '../helpers/redis';
import { waitFor } from '../helpers/server';
import { ask, must, pollHarness, type PollHarness } from './polls-harness';

let h: PollHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe.each([
  ['in memory', () => undefined],
  ['in Redis', () => runRedisUrl()],
])('polls survive a restart %s', (_, redisUrl) => {
  it('an open poll keeps every acknowledged ballot and goes on taking ballots', async () => {
    h = await pollHarness({ redisUrl: redisUrl() });
    const voters = await h.voters(30);
    const meetingId = h.meetings.add('live');
    h.meetings.checkIn(meetingId, ...voters.map((v) => v.user.id));
    const poll = await h.createPoll(h.ministry, meetingId, { title: '탄소중립 미래 트렌드', eligibility: { userIds: voters.map((v) => v.user.id) } });
    await must(h.client(h.ministry), 'poll:open', { pollId: poll.id });
    const first = await Promise.all(voters.slice(0, 20).map((v) => ask(h!.client(v), 'poll:cast', { pollId: poll.id, choices: ['yes'] })));
    expect(first.every((a) => a.ok)).toBe(true);

    await h.restart();
    const { poll: after } = await h.get(h.ministry, poll.id);
    expect(after).toMatchObject({ status: 'open', votedCount: 20, eligibleCount: 30 });
    const again = await ask(h.client(voters[0]!), 'poll:cast', { pollId: poll.id, choices: ['no'] });
    expect(again.ok ? 'cast' : again.error.message).toMatch(/already received/);
    await Promise.all(voters.slice(20).map((v) => must(h!.client(v), 'poll:cast', { pollId: poll.id, choices: ['no'] })));
    const closed = await must(h.client(h.ministry), 'poll:close', { pollId: poll.id });
    expect(closed.poll.result).toMatchObject({ ballots: 30, counts: { yes: 20, no: 10 }, passed: true });
  });

  it('a countdown that ran out while the server was down closes the poll on start', async () => {
    // The time the server was down passes on the servers' clock, not in the test.
    const clock = new TestClock();
    clock.freeze();
    h = await pollHarness({ redisUrl: redisUrl(), clock });
    const meetingId = h.meetings.add('live');
    h.meetings.checkIn(meetingId, ...h.chairs.map((c) => c.user.id));
    const poll = await h.createPoll(h.ministry, meetingId, { title: '카운트다운', countdownSeconds: 3600, quorum: 0 });
    await must(h.client(h.ministry), 'poll:open', { pollId: poll.id });
    await must(h.client(h.chairs[0]!), 'poll:cast', { pollId: poll.id, choices: ['yes'] });
    h.server.polls.stop(); // the server "dies" before its countdown fires
    // An hour passes while it is down: only the clock can have run the countdown out.
    clock.advance(3_600_000);
    await h.restart();
    const closed = await waitFor(async () => {
      const { poll: p } = await h!.get(h!.ministry, poll.id);
      return p.status === 'closed' ? p : null;
    }, 'closed on start');
    expect(closed.result).toMatchObject({ ballots: 1, passed: true });
    const audit = await h.server.audit.list({ target: `poll:${poll.id}`, action: 'polls.close', limit: 10 });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ by: 'countdown' });
  });
});

describe('countdown', () => {
  it('closes the poll by itself and tells the room', async () => {
    // The countdown runs on the server's clock: the test moves it on instead of waiting a second.
    const clock = new TestClock();
    clock.freeze();
    h = await pollHarness({ clock });
    const meetingId = h.meetings.add('live');
    h.meetings.checkIn(meetingId, ...h.chairs.map((c) => c.user.id));
    const poll = await h.createPoll(h.ministry, meetingId, { title: '1초 표결', countdownSeconds: 1 });
    const watcher = h.client(h.observer);
    await must(watcher, 'poll:watch', { meetingId });
    const opened = await must(h.client(h.ministry), 'poll:open', { pollId: poll.id });
    expect(Date.parse(opened.poll.closesAt!) - Date.parse(opened.poll.openedAt!)).toBe(1000);
    clock.advance(999);
    expect((await h.get(h.ministry, poll.id)).poll.status).toBe('open');
    clock.advance(1);
    await waitFor(() => watcher.results.length === 1, 'result by countdown', 5_000);
    expect(watcher.states.at(-1)?.status).toBe('closed');
  });
});

describe('secret ballot', () => {
  // Reads SQLite's own files; on PostgreSQL the same guarantee is checked by the storage contract
  // (test/integration/store-contract/polls.test.ts: transaction ids, row order, rewritten files).
  it.skipIf(process.env.FORUM_TEST_STORE === 'postgres')('leaves nothing in the database that links a voter to a choice', async () => {
    h = await pollHarness();
    const voters = await h.voters(12);
    const [delegator, delegate] = [voters[10]!, voters[11]!];
    const meetingId = h.meetings.add('live');
    h.meetings.checkIn(meetingId, ...voters.map((v) => v.user.id));
    const poll = await h.createPoll(h.ministry, meetingId, {
      title: '무기명 투표',
      ballot: 'secret',
      eligibility: { userIds: voters.slice(0, 11).map((v) => v.user.id) },
    });
    // A delegation needs a chairperson as delegator: make one for this test.
    await h.server.store.auth.setRole(delegator.user.id, 'chair', 'global');
    const granted = await h.http(h.ministry, 'POST', `/api/meetings/${meetingId}/delegations`, { fromUserId: delegator.user.id, toUserId: delegate.user.id });
    expect(granted.status).toBe(201);
    await must(h.client(h.ministry), 'poll:open', { pollId: poll.id });

    const choices = ['yes', 'yes', 'yes', 'yes', 'no', 'no', 'no', 'abstain', 'abstain', 'yes'];
    await Promise.all(voters.slice(0, 10).map((v, i) => must(h!.client(v), 'poll:cast', { pollId: poll.id, choices: [choices[i]!] })));
    const forX = await must<{ poll: PollView }>(h.client(delegate), 'poll:cast', { pollId: poll.id, choices: ['no'], onBehalfOf: delegator.user.id });
    expect(forX.poll.counts).toBeNull(); // a secret ballot shows nothing until the close
    const changed = await ask(h.client(voters[0]!), 'poll:cast', { pollId: poll.id, choices: ['no'] });
    expect(changed.ok ? 'changed' : changed.error.message).toMatch(/already received/);
    const closed = await must(h.client(h.ministry), 'poll:close', { pollId: poll.id });
    expect(closed.poll.result).toMatchObject({ ballots: 11, counts: { yes: 5, no: 4, abstain: 2 } });
    const { mine } = await h.get(voters[0]!, poll.id);
    expect(mine).toMatchObject({ voted: true, choices: null });

    const db = new Database(join(h.dataDir, 'forum.db'), { readonly: true });
    try {
      const voterIds = voters.map((v) => v.user.id);
      const optionIds = /"(yes|no|abstain)"|"choices":(?!null)/;
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
      let rowsWithVoters = 0;
      for (const { name } of tables) {
        for (const row of db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]) {
          const text = JSON.stringify(row);
          const named = voterIds.filter((id) => text.includes(id));
          if (named.length === 0) continue;
          rowsWithVoters++;
          if (name === 'polls') {
            // The poll itself lists its eligible voters, its options and the totals: all voters alike.
            expect(named.length, 'the poll row singles out a voter').toBeGreaterThanOrEqual(11);
            continue;
          }
          expect(text, `table ${name} links a voter to a choice`).not.toMatch(optionIds);
        }
      }
      expect(rowsWithVoters).toBeGreaterThan(11);
      // Who voted, without choice or time, stored by voter id (no rowid that keeps arrival order).
      const who = db.prepare('SELECT * FROM poll_voters WHERE poll_id = ?').all(poll.id) as Record<string, unknown>[];
      expect(who).toHaveLength(11);
      expect(who.every((r) => r.choices === null && r.cast_at === null)).toBe(true);
      expect(() => db.prepare('SELECT rowid FROM poll_voters').all()).toThrow(/rowid/);
      expect(() => db.prepare('SELECT rowid FROM poll_counts').all()).toThrow(/rowid/);
      // What was chosen: three counters, nothing else.
      const columns = (db.prepare('PRAGMA table_info(poll_counts)').all() as { name: string }[]).map((c) => c.name);
      expect(columns).toEqual(['poll_id', 'option_id', 'count']);
      expect(db.prepare('SELECT option_id, count FROM poll_counts WHERE poll_id = ? ORDER BY option_id').all(poll.id)).toEqual([
        { option_id: 'abstain', count: 2 },
        { option_id: 'no', count: 4 },
        { option_id: 'yes', count: 5 },
      ]);
    } finally {
      db.close();
    }

    const csv = await h.http(h.ministry, 'GET', `/api/polls/${poll.id}/export.csv`);
    expect(csv.text).toContain('"찬성","5"');
    expect(csv.text).toContain('무기명');
    expect(csv.text).not.toMatch(/투표자 \d+","[^"]*","(찬성|반대|기권)"/);
  });
});
