/**
 * GET /metrics (Prometheus text, prom-client) and /api/health's dependencies (issue 16.5): the
 * figures an operator scrapes move with what people do, and only a scraper with the token, or
 * one on the metrics port, gets them.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../helpers/clock';
import { MeetingRunner } from '../helpers/meeting-run';
import { createTestDatabase, runPostgresUrl } from '../helpers/postgres';
import { startRedis, type RedisProcess } from '../helpers/redis';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { Editor } from './proposals.harness';

const token = 'metrics-token-for-the-scraper-0001';
let redis: RedisProcess;
let server: TestServer;
const editors: Editor[] = [];
let runner: MeetingRunner;
const clock = new TestClock();

beforeAll(async () => {
  redis = await startRedis();
  // Frozen: token buckets never refill, so a flood is refused however slowly the machine sends it.
  clock.freeze();
  server = await startTestServer({ redisUrl: redis.url, env: { METRICS_TOKEN: token }, clock });
  runner = new MeetingRunner(server);
}, 60_000);
afterAll(async () => {
  runner?.close();
  editors.splice(0).forEach((e) => e.destroy());
  await server?.close();
  await redis?.stop();
});

const scrape = async (url = `${server.url}/metrics`, bearer: string | null = token) =>
  fetch(url, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });

/** The value of one sample line (`name{labels} value`), or undefined when absent. */
async function sample(name: string, labels = ''): Promise<number | undefined> {
  const text = await (await scrape()).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

describe('GET /metrics', () => {
  it('answers only the bearer of METRICS_TOKEN, in the Prometheus text format', async () => {
    expect((await scrape(undefined, null)).status).toBe(404);
    expect((await scrape(undefined, 'not-the-token-at-all-0000')).status).toBe(404);
    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    for (const name of ['forum_connections', 'forum_documents_loaded', 'forum_document_updates_total', 'forum_document_append_seconds', 'forum_document_fanout_seconds', 'forum_socket_broadcast_seconds', 'forum_ballots_total', 'forum_rate_limited_total', 'forum_database_up', 'forum_redis_up', 'nodejs_eventloop_lag_p99_seconds']) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(await sample('forum_database_up', 'kind="sqlite"')).toBe(1);
    expect(await sample('forum_redis_up')).toBe(1);
    expect(await sample('nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('counts connections by kind, loaded documents, applied updates with their append and fan-out times, and ballots', async () => {
    const chair = await server.login('chair.investment@forum.demo');
    const list = await fetch(`${server.url}/api/proposals?subcommittee=investment&status=draft`, { headers: { authorization: `Bearer ${chair.token}` } });
    const id = ((await list.json()) as { proposals: { id: string }[] }).proposals[0]!.id;
    const before = (await sample('forum_document_updates_total')) ?? 0;
    const writer = await Editor.open(server, id, chair.token);
    const reader = await Editor.open(server, id, (await server.login('observer@forum.demo')).token);
    editors.push(writer, reader);
    for (const text of ['첫째 문단', '둘째 문단', '셋째 문단']) {
      writer.type(text);
      await waitFor(() => reader.text.includes(text), 'the reader to receive');
    }
    expect(await sample('forum_connections', 'kind="yjs"')).toBe(2);
    expect(await sample('forum_documents_loaded')).toBeGreaterThanOrEqual(1);
    expect(await sample('forum_document_updates_total')).toBe(before + 3);
    expect(await sample('forum_document_append_seconds_count')).toBeGreaterThanOrEqual(before + 1);
    expect(await sample('forum_document_fanout_seconds_count')).toBe(before + 3);

    const broadcasts = async (family: string) => (await sample('forum_socket_broadcast_seconds_count', `family="${family}"`)) ?? 0;
    const [meetingBefore, pollBefore] = [await broadcasts('meeting'), await broadcasts('poll')];
    await runner.adoptTalentBank('지표 시험 회의', { end: false });
    expect(await sample('forum_ballots_total')).toBe(2);
    // Starting the meeting, moving its item, opening, counting and closing the poll went out to its room.
    expect(await broadcasts('meeting')).toBeGreaterThan(meetingBefore);
    expect(await broadcasts('poll')).toBeGreaterThan(pollBefore);
    // The runner's ministry and two chairs are connected over Socket.IO.
    expect(await sample('forum_connections', 'kind="socketio"')).toBe(3);
  });

  it('counts every refusal of a rate limit', async () => {
    const member = await runner.connect('chair.global@forum.demo');
    const answers = (await Promise.all(
      Array.from({ length: 400 }, () => member.socket.timeout(30_000).emitWithAck('presence:update', { location: 'home' })),
    )) as { ok: boolean; error?: { code: string } }[];
    const refused = answers.filter((a) => !a.ok && a.error?.code === 'rate_limited').length;
    expect(refused).toBeGreaterThan(0);
    expect(await sample('forum_rate_limited_total', 'limit="socket"')).toBe(refused);
  });

  it('counts sign-ins refused by the sign-in limits', { timeout: 120_000 }, async () => {
    const signIn = () =>
      fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'chair.newbusiness@forum.demo', password: 'not the password' }),
      });
    // At once: each attempt takes its token before the password is hashed, so the count is exact.
    const statuses = (await Promise.all(Array.from({ length: 13 }, signIn))).map((res) => res.status);
    // Ten wrong passwords per account and address (LOGIN_MAX_PER_PAIR), then refusals; the clock is frozen.
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
    expect(await sample('forum_rate_limited_total', 'limit="login-pair"')).toBe(3);
  });
});

