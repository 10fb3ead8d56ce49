import { afterEach, describe, expect, it } from 'vitest';
import type { PollView } from '../../shared/schemas/polls';
import { startRedis } from '../helpers/redis';
import { waitFor, type TestServer } from '../helpers/server';
import { RedisEphemeral } from '../../server/ephemeral/redis';
import { converged, Harness } from './documents.harness';
import { api, cleanUp, cluster, contentOf, editor, health, joinRoom, liveMeeting, login, must, restartRedis, socket, started, type Client } from './redis-outage.harness';

/** The Redis client's command timeout: an outage shorter than this never reached the old crash. */
const REDIS_COMMAND_TIMEOUT_MS = 5_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterEach(cleanUp);

describe('a Redis outage', () => {
  it('crashes no instance: each serves its own clients, health says degraded, and every client gets the current state after', async () => {
    const { a, b, redis } = await cluster();
    const { meeting, poll, admin, chairs } = await liveMeeting(a, b);
    const [first, second] = chairs as [Client, Client];
    const [, nextItem] = meeting.agenda.map((i) => i.id);

    await redis.stop();
    for (const server of [a, b]) {
      await waitFor(async () => (await health(server)).status === 'degraded', 'health to say degraded');
      expect((await health(server)).ephemeral).toEqual({ kind: 'redis', ok: false });
    }
    // A ballot on one instance and the agenda moving on the other: each broadcasts to the room.
    const cast = await must(first, 'poll:cast', { pollId: poll.id, choices: ['yes'] });
    expect(cast.poll).toMatchObject({ votedCount: 1 });
    await must(admin, 'meeting:setCurrentItem', { meetingId: meeting.id, itemId: nextItem });
    // Each instance's own clients hear of it.
    await waitFor(() => second.polls.get(poll.id)?.votedCount === 1, 'the ballot on the voters’ instance');
    await waitFor(() => admin.meeting?.meeting.currentItemId === nextItem, 'the new item on the ministry’s instance');
    // Longer than the Redis client's command timeout, after which the old code crashed.
    await sleep(REDIS_COMMAND_TIMEOUT_MS + 1_000);
    for (const server of [a, b]) expect((await health(server)).status).toBe('degraded');

    await restartRedis(redis);
    for (const server of [a, b]) await waitFor(async () => (await health(server)).status === 'ok', 'health to say ok again');
    // What the other instance missed arrives without anyone acting again.
    await waitFor(() => admin.polls.get(poll.id)?.votedCount === 1, 'the ballot on the ministry’s instance');
    for (const chair of chairs) await waitFor(() => chair.meeting?.meeting.currentItemId === nextItem, 'the new item on the voters’ instance');
    const again = await must(second, 'poll:cast', { pollId: poll.id, choices: ['no'] });
    expect(again.poll).toMatchObject({ votedCount: 2, counts: { yes: 1, no: 1, abstain: 0 } });
  }, 60_000);

  it('signs nobody out: a session made before the outage works during it and after a restart that emptied Redis', async () => {
    const { a, b, redis } = await cluster();
    const token = await login(a, 'chair.global@forum.demo');
    const signedOut = await login(a, 'chair.workforce@forum.demo');
    await api(a, signedOut, 'POST', '/api/auth/logout');
    const me = (server: TestServer, t = token) => fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${t}` } });

    await redis.stop();
    await waitFor(async () => (await health(b)).status === 'degraded', 'health to say degraded');
    expect((await me(b)).status).toBe(200);
    await restartRedis(redis); // a new redis-server: nothing of the old one's data
    await waitFor(async () => (await health(a)).status === 'ok', 'health to say ok again');
    for (const server of [a, b]) expect((await me(server)).status).toBe(200);
    expect((await me(a, signedOut)).status).toBe(401);
    const client = await socket(b, token);
    expect(client.connected).toBe(true);
  }, 60_000);

  it('lets people sign in with their password while Redis is away (a wrong one is still refused)', async () => {
    const { a, redis } = await cluster();
    const signIn = (password: string) =>
      fetch(`${a.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: a.url },
        body: JSON.stringify({ email: 'chair.global@forum.demo', password }),
      });
    await redis.stop();
    await waitFor(async () => (await health(a)).status === 'degraded', 'health to say degraded');
    expect((await signIn('not-the-password')).status).toBe(401);
    const res = await signIn('forum-demo');
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    const me = await fetch(`${a.url}/api/auth/me`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe('chair.global@forum.demo');
  }, 60_000);

  it('lets an instance shut down cleanly while Redis is away', async () => {
    const { a, b, redis } = await cluster();
    await redis.stop();
    await waitFor(async () => (await health(a)).status === 'degraded', 'health to say degraded');
    started.servers.splice(0);
    await expect(a.close()).resolves.toBeUndefined();
    await expect(b.close()).resolves.toBeUndefined();
  }, 60_000);

  it('splits no document: edits made on both instances meanwhile meet when Redis returns, without an unload', async () => {
    const redis = (started.redis = await startRedis());
    // Two document servers on one database file, each with its own Redis connections.
    const ephemerals = [await RedisEphemeral.connect(redis.url), await RedisEphemeral.connect(redis.url)];
    started.ephemerals.push(...ephemerals);
    const a = await Harness.start({ ephemeral: ephemerals[0] });
    const b = await Harness.start({ ephemeral: ephemerals[1], dir: a.dir });
    started.harnesses.push(a, b);
    const onA = await a.connectSynced('note:outage', 'alice');
    const onB = await b.connectSynced('note:outage', 'bob');
    onA.text.insert(0, 'before. ');
    await converged([onA, onB]);

    await redis.stop();
    await waitFor(async () => !(await ephemerals[0]!.health()) && !(await ephemerals[1]!.health()), 'both instances to lose Redis');
    onA.text.insert(onA.text.length, 'typed on A. ');
    onB.text.insert(0, 'typed on B. ');
    onB.text.delete('typed on B. '.length, 'before. '.length);
    // A document first opened during the outage loads from the store alone.
    const lateOnB = await b.connectSynced('note:late', 'bob');
    lateOnB.text.insert(0, 'while Redis was away');
    await onA.roundTrip();
    await onB.roundTrip();
    expect(onA.text.toString()).toBe('before. typed on A. ');
    expect(onB.text.toString()).toBe('typed on B. ');

    await restartRedis(redis);
    const text = await converged([onA, onB], 'the two sides to meet');
    expect(text).toBe('typed on B. typed on A. ');
    // The late document is relayed again too: an edit on A reaches B's client.
    const lateOnA = await a.connectSynced('note:late', 'alice');
    lateOnA.text.insert(lateOnA.text.length, '; and back');
    expect(await converged([lateOnA, lateOnB])).toBe('while Redis was away; and back');
    for (const h of [a, b]) await waitFor(async () => (await h.serverText('note:outage')) === text, 'each server to hold the merged text');
    expect(await a.storedText('note:outage')).toBe(text);
  }, 60_000);

  it('end to end: 15 s without Redis while chairs type, vote and the agenda moves — nothing lost, split or counted twice', async () => {
    const { a, b, redis } = await cluster();
    const { ministry, meeting, poll, admin } = await liveMeeting(a, b);
    const agenda = meeting.agenda.map((i) => i.id);
    // Every chair votes, half of them through each instance.
    const subcommittees = ['investment', 'workforce', 'productivity', 'ecosystem', 'global', 'newbusiness'];
    const voters: Client[] = [];
    for (const [i, who] of subcommittees.entries()) {
      const server = i % 2 ? b : a;
      const voter = await socket(server, await login(server, `chair.${who}@forum.demo`));
      await joinRoom(voter, meeting.id);
      await must(voter, 'meeting:checkIn', { meetingId: meeting.id });
      voters.push(voter);
    }
    // Two documents, each written on both instances: a proposal (ministry and its chair) and the minutes.
    const { proposals } = await api<{ proposals: { id: string }[] }>(a, ministry, 'GET', '/api/proposals?subcommittee=investment&status=draft');
    const docNames = [`proposal:${proposals[0]!.id}`, `minutes:${meeting.id}`];
    const [chairToken, staffToken] = [await login(b, 'chair.investment@forum.demo'), await login(b, 'minutes@forum.demo')];
    const editors = [
      [await editor(a, docNames[0]!, ministry), await editor(b, docNames[0]!, chairToken)],
      [await editor(a, docNames[1]!, ministry), await editor(b, docNames[1]!, staffToken)],
    ];

    await redis.stop();
    const acknowledged: string[] = [];
    const outage = Date.now() + 15_000;
    for (let tick = 0; Date.now() < outage; tick++) {
      for (const pair of editors) pair.forEach((e, side) => e.text.insert(e.text.length, `${'AB'[side]}${tick} `));
      const voter = voters[tick];
      if (voter) {
        const choice = tick % 3 ? 'yes' : 'no';
        await must(voter, 'poll:cast', { pollId: poll.id, choices: [choice] });
        acknowledged.push(choice);
      }
      if (tick % 10 === 0) await must(admin, 'meeting:setCurrentItem', { meetingId: meeting.id, itemId: agenda[(tick / 10) % 2] });
      await sleep(250);
    }
    for (const server of [a, b]) expect((await health(server)).status).toBe('degraded');
    await restartRedis(redis);

    for (const server of [a, b]) await waitFor(async () => (await health(server)).status === 'ok', 'both instances up and healthy');
    for (const [i, [onA, onB]] of editors.entries()) {
      await waitFor(() => onA!.text.toString() === onB!.text.toString(), `${docNames[i]} to converge on both instances`);
    }
    for (const name of docNames) {
      await waitFor(async () => contentOf(await a.documents.state(name)) === contentOf(await b.documents.state(name)), `${name} alike on both servers`);
      expect(contentOf(await a.store.docs.load(name))).toBe(contentOf(await a.documents.state(name)));
    }
    const current = (await waitFor(() => admin.meeting, 'a meeting state')).meeting.currentItemId;
    for (const voter of voters) await waitFor(() => voter.meeting?.meeting.currentItemId === current, 'every chair on the current item');

    const closed = await must(admin, 'poll:close', { pollId: poll.id });
    const count = (c: string) => acknowledged.filter((x) => x === c).length;
    expect(acknowledged).toHaveLength(voters.length);
    expect((closed.poll as PollView).result).toMatchObject({ ballots: voters.length, counts: { yes: count('yes'), no: count('no'), abstain: 0 } });
  }, 120_000);
});
