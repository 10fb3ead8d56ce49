import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';
import { rawQuery } from '../helpers/tables';

let server: TestServer;
let ministry: string;

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  ministry = (await server.login('ministry@forum.demo')).token;
  await server.login('chair.investment@forum.demo');
  await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'chair.investment@forum.demo', password: 'wrong-password' }),
  });
  await server.audit.record(null, 'proposals.version', 'proposal:csv-check', { title: '국가투자지주회사 (K-테마섹)', formula: '=1+1' });
});
afterAll(() => server.close());

const get = (path: string, token = ministry) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

describe('audit log', () => {
  it('lists who did what, newest first, with the actor name', async () => {
    const { entries } = (await (await get('/api/audit')).json()) as { entries: { id: number; action: string; actorName: string | null }[] };
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['auth.login', 'auth.login_failed', 'proposals.version']));
    expect(entries.map((e) => e.id)).toEqual([...entries.map((e) => e.id)].sort((a, b) => b - a));
    expect(entries.find((e) => e.action === 'auth.login')?.actorName).toBeTruthy();
  });

  it('filters by action family, actor and time', async () => {
    const family = (await (await get('/api/audit?action=auth')).json()) as { entries: { action: string }[] };
    expect(family.entries.length).toBeGreaterThan(0);
    expect(family.entries.every((e) => e.action.startsWith('auth.'))).toBe(true);
    const me = await (await get('/api/auth/me')).json() as { user: { id: string } };
    const mine = (await (await get(`/api/audit?actor=${me.user.id}`)).json()) as { entries: { actorId: string }[] };
    expect(mine.entries.length).toBeGreaterThan(0);
    expect(mine.entries.every((e) => e.actorId === me.user.id)).toBe(true);
    const future = (await (await get('/api/audit?from=2999-01-01T00:00:00Z')).json()) as { entries: unknown[] };
    expect(future.entries).toEqual([]);
  });

  it('finds a whole family from a word: “poll” finds every polls.* entry, and nothing else', async () => {
    const meeting = (await (await fetch(`${server.url}/api/meetings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ministry}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: '감사 로그 확인 회의', startsAt: new Date().toISOString() }),
    })).json()) as { meeting: { id: string } };
    const created = await fetch(`${server.url}/api/meetings/${meeting.meeting.id}/polls`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ministry}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: '절차 표결' }),
    });
    expect(created.status).toBe(201);
    await server.audit.record(null, 'polls.close', 'poll:none', {});
    const { entries } = (await (await get('/api/audit?action=poll')).json()) as { entries: { action: string }[] };
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['polls.create', 'polls.close']));
    expect(entries.every((e) => e.action.startsWith('polls.'))).toBe(true);
    // with a dot it stays exact or dotted: `polls.c` is no family
    expect(((await (await get('/api/audit?action=polls.c')).json()) as { entries: unknown[] }).entries).toEqual([]);
  });

  it('names what an entry is about by its title, not its id', async () => {
    const { entries } = (await (await get('/api/audit?action=meetings.create')).json()) as { entries: { target: string; targetTitle: string | null }[] };
    expect(entries.find((e) => e.target.startsWith('meeting:'))?.targetTitle).toBe('감사 로그 확인 회의');
    const polls = (await (await get('/api/audit?action=polls.create')).json()) as { entries: { targetTitle: string | null }[] };
    expect(polls.entries[0]?.targetTitle).toBe('절차 표결');
    const version = (await (await get('/api/audit?action=proposals.version')).json()) as { entries: { target: string; targetTitle: string | null }[] };
    // a target that names nothing stored keeps its id, untitled
    expect(version.entries.find((e) => e.target === 'proposal:csv-check')?.targetTitle).toBeNull();
  });

  it('pages with before/nextBefore', async () => {
    const first = (await (await get('/api/audit?limit=2')).json()) as { entries: { id: number }[]; nextBefore: number };
    expect(first.entries).toHaveLength(2);
    const second = (await (await get(`/api/audit?limit=2&before=${first.nextBefore}`)).json()) as { entries: { id: number }[] };
    expect(second.entries[0]!.id).toBeLessThan(first.entries[1]!.id + 1);
  });

  it('exports CSV that keeps Korean text and defuses formulas', async () => {
    const res = await get('/api/audit.csv?target=proposal:csv-check');
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM, for spreadsheet programs
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(csv).toContain('국가투자지주회사 (K-테마섹)');
    expect(csv.split('\r\n')[0]).toBe('\uFEFFid,at_kst,actor_id,actor_name,action,target,details');
    // Times in Korea time with their offset.
    expect(csv.split('\r\n')[1]).toMatch(/^"\d+","\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00",/);
    expect(csv).not.toMatch(/,"=1\+1/);
  });

  it('is for ministry only', async () => {
    const chair = (await server.login('chair.workforce@forum.demo')).token;
    expect((await get('/api/audit', chair)).status).toBe(403);
    expect((await get('/api/audit.csv', chair)).status).toBe(403);
    expect((await fetch(`${server.url}/api/audit`)).status).toBe(401);
  });

  it('cannot be altered, even from inside', async () => {
    await expect(rawQuery(server.store, 'DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(rawQuery(server.store, "UPDATE audit_log SET action = 'x'")).rejects.toThrow(/append-only/);
  });
});
