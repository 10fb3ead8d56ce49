import { afterAll, afterEach } from 'vitest';
import { takeServerFaults } from './process';

/**
 * Every test file runs this (vitest.config.ts, setupFiles): a server process spawned by a
 * test that logs an unhandled rejection fails that test, whatever the test itself asserts.
 * An in-process server needs no such guard: Vitest fails the run on an unhandled rejection.
 */
function check() {
  const faults = takeServerFaults();
  if (faults.length) throw new Error(`a server process logged an unhandled rejection:\n${faults.join('\n')}`);
}
afterEach(check);
afterAll(check);
