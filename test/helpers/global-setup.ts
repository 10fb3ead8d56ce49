import 'vitest';
import type { TestProject } from 'vitest/node';
import { startRedis, type RedisProcess } from './redis';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

let redis: RedisProcess | undefined;

/** One private redis-server for the whole run, unless REDIS_URL points at one. */
export async function setup(project: TestProject) {
  let url = process.env.REDIS_URL;
  if (!url) {
    redis = await startRedis();
    url = redis.url;
  }
  project.provide('redisUrl', url);
}

export async function teardown() {
  await redis?.stop();
}