describe('/api/health', () => {
  it('reports the database, Redis and the cluster bus, and says when Redis and the bus are down', async () => {
    const up = await (await fetch(`${server.url}/api/health`)).json();
    expect(up).toMatchObject({ status: 'ok', store: { kind: 'sqlite', ok: true }, ephemeral: { kind: 'redis', ok: true }, bus: { kind: 'redis', ok: true } });
    await redis.stop();
    await waitFor(async () => (await (await fetch(`${server.url}/api/health`)).json()).bus.ok === false, 'health to see the bus down');
    const down = await (await fetch(`${server.url}/api/health`)).json();
    expect(down).toMatchObject({ status: 'degraded', store: { kind: 'sqlite', ok: true }, ephemeral: { ok: false }, bus: { ok: false } });
    expect(await sample('forum_redis_up')).toBe(0);
  });
});

describe('METRICS_PORT', () => {
  it('serves /metrics without a token on its own port, and nothing on the main one', async () => {
    const plain = await startTestServer({ env: { METRICS_PORT: '0' } });
    try {
      expect(plain.metricsUrl).toBeDefined();
      const res = await fetch(plain.metricsUrl!);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('forum_connections{kind="yjs"} 0');
      // Without METRICS_TOKEN the main port has no /metrics: the web client's fallback answers instead
      // (its page when the client is built, a 404 when not), never the figures.
      const main = await fetch(`${plain.url}/metrics`);
      expect(main.headers.get('content-type') ?? '').not.toMatch(/version=0\.0\.4/);
      expect(await main.text()).not.toContain('forum_connections');
      expect(await (await fetch(`${plain.url}/api/health`)).json()).toMatchObject({ status: 'ok', bus: { kind: 'in-process', ok: true } });
    } finally {
      await plain.close();
    }
  });
});

describe('database health', () => {
  it('says when PostgreSQL stops answering, and again when it is back', { timeout: 120_000 }, async () => {
    const serverUrl = await runPostgresUrl();
    const database = await createTestDatabase(serverUrl);
    const name = new URL(database.url).pathname.slice(1);
    const admin = async (text: string) => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(text).finally(() => client.end());
    };
    const forum = await startTestServer({ env: { METRICS_PORT: '0', DATABASE_URL: database.url } });
    const up = async () => {
      const text = await (await fetch(forum.metricsUrl!)).text();
      return Number(/^forum_database_up\{kind="postgres"\} (\d)/m.exec(text)?.[1]);
    };
    const health = async () => (await fetch(`${forum.url}/api/health`)).json() as Promise<{ status: string; store: { kind: string; ok: boolean } }>;
    try {
      expect(await up()).toBe(1);
      expect(await health()).toMatchObject({ status: 'ok', store: { kind: 'postgres', ok: true } });
      // The database refuses new connections and ends the instance's open ones: an outage as the instance sees it.
      await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
      await waitFor(async () => (await up()) === 0, 'forum_database_up to say 0');
      expect(await health()).toMatchObject({ status: 'degraded', store: { kind: 'postgres', ok: false } });
      await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      await waitFor(async () => (await up()) === 1, 'forum_database_up to say 1 again');
      expect(await health()).toMatchObject({ status: 'ok', store: { ok: true } });
    } finally {
      await forum.close();
      await database.drop();
    }
  });
});
