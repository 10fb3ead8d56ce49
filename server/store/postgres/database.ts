import type pg from 'pg';
import { migrations as allMigrations, type Migration } from './migrations';
import { inTransaction } from './sql';

/** Advisory lock keys (first half): one namespace per use, so they never meet. */
export const lockSpace = {
  migrations: 0x666f7231, // 'for1'
  documents: 0x646f6373, // 'docs'
  delegations: 0x64656c65, // 'dele'
  exclusive: 0x6f6e6531, // 'one1'
} as const;

/**
 * Brings the schema up to date, each migration in its own transaction, once. Several
 * instances may start together: a session-wide advisory lock lets one migrate while the
 * others wait, then find nothing left to do.
 */
export async function migrate(pool: pg.Pool, migrations: Migration[] = allMigrations): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1, 0)', [lockSpace.migrations]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)',
    );
    const applied = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(m.version)) continue;
      await inTransaction(pool, async (tx) => {
        await tx.query(m.sql);
        await tx.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
      });
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1, 0)', [lockSpace.migrations]).catch(() => {});
    client.release();
  }
}
