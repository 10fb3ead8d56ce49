/**
 * Upgrading a database made by an older schema: a store built by the migrations up to
 * version 133 (before cancelled meetings, action items' owners and done state, amendment
 * decisions, notifications, calendar tokens and the mail outbox), holding rows written in
 * that schema's own shape, is opened by the current code. Every row survives, the new
 * columns read as their defaults, the new tables work beside the old rows, and every
 * migration is recorded once. On SQLite and on PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../server/store/postgres/database';
import { migrations as postgresMigrations } from '../../../server/store/postgres/migrations';
import { openPostgresStore } from '../../../server/store/postgres';
import { openDatabase } from '../../../server/store/sqlite/database';
import { migrations as sqliteMigrations } from '../../../server/store/sqlite/migrations';
import { openSqliteStore } from '../../../server/store/sqlite';
import type { Store } from '../../../server/store/store';
import { createTestDatabase, runPostgresUrl } from '../../helpers/postgres';

const OLD_VERSION = 133;
const T = '2026-12-01T09:00:00.000Z';

/** A document's text as an update, stored in the old log as its first row. */
const docText = '업그레이드 전에 저장된 제안 본문';
const docUpdate = (() => {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, docText);
  return Y.encodeStateAsUpdate(doc);
})();

/** Rows in the shape of schema version 133; `blob` writes bytes as each dialect spells them. */
const oldRows = (blob: (bytes: Uint8Array) => string) => `
  INSERT INTO forum (id, name_ko, name_en, starts_on, project_days, strategy_due_on)
    VALUES (1, '산업대전환 포럼', 'Industrial Transformation Forum', '2026-11-16', 200, '2027-06-30');
  INSERT INTO subcommittees (id, position, name_ko, name_en) VALUES ('investment', 1, '투자', 'Investment');
  INSERT INTO users (id, email, name, role, subcommittee, password_hash, created_at) VALUES
    ('u-ministry', 'ministry@test.kr', '장관실', 'ministry', NULL, NULL, '${T}'),
    ('u-chair', 'chair@test.kr', '김위원', 'chair', 'investment', NULL, '${T}');
  INSERT INTO proposals (id, title, subcommittee, status, summary, created_by, created_at, updated_at)
    VALUES ('p-1', '청년 고용 확대', 'investment', 'submitted', '요약', 'u-chair', '${T}', '${T}');
  INSERT INTO doc_updates (doc_name, "update", created_at) VALUES ('proposal:p-1', ${blob(docUpdate)}, '${T}');
  INSERT INTO meetings (id, title, starts_at, status, started_at, ended_at, minutes_status, created_by, created_at, updated_at)
    VALUES ('m-1', '1차 회의', '${T}', 'ended', '${T}', '${T}', 'circulated', 'u-ministry', '${T}', '${T}');
  INSERT INTO meeting_decisions (meeting_id, position, kind, text, owner, due, section, recorded_at) VALUES
    ('m-1', 0, 'decision', '안건 채택', NULL, NULL, '안건 1', '${T}'),
    ('m-1', 1, 'actionItem', '보고서 작성', '김위원', '2026-12-20', '안건 1', '${T}');
`;

interface OldDatabase {
  kind: Store['kind'];
  /** Makes a database at schema version OLD_VERSION holding `oldRows`; opens it with the current code. */
  build(): Promise<{ open(): Promise<Store>; versions(store: Store): Promise<number[]>; drop(): Promise<void> }>;
  current: number[];
}

const versionsOf = (ms: { version: number }[]) => ms.map((m) => m.version).sort((a, b) => a - b);

const olds: OldDatabase[] = [
  {
    kind: 'sqlite',
    current: versionsOf(sqliteMigrations),
    async build() {
      const dir = mkdtempSync(join(tmpdir(), 'forum-upgrade-'));
      const db = openDatabase(join(dir, 'forum.db'), sqliteMigrations.filter((m) => m.version <= OLD_VERSION));
      db.exec(oldRows((bytes) => `X'${Buffer.from(bytes).toString('hex')}'`));
      db.close();
      return {
        open: async () => openSqliteStore(dir),
        versions: async (store) => versionsOf((store as Store & { db: import('better-sqlite3').Database }).db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]),
        drop: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    kind: 'postgres',
    current: versionsOf(postgresMigrations),
    async build() {
      const database = await createTestDatabase(await runPostgresUrl());
      const pool = new pg.Pool({ connectionString: database.url });
      try {
        await migrate(pool, postgresMigrations.filter((m) => m.version <= OLD_VERSION));
        await pool.query(oldRows((bytes) => `decode('${Buffer.from(bytes).toString('hex')}', 'hex')`));
      } finally {
        await pool.end();
      }
      return {
        open: () => openPostgresStore(database.url),
        versions: async (store) => versionsOf((await (store as Store & { pool: pg.Pool }).pool.query<{ version: number }>('SELECT version FROM schema_migrations')).rows),
        drop: () => database.drop(),
      };
    },
  },
];

describe.each(olds)('$kind: a database made by schema version 133', (old) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('opens with the current code: every row survives and the new columns read as their defaults', async () => {
    const built = await old.build();
    cleanups.push(built.drop);
    const store = await built.open();
    cleanups.push(() => store.close());

    expect(await built.versions(store)).toEqual(old.current);
    expect(old.current.at(-1)).toBeGreaterThan(OLD_VERSION);
    expect(await store.auth.userByEmail('chair@test.kr')).toMatchObject({ id: 'u-chair', name: '김위원', role: 'chair', subcommittee: 'investment' });
    expect(await store.proposals.byId('p-1')).toMatchObject({ title: '청년 고용 확대', status: 'submitted', summary: '요약', authorName: '김위원' });
    const doc = new Y.Doc();
    for (const update of await store.docs.load('proposal:p-1')) Y.applyUpdate(doc, update);
    expect(doc.getText('t').toString()).toBe(docText);

    // 160: cancelled_at, null for a meeting made before it; the status reads as stored.
    expect(await store.meetings.get('m-1')).toMatchObject({ title: '1차 회의', status: 'ended', minutesStatus: 'circulated', cancelledAt: null });
    // 170: an action item recorded before ids and owner accounts has neither.
    expect(await store.meetings.decisions('m-1')).toEqual([
      { kind: 'decision', text: '안건 채택', id: null, owner: null, ownerId: null, due: null, section: '안건 1', position: 0 },
      { kind: 'actionItem', text: '보고서 작성', id: null, owner: '김위원', ownerId: null, due: '2026-12-20', section: '안건 1', position: 1 },
    ]);
    expect(await store.meetings.doneStates(['m-1'])).toEqual([]);
  });

  it('the tables the upgrade added work beside the old rows', async () => {
    const built = await old.build();
    cleanups.push(built.drop);
    const store = await built.open();
    cleanups.push(() => store.close());

    await store.meetings.setDone('m-1', 'item-1', { at: T, by: 'u-chair' });
    expect(await store.meetings.doneStates(['m-1'])).toEqual([{ meetingId: 'm-1', itemId: 'item-1', doneAt: T, doneBy: 'u-chair' }]);
    const notice = { meetingId: 'm-1', itemId: 'item-1', kind: 'overdue' as const, ownerId: 'u-chair', due: '2026-12-20' };
    expect(await store.meetings.claimNotice(notice, T)).toBe(true);
    expect(await store.meetings.claimNotice(notice, T)).toBe(false);
  });
});
