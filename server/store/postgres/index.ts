import type pg from 'pg';
import type { Logger } from '../../logger';
import type { DomainStores, Store, Tx } from '../store';
import { TxScope } from '../transaction';
import { pgAuditStore } from './audit';
import { pgAuthStore } from './auth';
import { pgCalendarStore } from './calendar';
import { lockSpace, migrate } from './database';
import { pgDocStore } from './documents';
import { pgForumStore } from './forum';
import { pgMeetingStore } from './meetings';
import { pgNotificationStore } from './notifications';
import { pgOutboxStore } from './outbox';
import { pgPollStore, VACUUM_BALLOTS } from './polls';
import { pgProposalStore } from './proposals';
import { pgSearchStore } from './search';
import { clientSql, openPool, poolSql, type Sql } from './sql';

export interface PostgresStoreOptions {
  /** Where steps that run after a commit report their failures. */
  logger?: Logger;
  /** Connections in the pool (each open transaction holds one). */
  poolSize?: number;
}

function domainStores(sql: Sql, compactBallots: () => Promise<void>): DomainStores {
  return {
    auth: pgAuthStore(sql),
    audit: pgAuditStore(sql),
    forum: pgForumStore(sql),
    docs: pgDocStore(sql),
    meetings: pgMeetingStore(sql),
    polls: pgPollStore(sql, compactBallots),
    proposals: pgProposalStore(sql),
    calendar: pgCalendarStore(sql),
    notifications: pgNotificationStore(sql),
    outbox: pgOutboxStore(sql),
    search: pgSearchStore(sql),
  };
}

/**
 * The networked store (DATABASE_URL=postgres://…): every domain on PostgreSQL, so several
 * instances share one durable record. Brings the schema up to date before it answers.
 * Outside `transaction` each call runs on a pooled connection as its own transaction; a
 * transaction holds one connection from BEGIN to COMMIT, and its view runs every call on it.
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store & { pool: pg.Pool }> {
  const pool = openPool(url, options.poolSize ?? 10);
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const compactBallots = async () => {
    try {
      await pool.query(VACUUM_BALLOTS);
    } catch (error) {
      options.logger?.error({ err: error }, 'could not compact the ballot tables after a secret poll closed');
    }
  };

  const transaction = async <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    let failed = false;
    let secretClosed = false;
    const sql = clientSql(client, () => (failed = true));
    // After a failed statement PostgreSQL refuses the rest of the transaction: the view says so at once.
    const scope = new TxScope(
      domainStores(sql, async () => {
        secretClosed = true;
      }),
      () => !failed,
    );
    let committed = false;
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn(scope.view);
      scope.end();
      await client.query('COMMIT');
      committed = true;
      return result;
    } finally {
      scope.end();
      if (!committed) await client.query('ROLLBACK').catch((error: Error) => (broken = error));
      client.release(broken);
      if (committed && secretClosed) await compactBallots();
      if (committed) scope.committed(options.logger);
    }
  };

  return {
    kind: 'postgres',
    pool,
    ...domainStores(poolSql(pool), compactBallots),
    transaction,
    async exclusive(name, fn) {
      // A session-level advisory lock on a connection of its own, held while `fn` runs on the pool.
      const client = await pool.connect();
      try {
        await client.query(`SELECT pg_advisory_lock(${lockSpace.exclusive}, hashtext($1))`, [name]);
        return await fn();
      } finally {
        await client.query(`SELECT pg_advisory_unlock(${lockSpace.exclusive}, hashtext($1))`, [name]).catch(() => {});
        client.release();
      }
    },
    async health() {
      try {
        await pool.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await pool.end();
    },
  };
}
