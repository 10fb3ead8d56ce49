import 'vitest';
import type { TestProject } from 'vitest/node';
import { startPostgres, type PostgresProcess } from './postgres';
import { startRedis, type RedisProcess } from './redis';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
    /** The run's PostgreSQL server (its maintenance database); each test file creates its own database on it. */
    postgresUrl: string;
    /** Why no PostgreSQL server could be started; tests that need one fail with it. */
    postgresError: string;
  }
}

let redis: RedisProcess | undefined;
let postgres: PostgresProcess | undefined;

/**
 * One private redis-server and one throwaway PostgreSQL server for the whole run, unless
 * REDIS_URL / DATABASE_URL point at running ones.
 */
export async function setup(project: TestProject) {
  // Vitest runs this once for the root and again for each group (unit, integration, e2e), each in
  // a module of its own; what the root provides reaches every group, so only the root starts servers.
  if (project.name !== '') return;
  let url = process.env.REDIS_URL;
  if (!url) {
    redis = await startRedis();
    url = redis.url;
  }
  project.provide('redisUrl', url);
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
  await redis?.stop();
  await postgres?.stop();
}
