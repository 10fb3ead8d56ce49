/** Every row of every table of a store, in a stable order: for "exactly as before" and backup comparisons. */
import type pg from 'pg';
import type { Db } from '../../server/store/sqlite/database';
import type { Store } from '../../server/store/store';

export type Tables = Record<string, string[]>;

/**
 * Raw SQL on a store's own database, outside its domain methods (what a person with access
 * to the database could run): rows for a SELECT, nothing otherwise. Rejects what the database refuses.
 */
export async function rawQuery(store: Store, sql: string): Promise<unknown[]> {
  const { db, pool } = store as Store & { db?: Db; pool?: pg.Pool };
  if (db) {
    const statement = db.prepare(sql);
    return statement.reader ? statement.all() : (statement.run(), []);
  }
  if (pool) return (await pool.query(sql)).rows;
  throw new Error(`rawQuery: no way to reach a ${store.kind} store's database`);
}

/** The search index: derived from the documents, written when they load or rest, not by a command. */
const derived = (name: string) => name.startsWith('search_');

/**
 * Rows as JSON text (blobs as hex), sorted, per table; `schema_migrations` left out unless asked
 * for, and the derived search index too when `derived: false`.
 */
export async function dumpTables(store: Store, options: { migrations?: boolean; derived?: boolean } = {}): Promise<Tables> {
  const listing =
    store.kind === 'postgres'
      ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
      : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
  const names = ((await rawQuery(store, listing)) as { name: string }[])
    .map((r) => r.name)
    .filter((name) => options.migrations || name !== 'schema_migrations')
    .filter((name) => options.derived !== false || !derived(name));
  const out: Tables = {};
  for (const name of names) out[name] = (await rawQuery(store, `SELECT * FROM "${name}"`)).map(rowText).sort();
  return out;
}

export function rowText(row: unknown): string {
  return JSON.stringify(row, (_, value: unknown) =>
    value instanceof Uint8Array || (value as { type?: string })?.type === 'Buffer'
      ? Buffer.from((value as { data?: number[] }).data ?? (value as Uint8Array)).toString('hex')
      : value,
  );
}
