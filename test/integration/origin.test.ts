import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';

/** Issue 14.3: a cookie-carrying request changes something only from our exact origin. */
describe('Origin check over HTTP', () => {
  let server: TestServer;
  let cookie: string;
  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    cookie = (await server.login('ministry@forum.demo')).cookie;
  });
  afterAll(() => server.close());

  const post = (origin: string) =>
    fetch(`${server.url}/api/proposals`, {
      method: 'POST',
      headers: { cookie, origin, 'content-type': 'application/json' },
      body: JSON.stringify({ title: '출처 확인', subcommittee: 'investment' }),
    });

  it('refuses https:// and userinfo look-alikes of our http origin, and accepts our own', async () => {
    const own = new URL(server.url);
    for (const origin of [`https://${own.host}`, `http://a@${own.host}`, `http://${own.hostname}:1`]) {
      const res = await post(origin);
      expect(res.status, origin).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_origin');
    }
    expect((await post(own.origin)).status).toBe(201);
  });
});
