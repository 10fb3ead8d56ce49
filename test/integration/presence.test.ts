import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/realtime/protocol';
import type { OnlineUser } from '../../shared/schemas/presence';
import { TestClock } from '../helpers/clock';
import { runRedisUrl } from '../helpers/redis';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';

type Client = Socket<ServerToClientEvents, ClientToServerEvents> & { online: OnlineUser[] };

const clients: Client[] = [];
function client(url: string, auth: { token?: string } = {}, extraHeaders?: Record<string, string>): Client {
  const socket = connect(url, { transports: ['websocket'], auth, extraHeaders, reconnection: false, forceNew: true }) as Client;
  socket.online = [];
  socket.on('presence:online', (list) => (socket.online = list));
  clients.push(socket);
  return socket;
}
const names = (c: Client) => c.online.map((u) => u.name).sort();
const connectError = (c: Client) => new Promise<string>((resolve) => c.once('connect_error', (e) => resolve(e.message)));

afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect();
});

describe.each([
  ['in memory', () => undefined],
  ['in Redis', () => runRedisUrl()],
])('presence %s', (_, redisUrl) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ demo: true, redisUrl: redisUrl(), env: { PRESENCE_TTL_SECONDS: '1.5' } });
  });
  afterAll(() => server.close());

  it('refuses a socket without a valid session', async () => {
    expect(await connectError(client(server.url))).toMatch(/Not signed in/);
    expect(await connectError(client(server.url, { token: 'forged-token-forged-token-forged' }))).toMatch(/Not signed in/);
  });

  it('refuses a cookie from a foreign origin', async () => {
    const { cookie } = await server.login('observer@forum.demo');
    const c = client(server.url, {}, { cookie, origin: 'https://evil.example' });
    expect(await connectError(c)).toMatch(/origin/);
  });

  it('shows who is online to everyone, and removes those who leave', async () => {
    const a = client(server.url, { token: (await server.login('chair.investment@forum.demo')).token });
    const b = client(server.url, { token: (await server.login('chair.workforce@forum.demo')).token });
    await waitFor(() => names(a).includes('김은영') && names(b).includes('박성호'), 'both online');
    b.disconnect();
    await waitFor(() => !names(a).includes('김은영'), 'workforce chair gone');
  });

  it('tracks location and idle, with one row per user across tabs', async () => {
    const token = (await server.login('chair.productivity@forum.demo')).token;
    const tab1 = client(server.url, { token });
    const tab2 = client(server.url, { token });
    const watcher = client(server.url, { token: (await server.login('ministry@forum.demo')).token });
    await waitFor(() => watcher.online.some((u) => u.name === '최민수'), 'productivity chair online');
    expect(await tab1.emitWithAck('presence:update', { location: 'admin', idle: true })).toEqual({ ok: true });
    expect(await tab2.emitWithAck('presence:update', { location: 'proposal:7', idle: false })).toEqual({ ok: true });
    const row = await waitFor(() => watcher.online.find((u) => u.name === '최민수' && u.location === 'proposal:7'), 'location');
    expect(watcher.online.filter((u) => u.name === '최민수')).toHaveLength(1);
    expect(row.idle).toBe(false);
  });

  it('answers garbage payloads with a clear error and keeps serving', async () => {
    const c = client(server.url, { token: (await server.login('observer@forum.demo')).token });
    await waitFor(() => c.connected, 'connected');
    const bad = (await c.emitWithAck('presence:update', { location: '<script>', idle: 'yes' } as never)) as {
      ok: boolean;
      error: { code: string; message: string };
    };
    expect(bad.ok).toBe(false);
    expect(bad.error.code).toBe('invalid_input');
    expect(bad.error.message).toMatch(/location/);
    expect(((await c.emitWithAck('presence:update', null as never)) as { ok: boolean }).ok).toBe(false);
    c.emit('presence:update', 'no ack' as never, undefined as never);
    expect(await c.emitWithAck('presence:update', { location: 'home' })).toEqual({ ok: true });
  });

  it('a session that ends takes its sockets with it', async () => {
    const { token } = await server.login('chair.global@forum.demo');
    const c = client(server.url, { token });
    await waitFor(() => c.connected, 'connected');
    const gone = new Promise((resolve) => c.once('disconnect', resolve));
    await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    await gone;
  });
});

describe('presence across instances (Redis)', () => {
  it('shows users of another instance, and drops a crashed instance after the TTL', async () => {
    const redisUrl = runRedisUrl();
    // The TTL passes on both instances' clock, when the test says so: not before, however slow the machine.
    const clock = new TestClock();
    clock.freeze();
    const env = { PRESENCE_TTL_SECONDS: '1.5' };
    const a = await startTestServer({ demo: true, redisUrl, env, clock });
    const b = await startTestServer({ demo: true, redisUrl, env, clock });
    try {
      const onA = client(a.url, { token: (await a.login('chair.ecosystem@forum.demo')).token });
      const onB = client(b.url, { token: (await b.login('chair.newbusiness@forum.demo')).token });
      await waitFor(() => names(onA).includes('한지훈') && names(onB).includes('정하늘'), 'each sees the other instance');
      // A crash: instance B stops refreshing presence without saying goodbye.
      const bServer = b as unknown as { close(): Promise<void> };
      b.ephemeral.presenceRemove = async () => {};
      onB.io.engine.close();
      await bServer.close();
      // Nobody refreshes B's people any more; once their TTL has passed, A's next refresh lists them gone.
      clock.advance(1_500);
      await waitFor(() => !names(onA).includes('한지훈'), 'crashed instance expired');
    } finally {
      await a.close();
    }
  });
});
