import type { Config } from '../config';
import type { Logger } from '../logger';
import { openPostgresStore } from './postgres';
import { openSqliteStore } from './sqlite';
import type { Store } from './store';

/** The durable record this instance runs on: PostgreSQL when DATABASE_URL is set, else SQLite under DATA_DIR. */
export async function openStore(config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR'>, logger?: Logger): Promise<Store> {
  if (!config.DATABASE_URL) return openSqliteStore(config.DATA_DIR, { logger });
  try {
    return await openPostgresStore(config.DATABASE_URL, { logger });
  } catch (error) {
    throw new Error(`could not open the PostgreSQL database at ${describeStore(config)}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

/** Where the record lives, for the start-up banner and errors: never the password. */
export function describeStore(config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR'>): string {
  if (!config.DATABASE_URL) return `${config.DATA_DIR} (SQLite)`;
  try {
    const url = new URL(config.DATABASE_URL);
    return `${url.hostname || 'localhost'}${url.port ? `:${url.port}` : ''}${url.pathname} (PostgreSQL)`;
  } catch {
    return 'DATABASE_URL (PostgreSQL)';
  }
}
