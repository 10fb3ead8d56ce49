/**
 * npm run cluster: a whole deployment on this one machine — nginx (deploy/nginx.conf) in front of
 * three instances on one PostgreSQL and one Redis. DATABASE_URL / REDIS_URL use running servers;
 * otherwise throwaway ones are started (the tests' helpers: initdb in a temporary folder, a
 * redis-server without persistence) and removed on exit. Prints the address; Ctrl-C stops it all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, startPostgres } from '../test/helpers/postgres';
import { freePort, startRedis } from '../test/helpers/redis';

const INSTANCES = Number(process.env.CLUSTER_INSTANCES ?? 3);
const root = mkdtempSync(join(tmpdir(), 'forum-cluster-'));
const children: ChildProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];

async function main(): Promise<void> {
  const redisUrl = process.env.REDIS_URL || (await throwaway(startRedis(), 'Redis')).url;
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const server = await throwaway(startPostgres(), 'PostgreSQL');
    databaseUrl = (await createTestDatabase(server.url)).url;
  }
  const publicPort = Number(process.env.PORT ?? 0) || (await freePort());
  const origin = `http://127.0.0.1:${publicPort}`;
  const ports: number[] = [];
  for (let i = 0; i < INSTANCES; i++) {
    const port = await freePort();
    // One after the other: the first migrates and seeds the database (and builds the web client).
    await instance(i, port, { REDIS_URL: redisUrl, DATABASE_URL: databaseUrl, PUBLIC_ORIGIN: origin, SKIP_CLIENT_BUILD: i === 0 ? '' : '1' });
    ports.push(port);
  }
  await nginx(publicPort, ports);
  console.log(
    [
      `Forum Workspace cluster: ${origin}`,
      `  nginx → ${ports.map((p) => `127.0.0.1:${p}`).join(', ')}`,
      `  PostgreSQL ${redact(databaseUrl)}`,
      `  Redis ${redisUrl}`,
      `  demo accounts, password forum-demo; logs in ${root}`,
      '  Ctrl-C stops everything.',
    ].join('\n'),
  );
}

async function throwaway<T extends { stop(): Promise<void> }>(started: Promise<T>, what: string): Promise<T> {
  const server = await started.catch((error: unknown) => {
    throw new Error(`could not start a throwaway ${what} (or set its URL): ${error instanceof Error ? error.message : String(error)}`);
  });
  cleanups.push(() => server.stop());
  return server;
}

/** One instance on `port`, answered /api/health before this resolves. */
async function instance(index: number, port: number, env: Record<string, string>): Promise<void> {
  const dataDir = join(root, `instance-${index}`);
  mkdirSync(dataDir, { recursive: true });
  const log = join(root, `instance-${index}.log`);
  const child = spawn(process.execPath, ['--no-memory-reducer', '--import', 'tsx', 'server/main.ts', '--demo'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const out: string[] = [];
  child.stdout!.on('data', (d: Buffer) => out.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => out.push(d.toString()));
  child.on('exit', () => writeFileSync(log, out.join('')));
  await waitForHealth(`http://127.0.0.1:${port}/api/health`, child, () => out.join(''));
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url} will not answer: its process exited (${child.exitCode}):\n${output()}`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`an instance did not answer ${url} within 180 s:\n${output()}`);
}

/** nginx as a child (daemon off), its pid, logs and temporary files under its own prefix. */
async function nginx(listen: number, ports: number[]): Promise<void> {
  const prefix = join(root, 'nginx');
  mkdirSync(prefix, { recursive: true });
  // As root, nginx's workers run as nobody: they must be able to write their temporary files.
  chmodSync(root, 0o755);
  chmodSync(prefix, 0o777);
  const servers = ports.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`).join('\n');
  const config = readFileSync('deploy/nginx.conf', 'utf8')
    .replaceAll('{{PREFIX}}', prefix)
    .replaceAll('{{LISTEN}}', `127.0.0.1:${listen}`)
    .replaceAll('{{SERVERS}}', servers);
  const file = join(prefix, 'nginx.conf');
  writeFileSync(file, config);
  const child = spawn(process.env.NGINX ?? 'nginx', ['-p', prefix, '-c', file, '-e', join(prefix, 'error.log')], { stdio: ['ignore', 'inherit', 'inherit'] });
  children.push(child);
  await waitForHealth(`http://127.0.0.1:${listen}/api/health`, child, () => readFileSync(join(prefix, 'error.log'), 'utf8'));
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

async function stop(code: number): Promise<never> {
  for (const child of children.reverse()) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  if (!process.env.CLUSTER_KEEP) rmSync(root, { recursive: true, force: true });
  process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
main().catch(async (error: unknown) => {
  console.error(`cluster failed: ${error instanceof Error ? error.message : String(error)}`);
  await stop(1);
});
