/** Every row of every table of a store, in a stable order: for "exactly as before" and backup comparisons. */
import type { Db } from '../../server/store/sqlite/database';
import type { Store } from '../../server/store/store';

export type Tables = Record<string, string[]>;

/** Rows as JSON text (blobs as hex), sorted, per table; `schema_migrations` left out unless asked for. */
export async function dumpTables(store: Store, options: { migrations?: boolean } = {}): Promise<Tables> {
  const db = (store as Store & { db?: Db }).db;
  if (!db) throw new Error(`dumpTables: no way to read a ${store.kind} store`);
  const names = db
    .prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all()
    .filter((name) => options.migrations || name !== 'schema_migrations');
  const out: Tables = {};
  for (const name of names) out[name] = db.prepare(`SELECT * FROM "${name}"`).all().map(rowText).sort();
  return out;
}

export function rowText(row: unknown): string {
  return JSON.stringify(row, (_, value: unknown) =>
    value instanceof Uint8Array || (value as { type?: string })?.type === 'Buffer'
      ? Buffer.from((value as { data?: number[] }).data ?? (value as Uint8Array)).toString('hex')
      : value,
  );
}
