import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import type { Ephemeral } from '../../server/ephemeral/ephemeral';
import { MemoryEphemeral } from '../../server/ephemeral/memory';
import { RedisEphemeral } from '../../server/ephemeral/redis';
import { TestClock } from '../helpers/clock';
import { freePort, runRedisUrl, startRedis } from '../helpers/redis';

/** Keys from this run never meet those of another run sharing the same Redis (REDIS_URL). */
const runPrefix = `test:${randomUUID()}:`;
let instanceCount = 0;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `done()` holds; pub/sub delivery is asynchronous for both backends. */
async function waitFor(done: () => boolean, timeoutMs = 2_000) {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(10);
  }
}

/** Every instance a test opens, closed after it so no connection outlives its test. */
const opened: Ephemeral[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((e) => e.close()));
});

/**
 * Time in these tests passes only on a frozen test clock, never by sleeping. Presence expiry
 * follows the clock on both backends; value TTLs only in memory (Redis expires keys by its
 * own clock, so there the contract checks the TTL Redis was given, in milliseconds).
 */
interface Backend {
  make(clock: TestClock): Promise<Ephemeral>;
  valuesFollowClock: boolean;
}

const backends: [string, Backend][] = [
  ['memory', { make: async (clock) => new MemoryEphemeral(clock), valuesFollowClock: true }],
  // A fresh prefix per instance, so each test starts from an empty keyspace.
  ['redis', { make: (clock) => RedisEphemeral.connect(runRedisUrl(), { prefix: `${runPrefix}${++instanceCount}:`, clock }), valuesFollowClock: false }],
];

