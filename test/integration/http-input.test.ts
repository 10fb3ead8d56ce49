import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
let ministry: string;

const send = (method: string, path: string, body: string | undefined, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body });
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  ministry = (await server.login('ministry@forum.demo')).token;
});
afterAll(() => server.close());

describe('bad input gets a clear error and changes nothing', () => {
  it('malformed JSON', async () => {
    const res = await send('POST', '/api/auth/login', '{"email": "a@b.c", ');
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(/JSON/);
  });

  it('unknown fields', async () => {
    const res = await send('POST', '/api/auth/login', JSON.stringify({ email: 'observer@forum.demo', password: 'forum-demo', admin: true }));
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/admin/);
  });

  it('wrong types name the field', async () => {
    const res = await send('POST', '/api/auth/login', JSON.stringify({ email: 42, password: ['x'] }));
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.message).toMatch(/email/);
    expect(error.message).toMatch(/password/);
  });

  it('oversized bodies', async () => {
    const res = await send('POST', '/api/auth/login', JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(200_000) }));
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe('payload_too_large');
  });

  it('bad query values', async () => {
    const res = await fetch(`${server.url}/api/audit?limit=-5&before=abc`, { headers: { authorization: `Bearer ${ministry}` } });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(/limit/);
  });

  it('unknown API paths answer JSON 404', async () => {
    const res = await fetch(`${server.url}/api/nope`);
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('not_found');
  });

  it('a bad invitation token in the path', async () => {
    const res = await fetch(`${server.url}/api/invitations/<script>`);
    expect(res.status).toBe(400);
  });

  it('stores HTML in text fields as text', async () => {
    const res = await send(
      'POST',
      '/api/invitations',
      JSON.stringify({ email: 'html@forum.demo', name: '<img src=x onerror=alert(1)>', role: 'observer' }),
      { authorization: `Bearer ${ministry}` },
    );
    const { link } = (await res.json()) as { link: string };
    const accepted = await send(
      'POST',
      `/api/invitations/${link.split('/invite/')[1]}/accept`,
      JSON.stringify({ name: '<script>alert("x")</script> 홍길동', password: 'long-enough-pw' }),
    );
    expect(accepted.status).toBe(201);
    expect(((await accepted.json()) as { user: { name: string } }).user.name).toBe('<script>alert("x")</script> 홍길동');
  });

  it('control characters in names are refused', async () => {
    const res = await send('POST', '/api/invitations', JSON.stringify({ email: 'c@forum.demo', name: 'a\u0000b', role: 'observer' }), {
      authorization: `Bearer ${ministry}`,
    });
    expect(res.status).toBe(400);
  });

  it('after all that the server is healthy and the accounts are unchanged', async () => {
    const health = await fetch(`${server.url}/api/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', store: { kind: 'sqlite', ok: true }, ephemeral: { kind: 'memory', ok: true } });
    const users = await fetch(`${server.url}/api/users`, { headers: { authorization: `Bearer ${ministry}` } });
    const emails = ((await users.json()) as { users: { email: string }[] }).users.map((u) => u.email);
    expect(emails).toContain('html@forum.demo');
    expect(emails).not.toContain('c@forum.demo');
    expect(emails).not.toContain('a@b.c');
  });
});

describe('the API describes itself', () => {
  it('serves an OpenAPI document generated from the schemas', async () => {
    const res = await fetch(`${server.url}/api/openapi.json`);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/health', '/api/audit', '/api/forum']));
    expect(JSON.stringify(doc.paths['/api/auth/login'])).toMatch(/password/);
  });
});
