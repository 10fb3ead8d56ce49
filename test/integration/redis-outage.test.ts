import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/realtime/protocol';
import type { MeetingState } from '../../shared/schemas/meetings';
import type { PollView } from '../../shared/schemas/polls';
import { startRedis, type RedisProcess } from '../helpers/redis';
import { FollowedRoom } from '../helpers/meeting-room';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { Sessions } from '../../server/auth/sessions';
import { systemClock } from '../../server/clock';
import { RedisEphemeral } from '../../server/ephemeral/redis';
import { converged, Harness } from './documents.harness';

/**
 * Two server instances on one store and one redis-server of their own, which the tests stop
 * and start again (it keeps nothing on disk, so a restart is also a Redis that lost its data).
 * In this process, not spawned: Vitest fails the run on any unhandled rejection here.
 */
/** A socket with the meeting room it follows (deltas applied as the page does) and the last poll states it heard. */
type Client = Socket<ServerToClientEvents, ClientToServerEvents> & { room: FollowedRoom; readonly meeting: MeetingState | null; polls: Map<string, PollView> };
type Answer = { ok: true } & Record<string, unknown>;

/** The Redis client's command timeout: an outage shorter than this never reached the old crash. */
const REDIS_COMMAND_TIMEOUT_MS = 5_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let redis: RedisProcess | undefined;
let servers: TestServer[] = [];
let harnesses: Harness[] = [];
let ephemerals: RedisEphemeral[] = [];
const clients: Client[] = [];
const providers: WebsocketProvider[] = [];
const dirs: string[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  providers.splice(0).forEach((p) => p.destroy());
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
  for (const h of harnesses.splice(0).reverse()) await h.close();
  await Promise.all(ephemerals.splice(0).map((e) => e.close()));
  await redis?.stop();
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

async function cluster() {
  redis = await startRedis();
  const dataDir = mkdtempSync(join(tmpdir(), 'forum-outage-'));
  dirs.push(dataDir);
  // One after the other: the first creates the database and seeds it.
  const a = await startTestServer({ dataDir, redisUrl: redis.url });
  const b = await startTestServer({ dataDir, redisUrl: redis.url });
  servers = [a, b];
  return { a, b, redis };
}

/** A session without the password round trip (scrypt is slow on a busy machine, and not the subject here). */
async function login(server: TestServer, email: string): Promise<string> {
  const user = await server.store.auth.userByEmail(email);
  if (!user) throw new Error(`no user ${email}`);
  return (await new Sessions(server.store.auth, systemClock, 3_600_000).create(user.id)).token;
}

async function api<T>(server: TestServer, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function socket(server: TestServer, token: string): Promise<Client> {
  const socket = connect(server.url, { transports: ['websocket'], auth: { token }, forceNew: true });
  const room = new FollowedRoom(socket);
  const client = Object.defineProperties(socket, { room: { value: room }, meeting: { get: () => room.state } }) as Client;
  client.polls = new Map();
  client.on('poll:state', (poll) => client.polls.set(poll.id, poll));
  clients.push(client);
  await new Promise<void>((resolve, reject) => {
    client.once('connect', resolve);
    client.once('connect_error', reject);
  });
  return client;
}

/** A stock y-websocket client of `docName` on `server`. */
async function editor(server: TestServer, docName: string, token: string) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${server.url.replace('http', 'ws')}/yjs`, docName, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
  });
  providers.push(provider);
  await waitFor(() => provider.synced, `${docName} synced`);
  return { doc, text: doc.getText('outage') };
}

/** A document's content as a server holds it, or as its stored log reads. */
function contentOf(update: Uint8Array | Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const u of Array.isArray(update) ? update : [update]) Y.applyUpdate(doc, u);
  return JSON.stringify(doc.getText('outage').toDelta());
}

async function must(client: Client, event: string, payload: unknown): Promise<Answer> {
  const emit = client.emitWithAck.bind(client) as unknown as (e: string, p: unknown) => Promise<Answer | { ok: false; error: { message: string } }>;
  const answer = await emit(event, payload);
  if (!answer.ok) throw new Error(`${event}: ${answer.error.message}`);
  return answer;
}

/** Joins the meeting through the room the client follows, so that its deltas apply to the join's state. */
async function joinRoom(client: Client, meetingId: string) {
  const answer = await client.room.join(meetingId);
  if (!answer.ok) throw new Error(`meeting:join: ${answer.error.message}`);
}

async function health(server: TestServer) {
  return (await (await fetch(`${server.url}/api/health`)).json()) as { status: string; ephemeral: { kind: string; ok: boolean } };
}

/** A live meeting with an agenda and an open poll; the chairs on `b`, the ministry on `a`. */
async function liveMeeting(a: TestServer, b: TestServer) {
  const ministry = await login(a, 'ministry@forum.demo');
  const { meeting } = await api<{ meeting: { id: string; agenda: { id: string }[] } }>(a, ministry, 'POST', '/api/meetings', {
    title: '제5차 산업대전환 포럼 위원장 회의',
    startsAt: new Date().toISOString(),
    agenda: [{ title: '국가 산업인재은행' }, { title: '마더 팩토리 프로젝트' }],
  });
  const admin = await socket(a, ministry);
  await joinRoom(admin, meeting.id);
  await must(admin, 'meeting:start', { meetingId: meeting.id });
  const { poll } = await api<{ poll: PollView }>(a, ministry, 'POST', `/api/meetings/${meeting.id}/polls`, { title: '인재은행 채택', resultsVisibility: 'live' });
  const chairs: Client[] = [];
  for (const who of ['investment', 'workforce']) {
    const chair = await socket(b, await login(b, `chair.${who}@forum.demo`));
    await joinRoom(chair, meeting.id);
  await must(chair, 'meeting:checkIn', { meetingId: meeting.id });
    chairs.push(chair);
  }
  await must(admin, 'poll:open', { pollId: poll.id });
  return { ministry, meeting, poll, admin, chairs };
}

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

    const back = await startRedis(redis.port);
    redis.stop = back.stop;
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
    const back = await startRedis(redis.port); // a new redis-server: nothing of the old one's data
    redis.stop = back.stop;
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
    servers = [];
    await expect(a.close()).resolves.toBeUndefined();
    await expect(b.close()).resolves.toBeUndefined();
  }, 60_000);

  it('splits no document: edits made on both instances meanwhile meet when Redis returns, without an unload', async () => {
    redis = await startRedis();
    // Two document servers on one database file, each with its own Redis connections.
    ephemerals = [await RedisEphemeral.connect(redis.url), await RedisEphemeral.connect(redis.url)];
    const a = await Harness.start({ ephemeral: ephemerals[0] });
    const b = await Harness.start({ ephemeral: ephemerals[1], dir: a.dir });
    harnesses = [a, b];
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

    const back = await startRedis(redis.port);
    redis.stop = back.stop;
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
    const back = await startRedis(redis.port);
    redis.stop = back.stop;

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
