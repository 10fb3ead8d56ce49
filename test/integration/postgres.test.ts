/**
 * A real server on a throwaway PostgreSQL (issue 16.1): /api/health says so, a proposal is
 * co-edited over /yjs, a live meeting votes on another and ends, and every part of that —
 * the document, the poll and its result and decision, the meeting, the audit log —
 * is in PostgreSQL (no SQLite file is made) and still there after a restart.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { strategyDocName } from '../../shared/strategy';
import { MeetingRunner } from '../helpers/meeting-run';
import { createTestDatabase, runPostgresUrl, testDatabaseFor } from '../helpers/postgres';
import { freePort } from '../helpers/redis';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { rawQuery } from '../helpers/tables';
import { Editor } from './proposals.harness';

const dataDir = mkdtempSync(join(tmpdir(), 'forum-pg-server-'));
let server: TestServer;
const start = () => startTestServer({ store: 'postgres', dataDir });

beforeAll(async () => {
  server = await start();
});
afterAll(async () => {
  await server?.close();
  await (await testDatabaseFor(dataDir, 'postgres'))?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('choosing the store at start-up', () => {
  it('refuses a DATABASE_URL that is not postgres://, and says where it could not connect without its password', async () => {
    const wrong = loadConfig({ DATABASE_URL: 'mysql://forum@127.0.0.1/forum' });
    expect(!wrong.ok && wrong.message).toMatch(/DATABASE_URL: must start with postgres:\/\/ or postgresql:\/\//);
    const port = await freePort();
    const failed = startTestServer({ env: { DATABASE_URL: `postgres://forum:secret-pass@127.0.0.1:${port}/forum` } });
    await expect(failed).rejects.toThrow(`could not open the PostgreSQL database at 127.0.0.1:${port}/forum (PostgreSQL)`);
    await expect(failed).rejects.not.toThrow(/secret-pass/);
  });
});

describe('a server on PostgreSQL', () => {
  it('reports its database in /api/health, and keeps no SQLite file', async () => {
    const health = (await (await fetch(`${server.url}/api/health`)).json()) as { status: string; store: { kind: string; ok: boolean } };
    expect(health).toMatchObject({ status: 'ok', store: { kind: 'postgres', ok: true } });
    expect(existsSync(join(dataDir, 'forum.db'))).toBe(false);
  });

  it('runs a meeting over a co-edited proposal, a vote and its end; all of it is in PostgreSQL and survives a restart', async () => {
    const { token: chairToken } = await server.login('chair.workforce@forum.demo');
    const { token: ministryToken } = await server.login('ministry@forum.demo');
    const res = await fetch(`${server.url}/api/proposals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${chairToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: '인재 데이터 공유 플랫폼' }),
    });
    expect(res.status).toBe(201);
    const { id } = ((await res.json()) as { proposal: { id: string } }).proposal;
    const [a, b] = await Promise.all([Editor.open(server, id, chairToken), Editor.open(server, id, ministryToken)]);
    a.type('PostgreSQL에 저장되는 문단');
    b.type('A paragraph stored in PostgreSQL');
    await Promise.all([a.roundTrip(), b.roundTrip()]);
    await waitFor(() => a.text.includes('A paragraph stored in PostgreSQL') && b.text.includes('PostgreSQL에 저장되는 문단'), 'the editors to converge');
    const text = a.text;
    a.destroy();
    b.destroy();

    const runner = new MeetingRunner(server);
    const meetingId = await runner.adoptTalentBank('PostgreSQL 위원장 회의');
    runner.close();

    // In PostgreSQL's own tables, read with plain SQL.
    // Two of the six chairpersons voted: below the quorum, so the proposal stays under discussion.
    expect(await rawQuery(server.store, "SELECT status FROM proposals WHERE id = 'talent-bank'")).toEqual([{ status: 'under_discussion' }]);
    const poll = (await rawQuery(server.store, `SELECT status, result FROM polls WHERE meeting_id = '${meetingId}'`)) as { status: string; result: string }[];
    expect(poll).toHaveLength(1);
    expect(poll[0]!.status).toBe('closed');
    expect(JSON.parse(poll[0]!.result)).toMatchObject({
      counts: { yes: 2, no: 0, abstain: 0 },
      quorumMet: false,
      decision: { proposalId: 'talent-bank', moved: null, blocked: 'quorum_not_met' },
    });
    expect(await rawQuery(server.store, `SELECT status FROM meetings WHERE id = '${meetingId}'`)).toEqual([{ status: 'ended' }]);
    const logged = (await rawQuery(server.store, `SELECT count(*)::int AS n FROM doc_updates WHERE doc_name = 'proposal:${id}'`)) as { n: number }[];
    expect(logged[0]!.n).toBeGreaterThan(0);
    const audited = (await rawQuery(server.store, 'SELECT DISTINCT action FROM audit_log')) as { action: string }[];
    for (const family of ['proposals.', 'meetings.', 'polls.']) expect(audited.some((r) => r.action.startsWith(family)), family).toBe(true);

    await server.close();
    server = await start();
    expect(server.store.kind).toBe('postgres');
    expect(existsSync(join(dataDir, 'forum.db'))).toBe(false);
    const { token } = await server.login('ministry@forum.demo');
    const reopened = await Editor.open(server, id, token);
    expect(reopened.text).toBe(text);
    reopened.destroy();
    expect((await server.store.proposals.byId(id))!.title).toBe('인재 데이터 공유 플랫폼');
    expect(await server.store.meetings.get(meetingId)).toMatchObject({ status: 'ended' });
    const [closed] = await server.store.polls.byMeeting(meetingId);
    expect(closed).toMatchObject({ status: 'closed', result: { counts: { yes: 2 } } });
  });
});

describe('several instances on one PostgreSQL', () => {
  it('starting together on an empty database, both come up and the first-start data is made once', async () => {
    const database = await createTestDatabase(await runPostgresUrl());
    const env = { DATABASE_URL: database.url };
    const servers = await Promise.allSettled([startTestServer({ env }), startTestServer({ env })]);
    try {
      expect(servers.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled']);
      const [a, b] = servers.map((s) => (s as PromiseFulfilledResult<TestServer>).value);
      const titles = (await a!.store.meetings.list()).map((m) => m.title);
      expect(titles.length).toBeGreaterThan(0);
      expect(new Set(titles).size).toBe(titles.length);
      expect((await b!.store.auth.listUsers()).filter((u) => u.email === 'ministry@forum.demo')).toHaveLength(1);
      await b!.login('ministry@forum.demo');
      // The strategy document got its template once.
      expect(await a!.store.docs.count(strategyDocName())).toBe(1);
    } finally {
      for (const s of servers) if (s.status === 'fulfilled') await s.value.close();
      await database.drop();
    }
  });
});
