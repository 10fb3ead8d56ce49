/**
 * `npm run backup` while a meeting is live, `npm run restore` into a fresh store (issue 16.5):
 * the restored store holds every row of every table, and a server started on it serves every
 * document exactly as the running one does.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import pg from 'pg';
import { openSqliteStore } from '../../server/store/sqlite';
import { createTestDatabase, runPostgresUrl } from '../helpers/postgres';
import { MeetingRunner } from '../helpers/meeting-run';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { dumpTables, rowText, type Tables } from '../helpers/tables';
import { Editor } from './proposals.harness';

type Kind = 'sqlite' | 'postgres';
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'forum-backup-'));
  dirs.push(dir);
  return dir;
};
const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of drops) await drop().catch(() => {});
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Every row of every table of a PostgreSQL database, as dumpTables gives them for SQLite. */
async function postgresTables(url: string): Promise<Tables> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const names = (await client.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1")).rows.map((r) => r.name);
    const out: Tables = {};
    for (const name of names) out[name] = (await client.query(`SELECT * FROM "${name}"`)).rows.map(rowText).sort();
    return out;
  } finally {
    await client.end();
  }
}

/** The database of a test server on PostgreSQL: its data folder names it (helpers/postgres.ts). */
const databaseOf = (server: TestServer) => readFileSync(join(server.dataDir, '.test-database-url'), 'utf8').trim();

/** Runs `npm run <script> -- <file>` with `env`; its exit code and output. */
function npmRun(script: string, file: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script, '--', file], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

const docOf = (state: Uint8Array) => {
  const doc = new Y.Doc({ gc: false });
  Y.applyUpdate(doc, state);
  return doc;
};
describe.each<Kind>(['sqlite', 'postgres'])('backup and restore on %s', (kind) => {
  let server: TestServer;
  let runner: MeetingRunner;
  const editors: Editor[] = [];
  beforeAll(async () => {
    server = await startTestServer({ store: kind });
    runner = new MeetingRunner(server);
  }, 60_000);
  afterAll(async () => {
    runner?.close();
    editors.splice(0).forEach((e) => e.destroy());
    await server?.close();
  });
  const source = (): Record<string, string> => (kind === 'sqlite' ? { DATA_DIR: server.dataDir, DATABASE_URL: '' } : { DATABASE_URL: databaseOf(server) });
  const liveTables = () => (kind === 'sqlite' ? dumpTables(server.store, { migrations: true }) : postgresTables(databaseOf(server)));

  it('a snapshot taken during a live meeting restores into a fresh store with every table and every document', async () => {
    const meetingId = await runner.adoptTalentBank('백업 시험 회의', { end: false });
    const chair = await server.login('chair.investment@forum.demo');
    const list = await fetch(`${server.url}/api/proposals?subcommittee=investment&status=draft`, { headers: { authorization: `Bearer ${chair.token}` } });
    const id = ((await list.json()) as { proposals: { id: string }[] }).proposals[0]!.id;
    const writer = await Editor.open(server, id, chair.token);
    const reader = await Editor.open(server, id, (await server.login('observer@forum.demo')).token);
    editors.push(writer, reader);
    for (const text of ['회의 중 첫째 문단', '회의 중 둘째 문단']) {
      writer.type(text);
      await waitFor(() => reader.text.includes(text), 'the reader to receive');
    }
    const meeting = (await runner.api(chair.token, 'GET', `/api/meetings/${meetingId}`)) as { meeting: { status: string } };
    expect(meeting.meeting.status).toBe('live');

    // The server keeps running (and may write on its own timers): the snapshot is compared with a
    // moment at which the live store read the same before and after it.
    let file = '';
    let atSnapshot: Awaited<ReturnType<typeof liveTables>> | undefined;
    for (let attempt = 0; attempt < 3 && !atSnapshot; attempt++) {
      file = join(tempDir(), 'forum.backup');
      const before = await liveTables();
      const taken = await npmRun('backup', file, source());
      expect(taken, taken.output).toMatchObject({ code: 0 });
      const after = await liveTables();
      if (JSON.stringify(before) === JSON.stringify(after)) atSnapshot = after;
    }
    expect(atSnapshot, 'the live store changed during each of three backups').toBeDefined();

    // An empty store: a fresh DATA_DIR, or a fresh database whose name the folder holds for the server below.
    const target = tempDir();
    let into: Record<string, string> = { DATA_DIR: target, DATABASE_URL: '' };
    if (kind === 'postgres') {
      const database = await createTestDatabase(await runPostgresUrl());
      drops.push(database.drop);
      writeFileSync(join(target, '.test-database-url'), database.url);
      into = { DATABASE_URL: database.url };
    }
    const restored = await npmRun('restore', file, into);
    expect(restored, restored.output).toMatchObject({ code: 0 });
    let tables: Tables;
    if (kind === 'postgres') tables = await postgresTables(into.DATABASE_URL!);
    else {
      const store = openSqliteStore(target);
      tables = await dumpTables(store, { migrations: true }).finally(() => store.close());
    }
    expect(Object.keys(tables).sort()).toEqual(Object.keys(atSnapshot!).sort());
    for (const [name, rows] of Object.entries(atSnapshot!)) expect(tables[name], name).toEqual(rows);
    expect(tables.doc_updates!.length).toBeGreaterThan(0);

    // A server on the restored store serves every document as the running one does.
    const names = [...new Set(atSnapshot!.doc_updates!.map((row) => (JSON.parse(row) as { doc_name: string }).doc_name))];
    expect(names).toContain(`proposal:${id}`);
    const second = await startTestServer({ dataDir: target, store: kind });
    try {
      for (const name of names) {
        // Equal snapshots (state vector and delete set): the same items, inserted and deleted alike.
        const [here, there] = await Promise.all([server.documents.state(name), second.documents.state(name)]);
        expect(Y.equalSnapshots(Y.snapshot(docOf(here)), Y.snapshot(docOf(there))), name).toBe(true);
      }
      expect(reader.text).toContain('회의 중 둘째 문단');
    } finally {
      await second.close();
    }

    // Restoring over a store that holds something is refused, and leaves it as it was.
    const again = await npmRun('restore', file, into);
    expect(again.code).toBe(1);
    expect(again.output).toContain(kind === 'sqlite' ? 'restore into an empty DATA_DIR' : 'restore into an empty one');
    // The meeting went on meanwhile.
    writer.type('백업 후 문단');
    await waitFor(() => reader.text.includes('백업 후 문단'), 'the meeting to go on');
  }, 180_000);

});

describe('backup', () => {
  it('refuses to overwrite a file and names what is missing', async () => {
    const dir = tempDir();
    const missing = await npmRun('backup', join(dir, 'x.backup'), { DATA_DIR: join(dir, 'nowhere'), DATABASE_URL: '' });
    expect(missing.code).toBe(1);
    expect(missing.output).toContain('No SQLite store at');
  }, 60_000);
});