describe.each(backends)('Ephemeral contract: %s', (_name, { make, valuesFollowClock }) => {
  let clock: TestClock;
  async function open() {
    clock = new TestClock();
    clock.freeze();
    const e = await make(clock);
    opened.push(e);
    return e;
  }

  it('gets, sets and deletes values', async () => {
    const e = await open();
    expect(await e.get('a')).toBeNull();
    await e.set('a', 'one', 10_000);
    await e.set('b', 'two', 10_000);
    expect(await e.get('a')).toBe('one');
    await e.set('a', 'uno', 10_000);
    expect(await e.get('a')).toBe('uno');
    await e.delete('a');
    expect(await e.get('a')).toBeNull();
    expect(await e.get('b')).toBe('two');
    await expect(e.delete('never-set')).resolves.toBeUndefined();
  });

  it('gives values their TTL in milliseconds', async () => {
    const e = await open();
    await e.set('short', 'v', 150);
    expect(await e.get('short')).toBe('v');
    const ttl = await e.ttl('short');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(150);
  });

  it.runIf(valuesFollowClock)('expires values once their TTL has passed, and not before', async () => {
    const e = await open();
    await e.set('short', 'v', 150);
    await e.set('long', 'v', 10_000);
    clock.advance(149);
    expect(await e.get('short')).toBe('v');
    expect(await e.ttl('short')).toBe(1);
    clock.advance(1);
    expect(await e.get('short')).toBeNull();
    expect(await e.ttl('short')).toBeNull();
    expect(await e.get('long')).toBe('v');
  });

  it('reports the TTL in milliseconds, or null for a missing key', async () => {
    const e = await open();
    expect(await e.ttl('missing')).toBeNull();
    await e.set('k', 'v', 10_000);
    const ttl = await e.ttl('k');
    expect(ttl).toBeGreaterThan(9_000);
    expect(ttl).toBeLessThanOrEqual(10_000);
  });

  it('increments atomically under 100 concurrent calls', async () => {
    const e = await open();
    const counts = await Promise.all(Array.from({ length: 100 }, () => e.increment('hits', 60_000)));
    // Each caller sees a distinct count: no two read the same value before writing.
    expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(await e.get('hits')).toBe('100');
    const ttl = await e.ttl('hits');
    expect(ttl).toBeGreaterThan(59_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('takes tokens atomically: 100 concurrent takes from a bucket of 10 allow exactly 10', async () => {
    const e = await open();
    // A refill of one token per 1,000 s: nothing comes back while the test runs.
    const policy = { perSecond: 0.001, burst: 10 };
    const taken = await Promise.all(Array.from({ length: 100 }, () => e.takeToken('bucket', policy)));
    expect(taken.filter((t) => t.allowed)).toHaveLength(10);
    const refused = taken.find((t) => !t.allowed)!;
    expect(refused.retryAfterMs).toBeGreaterThan(900_000);
    await e.takeToken('bucket', policy, -1); // given back
    expect((await e.takeToken('bucket', policy)).allowed).toBe(true);
    expect((await e.takeToken('bucket', policy)).allowed).toBe(false);
    expect((await e.takeToken('other', policy)).allowed).toBe(true);
  });

  it('starts the window at the first increment and does not extend it', async () => {
    const e = await open();
    expect(await e.increment('w', 400)).toBe(1);
    // A later increment asking for a longer window must not restart or lengthen this one.
    expect(await e.increment('w', 60_000)).toBe(2);
    expect(await e.ttl('w')).toBeLessThanOrEqual(400);
  });

  it.runIf(valuesFollowClock)('ends the window its first increment started', async () => {
    const e = await open();
    expect(await e.increment('w', 400)).toBe(1);
    clock.advance(150);
    expect(await e.increment('w', 400)).toBe(2);
    expect(await e.ttl('w')).toBe(250);
    clock.advance(250);
    expect(await e.get('w')).toBeNull();
    expect(await e.increment('w', 400)).toBe(1);
  });

  it('keeps set members unique and removes them', async () => {
    const e = await open();
    expect(await e.setMembers('s')).toEqual([]);
    await e.setAdd('s', 'a');
    await e.setAdd('s', 'b');
    await e.setAdd('s', 'a');
    expect((await e.setMembers('s')).sort()).toEqual(['a', 'b']);
    await e.setRemove('s', 'a');
    await e.setRemove('s', 'not-a-member');
    expect(await e.setMembers('s')).toEqual(['b']);
    await e.delete('s');
    expect(await e.setMembers('s')).toEqual([]);
  });

  it('keeps list order and removes every occurrence of a value', async () => {
    const e = await open();
    expect(await e.listRange('q')).toEqual([]);
    expect(await e.listPush('q', 'x')).toBe(1);
    expect(await e.listPush('q', 'y')).toBe(2);
    expect(await e.listPush('q', 'z')).toBe(3);
    expect(await e.listPush('q', 'y')).toBe(4);
    expect(await e.listRange('q')).toEqual(['x', 'y', 'z', 'y']);
    await e.listRemove('q', 'y');
    expect(await e.listRange('q')).toEqual(['x', 'z']);
    await e.listRemove('q', 'absent');
    expect(await e.listRange('q')).toEqual(['x', 'z']);
    await e.delete('q');
    expect(await e.listRange('q')).toEqual([]);
  });

  it('sets, refreshes, removes and lists presence', async () => {
    const e = await open();
    expect(await e.presenceList('room')).toEqual([]);
    const before = clock.now();
    await e.presenceSet('room', 'alice', { name: 'Alice', cursor: { x: 1, y: 2 } }, 10_000);
    await e.presenceSet('room', 'bob', { name: 'Bob' }, 10_000);
    await e.presenceSet('other-room', 'carol', { name: 'Carol' }, 10_000);

    const list = await e.presenceList<{ name: string }>('room');
    expect(list.map((p) => p.member).sort()).toEqual(['alice', 'bob']);
    const alice = list.find((p) => p.member === 'alice');
    expect(alice?.value).toEqual({ name: 'Alice', cursor: { x: 1, y: 2 } });
    expect(alice?.expiresAt).toBe(before + 10_000);

    await e.presenceSet('room', 'bob', { name: 'Bobby' }, 20_000);
    const refreshed = await e.presenceList<{ name: string }>('room');
    expect(refreshed.filter((p) => p.member === 'bob')).toEqual([
      { member: 'bob', value: { name: 'Bobby' }, expiresAt: expect.any(Number) },
    ]);
    expect(refreshed.find((p) => p.member === 'bob')!.expiresAt).toBe(before + 20_000);

    await e.presenceRemove('room', 'alice');
    await e.presenceRemove('room', 'nobody');
    expect((await e.presenceList('room')).map((p) => p.member)).toEqual(['bob']);
    expect((await e.presenceList('other-room')).map((p) => p.member)).toEqual(['carol']);
  });

  it('drops presence members whose heartbeat lapsed', async () => {
    const e = await open();
    await e.presenceSet('room', 'stays', 1, 10_000);
    await e.presenceSet('room', 'leaves', 2, 150);
    await e.presenceSet('room', 'refreshed', 3, 150);
    clock.advance(75);
    await e.presenceSet('room', 'refreshed', 4, 10_000);
    clock.advance(74);
    expect((await e.presenceList('room')).map((p) => p.member).sort()).toEqual(['leaves', 'refreshed', 'stays']);
    clock.advance(1);
    const list = await e.presenceList<number>('room');
    expect(list.map((p) => [p.member, p.value]).sort()).toEqual([
      ['refreshed', 4],
      ['stays', 1],
    ]);
    // Dropped for good, not just hidden from one read.
    expect((await e.presenceList('room')).length).toBe(2);
  });

  it('delivers published messages to subscribers until they unsubscribe', async () => {
    const e = await open();
    const first: string[] = [];
    const second: string[] = [];
    const unsubscribeFirst = await e.subscribe('news', (m) => first.push(m));
    const unsubscribeSecond = await e.subscribe('news', (m) => second.push(m));
    const elsewhere: string[] = [];
    await e.subscribe('sport', (m) => elsewhere.push(m));

    await e.publish('news', 'one');
    await waitFor(() => first.length === 1 && second.length === 1);
    expect(first).toEqual(['one']);
    expect(second).toEqual(['one']);

    await unsubscribeFirst();
    await e.publish('news', 'two');
    // Both handlers hear a message in the same delivery: once the second has it, the first would have.
    await waitFor(() => second.length === 2);
    expect(first).toEqual(['one']);
    expect(second).toEqual(['one', 'two']);
    expect(elsewhere).toEqual([]);

    await unsubscribeSecond();
    await unsubscribeSecond();
    await e.publish('news', 'three');
    await e.publish('sport', 'goal');
    // Messages arrive in the order they were published: 'three' would have come before 'goal'.
    await waitFor(() => elsewhere.length === 1);
    expect(second).toEqual(['one', 'two']);
    expect(elsewhere).toEqual(['goal']);
  });

  it('carries bytes as they are to a byte subscriber, and text to both kinds of subscriber', async () => {
    const e = await open();
    const bytes: number[][] = [];
    const text: string[] = [];
    await e.subscribeBytes('wire', (m) => bytes.push([...m]));
    await e.subscribe('wire', (m) => text.push(m));
    // A zero byte and bytes that are no UTF-8 must cross unchanged.
    await e.publish('wire', Uint8Array.of(0, 255, 1, 0xc3));
    await e.publish('wire', 'é');
    await waitFor(() => bytes.length === 2 && text.length === 2);
    expect(bytes).toEqual([[0, 255, 1, 0xc3], [0xc3, 0xa9]]);
    expect(text[1]).toBe('é');
  });

  it('reports health and closes cleanly', async () => {
    const e = await make(new TestClock());
    expect(await e.health()).toBe(true);
    await e.subscribe('c', () => undefined);
    await e.close();
    await expect(e.close()).resolves.toBeUndefined();
  });
});

describe('RedisEphemeral across instances', () => {
  const url = () => runRedisUrl();
  async function connect(prefix: string, clock?: TestClock) {
    const e = await RedisEphemeral.connect(url(), { prefix, clock });
    opened.push(e);
    return e;
  }

  it('shares state and messages between two connections, as between two servers', async () => {
    const prefix = `${runPrefix}shared:`;
    const [a, b] = [await connect(prefix), await connect(prefix)];
    const received: string[] = [];
    await b.subscribe('room:1', (m) => received.push(m));
    await a.publish('room:1', 'from a');
    await waitFor(() => received.length === 1);
    expect(received).toEqual(['from a']);

    await a.set('session', 'token', 10_000);
    expect(await b.get('session')).toBe('token');
    await Promise.all([a.increment('rate', 60_000), b.increment('rate', 60_000)]);
    expect(await a.get('rate')).toBe('2');
    await a.presenceSet('doc', 'alice', { name: 'Alice' }, 10_000);
    expect(await b.presenceList('doc')).toEqual([{ member: 'alice', value: { name: 'Alice' }, expiresAt: expect.any(Number) }]);
  });

  it('isolates keys and channels by prefix', async () => {
    const [a, b] = [await connect(`${runPrefix}a:`), await connect(`${runPrefix}b:`)];
    await a.set('k', 'a', 10_000);
    expect(await b.get('k')).toBeNull();
    const received: string[] = [];
    await b.subscribe('c', (m) => received.push(m));
    await a.publish('c', 'not for b');
    // Redis delivers in the order it took the publishes: b's own message comes after a's would have.
    await b.publish('c', 'b itself');
    await waitFor(() => received.length > 0);
    expect(received).toEqual(['b itself']);
  });

  it('removes expired presence values from Redis, not only from the result', async () => {
    const prefix = `${runPrefix}presence-cleanup:`;
    const clock = new TestClock();
    clock.freeze();
    const e = await connect(prefix, clock);
    await e.presenceSet('room', 'gone', 'x', 100);
    await e.presenceSet('room', 'here', 'y', 10_000);
    clock.advance(100);
    expect((await e.presenceList('room')).map((p) => p.member)).toEqual(['here']);

    const raw = createClient({ url: url() });
    await raw.connect();
    try {
      const keys = (await raw.keys(`${prefix}presence:*`)).sort();
      expect(keys).toEqual([`${prefix}presence:{room}:expiry`, `${prefix}presence:{room}:values`]);
      expect(await raw.hKeys(`${prefix}presence:{room}:values`)).toEqual(['here']);
      expect(await raw.zRange(`${prefix}presence:{room}:expiry`, 0, -1)).toEqual(['here']);
      // The scope's keys expire with its longest-lived member.
      expect(await raw.pTTL(`${prefix}presence:{room}:values`)).toBeGreaterThan(9_000);
    } finally {
      await raw.close();
    }
  });

  it('reports unhealthy after close instead of throwing', async () => {
    const e = await RedisEphemeral.connect(url(), { prefix: `${runPrefix}closed:` });
    await e.close();
    expect(await e.health()).toBe(false);
  });

  it('survives Redis going away: unhealthy, no unhandled error, still closes', async () => {
    const server = await startRedis();
    try {
      const e = await RedisEphemeral.connect(server.url);
      await e.subscribe('c', () => undefined);
      expect(await e.health()).toBe(true);
      await server.stop();
      let healthy = true;
      for (const deadline = Date.now() + 2_000; healthy && Date.now() < deadline; await sleep(20)) {
        healthy = await e.health();
      }
      expect(healthy).toBe(false);
      // Let a few reconnect attempts fail: each emits 'error', which must not reach the process.
      await sleep(300);
      await e.close();
    } finally {
      await server.stop();
    }
  });

  it('sends the token takes of one turn as one script run (500 at most), each refilled, checked and counted on its own, in order', async () => {
    const server = await startRedis();
    const stats = createClient({ url: server.url });
    try {
      const clock = new TestClock();
      clock.freeze();
      const e = await RedisEphemeral.connect(server.url, { clock });
      opened.push(e);
      await stats.connect();
      const scriptRuns = async () => Number(/cmdstat_eval:calls=(\d+)/.exec(await stats.info('commandstats'))?.[1] ?? 0);
      const policy = { perSecond: 0.001, burst: 3 };
      const before = await scriptRuns();
      // One person's flood and 600 voters' single events, all asked in one turn.
      const flood = Array.from({ length: 5 }, () => e.takeToken('flood', policy));
      const voters = Array.from({ length: 600 }, (_, i) => e.takeToken(`voter:${i}`, policy));
      const [flooded, voted] = await Promise.all([Promise.all(flood), Promise.all(voters)]);
      expect((await scriptRuns()) - before).toBe(2);
      expect(flooded.map((t) => t.allowed)).toEqual([true, true, true, false, false]);
      expect(flooded[3]!.retryAfterMs).toBeGreaterThan(900_000);
      expect(voted.every((t) => t.allowed)).toBe(true);
      // A later turn finds what the batch took.
      expect((await e.takeToken('flood', policy)).allowed).toBe(false);
      expect((await Promise.all([e.takeToken('voter:7', policy), e.takeToken('voter:7', policy), e.takeToken('voter:7', policy)])).map((t) => t.allowed)).toEqual([true, true, false]);
    } finally {
      if (stats.isOpen) await stats.close();
      await server.stop();
    }
  });

  it('rejects at startup when Redis is unreachable, without crashing the process', async () => {
    const port = await freePort();
    await expect(RedisEphemeral.connect(`redis://127.0.0.1:${port}`)).rejects.toThrow(/not reachable/);
  });
});
