import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './redis';

export interface PostgresProcess {
  /** postgres://… of the server's maintenance database (`postgres`). */
  url: string;
  stop(): Promise<void>;
}

/** Debian keeps initdb and pg_ctl out of PATH, under /usr/lib/postgresql/<version>/bin. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  const found = spawnSync('sh', ['-c', 'command -v initdb']).stdout?.toString().trim();
  return found ? join(found, '..') : null;
}

/**
 * Starts a throwaway PostgreSQL server: a fresh cluster (initdb) in a temporary folder, on a
 * free loopback port, its unix socket in the same folder, without fsync (nothing in it needs
 * to survive the run). initdb refuses to run as root, so as root the folder is handed to the
 * `postgres` system user (Debian's package creates it) and the tools run as that user.
 */
export async function startPostgres(): Promise<PostgresProcess> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed. Install it with: apt-get install -y postgresql (or set DATABASE_URL).');
  const dir = mkdtempSync(join(tmpdir(), 'forum-pg-'));
  const data = join(dir, 'data');
  const asRoot = userInfo().uid === 0;
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? ['runuser', '-u', 'postgres', '--', join(bin, tool), ...args] : [join(bin, tool), ...args];
    const result = spawnSync(command[0]!, command.slice(1), { cwd: dir, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${tool} failed (${result.status}): ${result.stderr || result.stdout}`);
  };
  if (asRoot) {
    const owner = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const group = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (owner.status !== 0) throw new Error('running as root, and there is no `postgres` user to run PostgreSQL as (apt-get install -y postgresql creates it)');
    chownSync(dir, Number(owner.stdout), Number(group.stdout));
  }
  const port = await freePort();
  // C locale: text sorts by bytes, as in SQLite; trust on loopback and the socket only.
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '-N']);
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses='127.0.0.1'",
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c shared_buffers=16MB',
    '-c max_connections=100',
  ].join(' ');
  try {
    run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  // A run killed before its teardown (a timeout, ^C twice) would leave the server running: a
  // detached watchdog stops it and removes its folder once this process is gone.
  const stopCommand = [...(asRoot ? ['runuser', '-u', 'postgres', '--'] : []), join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop'];
  const quote = (arg: string) => `'${arg.replace(/'/g, "'\\''")}'`;
  const watchdog = spawn(
    'sh',
    ['-c', `while kill -0 ${process.pid} 2>/dev/null; do sleep 2; done; ${stopCommand.map(quote).join(' ')} >/dev/null 2>&1; rm -rf ${quote(dir)}`],
    { detached: true, stdio: 'ignore' },
  );
  watchdog.unref();
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export interface TestDatabase {
  url: string;
  /** Drops the database (its connections are ended first). */
  drop(): Promise<void>;
}

/**
 * A fresh, empty database on the server at `serverUrl` (the run's throwaway server, or
 * DATABASE_URL's): each test file, or each server in it, gets its own.
 */
export async function createTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `forum_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await admin(serverUrl, `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function admin(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The run's PostgreSQL server (global-setup.ts), or why there is none. */
export async function runPostgresUrl(): Promise<string> {
  const { inject } = await import('vitest');
  const url = inject('postgresUrl');
  if (!url) throw new Error(`no PostgreSQL server for this run: ${inject('postgresError') || 'unknown reason'}`);
  return url;
}

/**
 * FORUM_TEST_STORE=postgres runs the tests' servers on PostgreSQL: each data folder gets its
 * own fresh database on the run's server, remembered in the folder so that a restart on the
 * same folder finds the same record. Unset (or `sqlite`), this answers undefined: SQLite.
 */
export async function testDatabaseFor(dataDir: string, store = process.env.FORUM_TEST_STORE): Promise<TestDatabase | undefined> {
  if (store !== 'postgres') return undefined;
  const { existsSync: exists, mkdirSync, readFileSync, writeFileSync } = await import('node:fs');
  const file = join(dataDir, '.test-database-url');
  const serverUrl = await runPostgresUrl();
  if (exists(file)) {
    const url = readFileSync(file, 'utf8').trim();
    const name = new URL(url).pathname.slice(1);
    return { url, drop: () => admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
  }
  const database = await createTestDatabase(serverUrl);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, database.url);
  return database;
}
