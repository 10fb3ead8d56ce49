import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../helpers/clock';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  server = await startTestServer({ demo: true, env: { LOGIN_MAX_PER_PAIR: '3', LOGIN_MAX_PER_ADDRESS: '1000' } });
});
afterAll(() => server.close());

describe('sign-in', () => {
  it('answers the user and a token, and sets an HttpOnly SameSite cookie', async () => {
    const res = await post('/api/auth/login', { email: 'Chair.Investment@forum.demo', password: 'forum-demo' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { user: { email: string; role: string; subcommittee: string }; token: string };
    expect(body.user).toMatchObject({ email: 'chair.investment@forum.demo', role: 'chair', subcommittee: 'investment' });
    expect(body.user).not.toHaveProperty('passwordHash');
    expect(body.token.length).toBeGreaterThan(30);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^fw_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('gives the same answer for a wrong password and an unknown account', async () => {
    const wrong = await post('/api/auth/login', { email: 'observer@forum.demo', password: 'not-the-password' });
    const unknown = await post('/api/auth/login', { email: 'nobody@forum.demo', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it('authenticates /api/auth/me by bearer token and by cookie, and logout ends the session', async () => {
    const { token, cookie } = await server.login('minutes@forum.demo');
    const byBearer = await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await byBearer.json()) as { user: { role: string } }).user.role).toBe('staff');
    const byCookie = await fetch(`${server.url}/api/auth/me`, { headers: { cookie } });
    expect(byCookie.status).toBe(200);
    const out = await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(out.status).toBe(200);
    const after = await fetch(`${server.url}/api/auth/me`, { headers: { cookie } });
    expect(after.status).toBe(401);
  });

  it('refuses /api/auth/me without a session and with a forged token', async () => {
    expect((await fetch(`${server.url}/api/auth/me`)).status).toBe(401);
    const forged = await fetch(`${server.url}/api/auth/me`, { headers: { authorization: 'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } });
    expect(forged.status).toBe(401);
  });

  it('rate-limits failed sign-ins per account, even with the right password afterwards', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await post('/api/auth/login', { email: 'chair.global@forum.demo', password: 'wrong-password' })).status).toBe(401);
    }
    const blocked = await post('/api/auth/login', { email: 'chair.global@forum.demo', password: 'forum-demo' });
    expect(blocked.status).toBe(429);
    expect(((await blocked.json()) as { error: { message: string } }).error.message).toMatch(/Too many sign-in attempts/);
    // Another account from the same address is unaffected.
    expect((await post('/api/auth/login', { email: 'chair.ecosystem@forum.demo', password: 'forum-demo' })).status).toBe(200);
  });
});

describe('origin checks', () => {
  it('refuses a state change from a foreign origin', async () => {
    const res = await post('/api/auth/login', { email: 'observer@forum.demo', password: 'forum-demo' }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_origin');
  });

  it('refuses a cookie-authenticated state change without an Origin header', async () => {
    const { cookie } = await server.login('ministry@forum.demo');
    const res = await post('/api/invitations', { email: 'x@forum.demo', role: 'observer' }, { cookie });
    expect(res.status).toBe(403);
  });

  it('accepts the same request from our own origin', async () => {
    const { cookie } = await server.login('ministry@forum.demo');
    const res = await post('/api/invitations', { email: 'same-origin@forum.demo', role: 'observer' }, { cookie, origin: server.url });
    expect(res.status).toBe(201);
  });
});

describe('invitations and roles', () => {
  it('lets ministry invite by a one-time link that works once', async () => {
    const ministry = await server.login('ministry@forum.demo');
    const res = await post(
      '/api/invitations',
      { email: 'new.chair@forum.demo', name: '새 위원장', role: 'chair', subcommittee: 'productivity' },
      { authorization: `Bearer ${ministry.token}` },
    );
    expect(res.status).toBe(201);
    const { link, invitation } = (await res.json()) as { link: string; invitation: { email: string; role: string } };
    expect(invitation).toMatchObject({ email: 'new.chair@forum.demo', role: 'chair' });
    const token = link.split('/invite/')[1]!;
    const shown = await fetch(`${server.url}/api/invitations/${token}`);
    expect(shown.status).toBe(200);

    const accepted = await post(`/api/invitations/${token}/accept`, { name: '새 위원장', password: 'a-long-password' });
    expect(accepted.status).toBe(201);
    expect(((await accepted.json()) as { user: { subcommittee: string } }).user.subcommittee).toBe('productivity');
    const again = await post(`/api/invitations/${token}/accept`, { name: '다른 사람', password: 'a-long-password' });
    expect(again.status).toBe(409);
    expect((await server.login('new.chair@forum.demo', 'a-long-password')).token).toBeTruthy();
  });

  it('refuses invitations from non-ministry users', async () => {
    const chair = await server.login('chair.workforce@forum.demo');
    const res = await post('/api/invitations', { email: 'y@forum.demo', role: 'observer' }, { authorization: `Bearer ${chair.token}` });
    expect(res.status).toBe(403);
  });

  it('expires invitation links when their time has passed, and not before', async () => {
    // Seventy-two hours pass on the server's clock, not in the test.
    const clock = new TestClock();
    clock.freeze();
    const short = await startTestServer({ demo: true, clock });
    try {
      const ministry = await short.login('ministry@forum.demo');
      const res = await fetch(`${short.url}/api/invitations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ministry.token}` },
        body: JSON.stringify({ email: 'late@forum.demo', role: 'observer' }),
      });
      const { link } = (await res.json()) as { link: string };
      const show = () => fetch(`${short.url}/api/invitations/${link.split('/invite/')[1]}`);
      clock.advance(72 * 3_600_000 - 1);
      expect((await show()).status).toBe(200);
      clock.advance(1);
      const shown = await show();
      expect(shown.status).toBe(409);
      expect(((await shown.json()) as { error: { message: string } }).error.message).toMatch(/expired/);
    } finally {
      await short.close();
    }
  });

  it('lets ministry change a role, and records it in the audit log', async () => {
    const ministry = await server.login('ministry@forum.demo');
    const observer = await server.login('observer@forum.demo');
    const auth = { authorization: `Bearer ${ministry.token}` };
    const res = await fetch(`${server.url}/api/users/${observer.userId}/role`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ role: 'staff' }),
    });
    expect(res.status).toBe(200);
    const me = await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${observer.token}` } });
    expect(((await me.json()) as { user: { role: string } }).user.role).toBe('staff');
    const audit = await fetch(`${server.url}/api/audit?action=users.set_role`, { headers: auth });
    const { entries } = (await audit.json()) as { entries: { target: string; details: { to: { role: string } } }[] };
    expect(entries[0]).toMatchObject({ target: `user:${observer.userId}`, details: { to: { role: 'staff' } } });
  });

  it('refuses a chair without a subcommittee', async () => {
    const ministry = await server.login('ministry@forum.demo');
    const res = await post('/api/invitations', { email: 'z@forum.demo', role: 'chair' }, { authorization: `Bearer ${ministry.token}` });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/subcommittee/);
  });
});

describe('first start without demo', () => {
  it('has no account with a known password and offers a one-time setup link for ministry', async () => {
    const fresh = await startTestServer({ demo: false });
    try {
      expect(fresh.seeded.setupLink).toMatch(/\/invite\//);
      const demoLogin = await fetch(`${fresh.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'ministry@forum.demo', password: 'forum-demo' }),
      });
      expect(demoLogin.status).toBe(401);
      const token = fresh.seeded.setupLink!.split('/invite/')[1];
      const res = await fetch(`${fresh.url}/api/invitations/${token}/accept`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: '사무국장', email: 'head@motie.go.kr', password: 'a-strong-password' }),
      });
      expect(res.status).toBe(201);
      expect(((await res.json()) as { user: { role: string } }).user.role).toBe('ministry');
      const forum = await fetch(`${fresh.url}/api/forum`, { headers: { authorization: `Bearer ${(await fresh.login('head@motie.go.kr', 'a-strong-password')).token}` } });
      const body = (await forum.json()) as { subcommittees: { id: string }[] };
      expect(body.subcommittees.map((s) => s.id)).toEqual(['investment', 'workforce', 'productivity', 'ecosystem', 'global', 'newbusiness']);
    } finally {
      await fresh.close();
    }
  });
});
