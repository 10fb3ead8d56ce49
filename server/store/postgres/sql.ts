import pg from 'pg';

/**
 * What a domain store runs its statements on: the pool (each call its own atomic
 * operation) or one transaction's client (every call inside it). Parameters are $1, $2, ….
 */
export interface Sql {
  rows<R>(text: string, params?: unknown[]): Promise<R[]>;
  /** The first row, or undefined. */
  row<R>(text: string, params?: unknown[]): Promise<R | undefined>;
  /** How many rows the statement changed. */
  run(text: string, params?: unknown[]): Promise<number>;
  /**
   * Runs `fn` in one transaction: a new one on the pool, or the open one on a
   * transaction's client (whose commit or rollback then covers it).
   */
  atomic<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
}

/**
 * int8 (counts, epoch milliseconds, serial ids) as numbers: every value we keep is far below
 * 2^53. The parser is this pool's own, so other users of `pg` in the process are untouched.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export function openPool(connectionString: string, max = 10): pg.Pool {
  // A caller waits at most 10 s for a connection (as SQLite's gate waits for a transaction): every
  // connection held by a transaction that itself waits for one would otherwise hang for ever.
  const pool = new pg.Pool({ connectionString, max, types, application_name: 'forum-workspace', connectionTimeoutMillis: 10_000 });
  // An idle client whose connection drops emits `error` on the pool; unhandled, it would
  // end the process. The next query reports the outage instead (and health() says so).
  pool.on('error', () => {});
  return pool;
}

/** Bytes as pg sends them (a Buffer view of the same memory, no copy). */
export const bytea = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Statements on one client; `atomic` joins the transaction the caller holds open on it. */
export function clientSql(client: pg.ClientBase, onError: (error: unknown) => void = () => {}): Sql {
  const query = async (text: string, params?: unknown[]) => {
    try {
      return await client.query(text, params);
    } catch (error) {
      onError(error);
      throw error;
    }
  };
  const sql: Sql = {
    rows: async <R>(text: string, params?: unknown[]) => (await query(text, params)).rows as R[],
    row: async <R>(text: string, params?: unknown[]) => (await query(text, params)).rows[0] as R | undefined,
    run: async (text, params) => (await query(text, params)).rowCount ?? 0,
    atomic: (fn) => fn(sql),
  };
  return sql;
}

/** Statements on the pool, each its own transaction; `atomic` opens one on a client of its own. */
export function poolSql(pool: pg.Pool): Sql {
  return {
    rows: async <R>(text: string, params?: unknown[]) => (await pool.query(text, params)).rows as R[],
    row: async <R>(text: string, params?: unknown[]) => (await pool.query(text, params)).rows[0] as R | undefined,
    run: async (text, params) => (await pool.query(text, params)).rowCount ?? 0,
    atomic: (fn) => inTransaction(pool, (client) => fn(clientSql(client))),
  };
}

/** BEGIN, `fn`, COMMIT on one client of the pool; ROLLBACK when anything throws. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: unknown;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => (broken = rollbackError));
    throw error;
  } finally {
    // A client that could not even roll back is dropped, not handed to the next caller.
    client.release(broken instanceof Error ? broken : undefined);
  }
}

/** A filter's WHERE clause with numbered parameters; `add` skips a filter left undefined. */
export function whereClause() {
  const conditions: string[] = [];
  const args: unknown[] = [];
  return {
    args,
    add(clause: (param: string) => string, value: unknown) {
      if (value === undefined) return;
      args.push(value);
      conditions.push(clause(`$${args.length}`));
    },
    /** `WHERE a AND b`, or nothing. */
    text: () => (conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''),
  };
}
