import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Three groups, run together by `npm test`:
 * unit (pure logic), integration (real server, Redis, clients), e2e (Chromium).
 * The global setup starts private redis-servers on free ports, one per worker (unless
 * REDIS_URL is given), and a throwaway PostgreSQL server; the first file that needs the
 * built client builds it, once for the run (test/helpers/build-client.ts).
 */
export default defineConfig({
  test: {
    globalSetup: ['test/helpers/global-setup.ts'],
    // A spawned server that logs an unhandled rejection fails the test that spawned it.
    setupFiles: ['test/helpers/fail-on-server-faults.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // At least two test files at a time. Vitest's own default in a run is one worker fewer than
    // the cores, which on a 2-core machine is one file at a time; yet a file spends much of its
    // time waiting (on its server's timers, Redis, PostgreSQL, a child process), and another file
    // can use that. Each worker gets a Redis of its own (global-setup.ts).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'integration', include: ['test/integration/**/*.test.ts'], pool: 'forks' },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], pool: 'forks', fileParallelism: false, testTimeout: 60_000 },
      },
    ],
  },
});
