import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/realtime/protocol';
import type { PollView } from '../../shared/schemas/polls';
import { startRedis, type RedisProcess } from '../helpers/redis';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';

/**
 * Two server instances on one store and one redis-server of their own, which the tests stop
 * and start again (it keeps nothing on disk, so a restart is also a Redis that lost its data).
 * In this process, not spawned: Vitest fails the run on any unhandled rejection here.
 */
type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
type Answer = { ok: true } & Record<string, unknown>;

/** The Redis client's command timeout: an outage shorter than this never reached the old crash. */
const REDIS_COMMAND_TIMEOUT_MS = 5_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let redis: RedisProcess | undefined;
let servers: TestServer[] = [];
const clients: Client[] = [];
const dirs: string[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
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

async function login(server: TestServer, email: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'forum-demo' }),
  });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
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
  const client: Client = connect(server.url, { transports: ['websocket'], auth: { token }, forceNew: true });
  clients.push(client);
  await new Promise<void>((resolve, reject) => {
    client.once('connect', resolve);
    client.once('connect_error', reject);
  });
  return client;
}

async function must(client: Client, event: string, payload: unknown): Promise<Answer> {
  const emit = client.emitWithAck.bind(client) as unknown as (e: string, p: unknown) => Promise<Answer | { ok: false; error: { message: string } }>;
  const answer = await emit(event, payload);
  if (!answer.ok) throw new Error(`${event}: ${answer.error.message}`);
  return answer;
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
  await must(admin, 'meeting:join', { meetingId: meeting.id });
  await must(admin, 'meeting:start', { meetingId: meeting.id });
  const { poll } = await api<{ poll: PollView }>(a, ministry, 'POST', `/api/meetings/${meeting.id}/polls`, { title: '인재은행 채택', resultsVisibility: 'live' });
  const chairs: Client[] = [];
  for (const who of ['investment', 'workforce']) {
    const chair = await socket(b, await login(b, `chair.${who}@forum.demo`));
    await must(chair, 'meeting:join', { meetingId: meeting.id });
  await must(chair, 'meeting:checkIn', { meetingId: meeting.id });
    chairs.push(chair);
  }
  await must(admin, 'poll:open', { pollId: poll.id });
  return { ministry, meeting, poll, admin, chairs };
}

describe('a Redis outage', () => {
  it('crashes no instance: both keep serving their own clients, health says degraded, then ok again', async () => {
    const { a, b, redis } = await cluster();
    const { meeting, poll, admin, chairs } = await liveMeeting(a, b);

    await redis.stop();
    for (const server of [a, b]) {
      await waitFor(async () => (await health(server)).status === 'degraded', 'health to say degraded');
      expect((await health(server)).ephemeral).toEqual({ kind: 'redis', ok: false });
    }
    // A ballot on one instance and the agenda moving on the other: each broadcasts to the room.
    const cast = await must(chairs[0]!, 'poll:cast', { pollId: poll.id, choices: ['yes'] });
    expect(cast.poll).toMatchObject({ votedCount: 1 });
    await must(admin, 'meeting:setCurrentItem', { meetingId: meeting.id, itemId: meeting.agenda[1]!.id });
    // Longer than the Redis client's command timeout, after which the old code crashed.
    await sleep(REDIS_COMMAND_TIMEOUT_MS + 1_000);
    for (const server of [a, b]) expect((await health(server)).status).toBe('degraded');

    const back = await startRedis(redis.port);
    redis.stop = back.stop;
    for (const server of [a, b]) await waitFor(async () => (await health(server)).status === 'ok', 'health to say ok again');
    const second = await must(chairs[1]!, 'poll:cast', { pollId: poll.id, choices: ['no'] });
    expect(second.poll).toMatchObject({ votedCount: 2, counts: { yes: 1, no: 1, abstain: 0 } });
  }, 60_000);
});
