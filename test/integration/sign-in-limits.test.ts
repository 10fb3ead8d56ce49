/**
 * Sign-in limits under parallel attempts (issue 13.4): the check and the count are one
 * step, a third party cannot lock a person out, and password hashing takes turns by
 * address. Requests come from distinct loopback addresses (127.0.0.x), as from
 * distinct machines. The clock is frozen so the buckets do not refill mid-test. The
 * limits are set low (each checked password costs a full scrypt, seconds on a busy
 * machine); the defaults (10 / 100 / 50) work the same way.
 */
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { TestClock } from '../helpers/clock';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(env: Record<string, string> = {}) {
  const clock = new TestClock();
  clock.freeze();
  const server = await startTestServer({ demo: true, clock, env });
  servers.push(server);
  return server;
}

interface Answer {
  status: number;
  retryAfter: string | undefined;
  code: string | undefined;
}

/** POST /api/auth/login from `from` (a loopback address), as a client on that machine would. */
function signIn(server: TestServer, from: string, email: string, password: string): Promise<Answer> {
  const url = new URL('/api/auth/login', server.url);
  const body = JSON.stringify({ email, password });
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress: from, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => {
          const parsed = JSON.parse(text) as { error?: { code: string } };
          resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined, code: parsed.error?.code });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const statuses = (answers: Answer[]) => answers.reduce<Record<number, number>>((n, a) => ({ ...n, [a.status]: (n[a.status] ?? 0) + 1 }), {});
const failedSignIns = async (server: TestServer) => (await server.audit.list({ action: 'auth.login_failed', limit: 1000 })).length;

describe('sign-in limits', () => {
  it('counts 30 parallel wrong passwords on one account from one address exactly against the limit', { timeout: 120_000 }, async () => {
    const server = await start({ LOGIN_MAX_PER_PAIR: '3' });
    const answers = await Promise.all(Array.from({ length: 30 }, () => signIn(server, '127.0.0.2', 'chair.investment@forum.demo', 'wrong-password')));
    expect(statuses(answers)).toEqual({ 401: 3, 429: 27 });
    expect(await failedSignIns(server)).toBe(3);
    const refused = answers.find((a) => a.status === 429)!;
    expect(refused.code).toBe('rate_limited');
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
  });

  it('counts 100 parallel wrong sign-ins from one address over many accounts exactly against the address limit', { timeout: 120_000 }, async () => {
    const server = await start({ LOGIN_MAX_PER_ADDRESS: '5' });
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => signIn(server, '127.0.0.3', `nobody${i}@forum.demo`, 'wrong-password')));
    expect(statuses(answers)).toEqual({ 401: 5, 429: 95 });
    expect(await failedSignIns(server)).toBe(5);
    // Another address is not held to this one's limit.
    expect((await signIn(server, '127.0.0.4', 'observer@forum.demo', 'forum-demo')).status).toBe(200);
  });

  it("lets the owner sign in while a third party is limited on their account; a distributed guess meets the account's ceiling", async () => {
    const server = await start({ LOGIN_MAX_PER_PAIR: '2', LOGIN_MAX_PER_ACCOUNT: '5' });
    const victim = 'chair.workforce@forum.demo';
    const attacker = await Promise.all(Array.from({ length: 6 }, () => signIn(server, '127.0.0.5', victim, 'guess')));
    expect(statuses(attacker)).toEqual({ 401: 2, 429: 4 });
    expect((await signIn(server, '127.0.0.6', victim, 'forum-demo')).status).toBe(200);

    // More addresses: 2 more from .7 and 1 of 3 from .8 reach the ceiling of 5; then even the owner waits.
    expect(statuses(await Promise.all(Array.from({ length: 2 }, () => signIn(server, '127.0.0.7', victim, 'guess'))))).toEqual({ 401: 2 });
    expect(statuses(await Promise.all(Array.from({ length: 3 }, () => signIn(server, '127.0.0.8', victim, 'guess'))))).toEqual({ 401: 1, 429: 2 });
    expect((await signIn(server, '127.0.0.9', victim, 'forum-demo')).status).toBe(429);
    expect(await failedSignIns(server)).toBe(5);
  }, 120_000);

  it('hashes fairly by address: a sign-in from elsewhere is not queued behind the failures of another', async () => {
    const server = await start({ PASSWORD_HASH_CONCURRENCY: '1' });
    const order: string[] = [];
    const attack = Array.from({ length: 8 }, (_, i) =>
      signIn(server, '127.0.0.10', `guess${i}@forum.demo`, 'wrong-password').then((a) => (order.push('attacker'), a)),
    );
    await waitFor(() => server.auth.hashingQueued >= 6, 'the attacker’s attempts are queued for hashing', 60_000);
    const queuedBefore = server.auth.hashingQueued;
    const owner = await signIn(server, '127.0.0.11', 'chair.productivity@forum.demo', 'forum-demo').then((a) => (order.push('owner'), a));
    const attacked = await Promise.all(attack);
    expect(owner.status).toBe(200);
    expect(statuses(attacked)).toEqual({ 401: 8 });
    // One hash at a time, the freed slot to the address with none running: the owner waits only
    // for the hash running, so all that were queued finish after the sign-in (a little slack for a
    // hash that ends while the owner's request is on its way). First come, first served would
    // finish all of them first.
    const afterOwner = order.length - 1 - order.indexOf('owner');
    console.log(`[sign-in] ${queuedBefore} failures queued when the owner signed in; ${afterOwner} finished after`);
    expect(afterOwner).toBeGreaterThanOrEqual(queuedBefore - 2);
  }, 120_000);
});
