import { spawn } from 'node:child_process';
import { existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Store } from '../store/store';

/** Where the durable store lives: PostgreSQL with DATABASE_URL, else the SQLite file under DATA_DIR. */
export type StoreLocation = { kind: 'postgres'; url: string } | { kind: 'sqlite'; file: string };

export function storeLocation(env: NodeJS.ProcessEnv): StoreLocation {
  if (env.DATABASE_URL) return { kind: 'postgres', url: env.DATABASE_URL };
  return { kind: 'sqlite', file: resolve(env.DATA_DIR || './data', 'forum.db') };
}

/**
 * A consistent snapshot while the server runs. SQLite: the online backup API, all pages in one
 * step, so it is one read transaction (writers carry on; WAL). PostgreSQL: pg_dump (one
 * repeatable-read transaction), in its custom format for pg_restore.
 */
export async function backup(from: StoreLocation, file: string): Promise<void> {
  if (existsSync(file)) throw new Error(`${file} exists already; a backup never overwrites a file.`);
  if (from.kind === 'postgres') return run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, from.url]);
  if (!existsSync(from.file)) throw new Error(`No SQLite store at ${from.file} (set DATA_DIR, or DATABASE_URL for PostgreSQL).`);
  const db = new Database(from.file, { fileMustExist: true });
  try {
    await db.backup(file, { progress: allAtOnce });
  } finally {
    db.close();
  }
  const check = new Database(file, { readonly: true });
  try {
    const verdict = check.pragma('integrity_check', { simple: true });
    if (verdict !== 'ok') throw new Error(`The backup failed its integrity check: ${String(verdict)}`);
  } finally {
    check.close();
  }
}

/**
 * Every remaining page in the next step: the copy is one step, so one read of a consistent
 * database (a step-by-step copy would start over whenever the server wrote in between).
 */
const allAtOnce = () => 0x7fffffff;

/** Restores a snapshot into an empty store; refuses a store that holds anything, and a snapshot of the other kind. */
export async function restore(file: string, to: StoreLocation): Promise<void> {
  const kind = snapshotKind(file);
  if (kind !== to.kind) throw new Error(`${file} is a ${kind} snapshot; the target store is ${to.kind}.`);
  if (to.kind === 'postgres') {
    if (!(await postgresIsEmpty(to.url))) throw new Error('The target PostgreSQL database is not empty; restore into an empty one.');
    return run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${to.url}`, file]);
  }
  if (existsSync(to.file) && statSync(to.file).size > 0) throw new Error(`${to.file} exists; restore into an empty DATA_DIR.`);
  for (const suffix of ['-wal', '-shm']) if (existsSync(to.file + suffix)) throw new Error(`${to.file}${suffix} exists; restore into an empty DATA_DIR.`);
  const source = new Database(file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(to.file, { progress: allAtOnce });
  } finally {
    source.close();
  }
}

/** What a snapshot file holds, from its first bytes. */
export function snapshotKind(file: string): Store['kind'] {
  const head = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1').startsWith('SQLite format 3')) return 'sqlite';
  if (head.toString('latin1').startsWith('PGDMP')) return 'postgres';
  throw new Error(`${file} is neither a SQLite backup nor a pg_dump custom archive.`);
}

async function postgresIsEmpty(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')");
    return Number(rows[0]!.n) === 0;
  } finally {
    await client.end();
  }
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => fail(new Error(`${command} could not start (is PostgreSQL's client installed?): ${error.message}`)));
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`${command} failed (${code}): ${stderr.trim()}`))));
  });
}

