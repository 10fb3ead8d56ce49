/** The storage backends a contract test runs against: each opens a fresh, empty store. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgresStore } from '../../server/store/postgres';
import { openSqliteStore } from '../../server/store/sqlite';
import type { Store } from '../../server/store/store';
import { createTestDatabase, runPostgresUrl } from './postgres';

export interface OpenedStore {
  store: Store;
  /** Runs raw SQL on the backend, outside the store (what a person with database access could do). */
  exec(sql: string): Promise<unknown[]>;
  /** Another store on the same database: a second instance. */
  another(): Promise<Store>;
  close(): Promise<void>;
}

export interface Backend {
  kind: Store['kind'];
  open(): Promise<OpenedStore>;
}

export const sqliteBackend: Backend = {
  kind: 'sqlite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'forum-contract-'));
    const store = openSqliteStore(dir);
    const others: Store[] = [];
    return {
      store,
      exec: async (sql) => (/^\s*(select|explain)/i.test(sql) ? store.db.prepare(sql).all() : [store.db.prepare(sql).run()]),
      async another() {
        const other = openSqliteStore(dir);
        others.push(other);
        return other;
      },
      async close() {
        for (const other of others) await other.close();
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

export const postgresBackend: Backend = {
  kind: 'postgres',
  async open() {
    const database = await createTestDatabase(await runPostgresUrl());
    const store = await openPostgresStore(database.url);
    const others: Store[] = [];
    return {
      store,
      exec: async (sql) => (await store.pool.query(sql)).rows,
      async another() {
        const other = await openPostgresStore(database.url);
        others.push(other);
        return other;
      },
      async close() {
        for (const other of others) await other.close();
        await store.close();
        await database.drop();
      },
    };
  },
};

export const backends = [sqliteBackend, postgresBackend];
