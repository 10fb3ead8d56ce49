import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startForum, type Forum, type StartOptions } from '../../server/app';
import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/logger';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { testDatabaseFor } from './postgres';

export interface TestServer extends Forum {
  dataDir: string;
  /** Signs in over HTTP; returns the bearer token and the cookie header a browser would send. */
  login(email: string, password?: string): Promise<{ token: string; cookie: string; userId: string }>;
}

export interface TestServerOptions {
  demo?: boolean;
  redisUrl?: string;
  env?: Record<string, string>;
  /** Reuse a data directory (a restart); by default a fresh temp one, removed on close. */
  dataDir?: string;
  /** The built client to serve; dist/client by default. */
  clientDir?: string;
  /** See StartOptions.clock: a test's own clock (the only thing tests may fake). */
  clock?: StartOptions['clock'];
  /** See StartOptions.wrapStore. */
  wrapStore?: StartOptions['wrapStore'];
  /** The durable store; by default FORUM_TEST_STORE's (sqlite unless it says postgres). */
  store?: 'sqlite' | 'postgres';
}

/**
 * A real server on a random port with its own SQLite file, or (FORUM_TEST_STORE=postgres, or
 * `store: 'postgres'`) its own database on the run's throwaway PostgreSQL server.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'forum-test-'));
  const database = await testDatabaseFor(dataDir, options.store ?? process.env.FORUM_TEST_STORE);
  const loaded = loadConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      NODE_ENV: 'test',
      ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
      ...(database ? { DATABASE_URL: database.url } : {}),
      ...options.env,
    },
    options.demo ?? true,
  );
  if (!loaded.ok) throw new Error(loaded.message);
  const forum = await startForum(loaded.config, {
    logger: createLogger(loaded.config.LOG_LEVEL),
    clientDir: options.clientDir ?? join(process.cwd(), 'dist/client'),
    wrapStore: options.wrapStore,
    clock: options.clock,
  });
  const login = async (email: string, password = DEMO_PASSWORD) => {
    const res = await fetch(`${forum.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { token: string; user: { id: string } };
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    return { token: body.token, cookie, userId: body.user.id };
  };
  return {
    ...forum,
    dataDir,
    login,
    close: async () => {
      await forum.close();
      if (!options.dataDir) {
        rmSync(dataDir, { recursive: true, force: true });
        await database?.drop();
      }
    },
  };
}

/** Polls until `check` returns a truthy value or the time runs out. */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Calls the server's HTTP API with a bearer token, as a page would; throws with the answer unless it succeeds. */
export async function callApi<T = unknown>(server: { url: string }, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
