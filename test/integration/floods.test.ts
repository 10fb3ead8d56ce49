/**
 * Floods (issue 13.4): one real socket.io-client sends 10,000 `meeting:raiseHand`
 * events. The hand is raised once (one audit row), the flood is answered
 * `rate_limited`, and /api/health keeps answering meanwhile. State-changing HTTP
 * calls are limited per user the same way (429 with Retry-After).
 */
import { Worker } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../shared/result';
import { ratePolicies } from '../../server/limits/policies';
import { TestClock } from '../helpers/clock';
import { runRedisUrl } from '../helpers/redis';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';


const FLOOD = 10_000;

interface Tally {
  ok: number;
  codes: Record<string, number>;
  positions: Record<string, number>;
  sample: AppError | null;
}

/** Joins the meeting and sends FLOOD raiseHand events from a real socket.io-client in its own thread. */
function floodFrom(url: string, token: string, meetingId: string) {
  const worker = new Worker(new URL('../helpers/flood-worker.mjs', import.meta.url), {
    workerData: { url, token, join: { event: 'meeting:join', payload: { meetingId } }, event: 'meeting:raiseHand', payload: { meetingId }, count: FLOOD },
  });
  let joined!: () => void;
  const joinedP = new Promise<void>((resolve) => (joined = resolve));
  const done = new Promise<Tally>((resolve, reject) => {
    worker.on('message', (m: { type: 'joined' } | { type: 'done'; tally: Tally }) => (m.type === 'joined' ? joined() : resolve(m.tally)));
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`flood worker exited with ${code}`)));
  });
  void done.finally(() => void worker.terminate()).catch(() => {});
  return { joined: Promise.race([joinedP, done.then(() => undefined)]), done };
}
const countBy = (xs: string[]) => xs.reduce<Record<string, number>>((n, x) => ({ ...n, [x]: (n[x] ?? 0) + 1 }), {});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

describe.each([
  ['in memory', () => undefined],
  ['in Redis', () => runRedisUrl()],
])('floods %s', (backend, redisUrl) => {
  let server: TestServer;
  let ministry: string;
  let chair: { token: string; userId: string };
  let meetingId: string;
  // Frozen during each flood: the buckets do not refill, so what passes is exactly the burst.
  const clock = new TestClock();
  afterEach(() => clock.resume());

  const http = (token: string, method: string, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    server = await startTestServer({ demo: true, redisUrl: redisUrl(), clock });
    ministry = (await server.login('ministry@forum.demo')).token;
    chair = await server.login('chair.workforce@forum.demo');
    const chairedBy = (await server.login('chair.investment@forum.demo')).userId;
    const created = await http(ministry, 'POST', '/api/meetings', { title: '발언 신청 폭주', startsAt: '2026-12-01T14:00:00+09:00', chairId: chairedBy, agenda: [{ title: '안건' }] });
    meetingId = ((await created.json()) as { meeting: { id: string } }).meeting.id;
    expect((await http(ministry, 'POST', `/api/meetings/${meetingId}/start`)).status).toBe(200);
  });
  afterAll(async () => {
    await server.close();
  });

  it(`raises the hand once for ${FLOOD} raiseHand events, answers the rest rate_limited, and health keeps answering`, async () => {
    clock.freeze();
    const flood = floodFrom(server.url, chair.token, meetingId);

    // /api/health, one request after another, for as long as the flood lasts.
    const health: { status: number; body: { status: string; store: { ok: boolean } }; ms: number }[] = [];
    let flooding = true;
    void flood.done.finally(() => (flooding = false));
    await flood.joined;
    while (flooding || health.length < 3) {
      const started = performance.now();
      const res = await fetch(`${server.url}/api/health`);
      health.push({ status: res.status, body: (await res.json()) as (typeof health)[number]['body'], ms: performance.now() - started });
    }
    const tally = await flood.done;

    const ms = health.map((h) => h.ms);
    console.log(`[floods ${backend}] /api/health during a ${FLOOD}-event flood: ${health.length} answers, median ${median(ms).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms`);
    // Every request answered, with the store up. (With Redis, a PING that waited more than its 1 s
    // behind the flood's first burst reports `degraded` for that moment: counted, not failed.)
    for (const h of health) expect({ status: h.status, store: h.body.store.ok }).toEqual({ status: 200, store: true });
    console.log(`[floods ${backend}] health answers: ${JSON.stringify(countBy(health.map((h) => h.body.status)))}`);
    expect(((await (await fetch(`${server.url}/api/health`)).json()) as { status: string }).status).toBe('ok');

    // The join took one token; the raises take the rest of the burst, all answering place 1.
    expect(tally.ok).toBe(ratePolicies.socketEvents.burst - 1);
    expect(tally.positions).toEqual({ 1: ratePolicies.socketEvents.burst - 1 });
    expect(tally.codes).toEqual({ rate_limited: FLOOD - tally.ok });
    expect(tally.sample).toMatchObject({ reason: 'requests.rate_limited', retryAfterSeconds: expect.any(Number) });

    const hands = await server.audit.list({ target: `meeting:${meetingId}`, action: 'meetings.hand', limit: 1000 });
    expect(hands).toHaveLength(1);
    const state = await server.meetings.room.state(meetingId);
    expect(state!.speakers.queue.map((s) => s.userId)).toEqual([chair.userId]);
  });

  it('refuses a flood of state-changing HTTP calls with 429 and Retry-After, per user', async () => {
    const observer = (await server.login('observer@forum.demo')).token;
    const tries = ratePolicies.httpWrites.burst + 50;
    clock.freeze();
    // Calls the observer may not make (403 before the body is read): each still costs a token, and nothing is stored.
    const statuses = await Promise.all(
      Array.from({ length: tries }, async () => {
        const res = await http(observer, 'POST', '/api/meetings', {});
        return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { error: AppError } };
      }),
    );
    const refused = statuses.filter((s) => s.status === 429);
    expect(statuses.filter((s) => s.status === 403)).toHaveLength(ratePolicies.httpWrites.burst);
    expect(refused).toHaveLength(50);
    expect(Number(refused[0]!.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(refused[0]!.body.error).toMatchObject({ code: 'rate_limited', reason: 'requests.rate_limited' });
    // Another user is not limited by the observer's flood; reads are never limited.
    expect((await http(ministry, 'POST', '/api/meetings', {})).status).toBe(400);
    await waitFor(async () => (await http(observer, 'GET', '/api/meetings')).status === 200, 'reads still answer');
  });
});
