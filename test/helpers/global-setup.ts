import 'vitest';
import type { TestProject } from 'vitest/node';
import { startPostgres, type PostgresProcess } from './postgres';
import { startRedis, type RedisProcess } from './redis';

declare module 'vitest' {
  export interface ProvidedContext {
    /** One Redis per test worker (see runRedisUrl in redis.ts), or REDIS_URL's for all. */
    redisUrls: string[];
    /** The run's PostgreSQL server (its maintenance database); each test file creates its own database on it. */
    postgresUrl: string;
    /** Why no PostgreSQL server could be started; tests that need one fail with it. */
    postgresError: string;
  }
}

let redis: RedisProcess[] = [];
let postgres: PostgresProcess | undefined;

/**
 * Private redis-servers, one for each test worker, and one throwaway PostgreSQL server for the
 * whole run, unless REDIS_URL / DATABASE_URL point at running ones.
 */
export async function setup(project: TestProject) {
  // Vitest runs this once for the root and again for each group (unit, integration, e2e), each in
  // a module of its own; what the root provides reaches every group, so only the root starts servers.
  if (project.name !== '') return;
  // Files that run side by side must not share a Redis: their servers would meet on the same
  // Socket.IO stream and the same rate-limit keys. Each worker runs its files one after another
  // on a Redis of its own, as the whole run once did on one.
  const workers = project.config.maxWorkers ?? 1;
  if (process.env.REDIS_URL) project.provide('redisUrls', [process.env.REDIS_URL]);
  else {
    redis = await Promise.all(Array.from({ length: workers }, () => startRedis()));
    project.provide('redisUrls', redis.map((r) => r.url));
  }
  let postgresUrl = process.env.DATABASE_URL ?? '';
  let postgresError = '';
  if (!postgresUrl) {
    // Only the tests that use it fail when it cannot start (they report why).
    try {
      postgres = await startPostgres();
      postgresUrl = postgres.url;
    } catch (error) {
      postgresError = error instanceof Error ? error.message : String(error);
    }
  }
  project.provide('postgresUrl', postgresUrl);
  project.provide('postgresError', postgresError);
}

export async function teardown() {
  await Promise.all(redis.map((r) => r.stop()));
  await postgres?.stop();
}
