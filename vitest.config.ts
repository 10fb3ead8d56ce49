import { defineConfig } from 'vitest/config';

/**
 * Three groups, run together by `npm test`:
 * unit (pure logic), integration (real server, Redis, clients), e2e (Chromium).
 * The global setup starts a private redis-server on a free port (unless REDIS_URL
 * is given) and builds the client once for the e2e tests.
 */
export default defineConfig({
  test: {
    globalSetup: ['test/helpers/global-setup.ts'],
    // A spawned server that logs an unhandled rejection fails the test that spawned it.
    setupFiles: ['test/helpers/fail-on-server-faults.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
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
