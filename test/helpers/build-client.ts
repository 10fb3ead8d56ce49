import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureClientBuilt as buildIfStale } from '../../server/build-client';

/** The built client the tests' servers serve (the server's own default). */
export const builtClientDir = join(process.cwd(), 'dist/client');

/** Held while one test process builds; beside dist/client, since `vite build` empties that. */
const buildLock = join(process.cwd(), 'dist/.client-build.lock');

/**
 * Builds dist/client with `vite build` when it is missing or older than any
 * file in client/ or shared/ (the rule the server itself uses on `npm start`).
 * Test files run side by side in several processes: the first builds, under a lock, and
 * the others wait for it and then find the build fresh, so a run builds the client once.
 */
export async function ensureClientBuilt(): Promise<void> {
  await holding(buildLock, () => buildIfStale({ info: (message: string) => console.info(message) }));
}

/** Runs `work` holding a lock between processes: a directory, which only one can make. */
async function holding<T>(lock: string, work: () => Promise<T>): Promise<T> {
  mkdirSync(dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (abandoned(lock)) rmSync(lock, { recursive: true, force: true });
    else await sleep(250);
  }
  writeFileSync(join(lock, 'pid'), String(process.pid));
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** A lock whose holder is gone (a run killed while building); one without a pid yet is being taken. */
function abandoned(lock: string): boolean {
  try {
    process.kill(Number(readFileSync(join(lock, 'pid'), 'utf8')), 0);
    return false;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ESRCH') return true;
    if (code !== 'ENOENT') return false;
    try {
      return Date.now() - statSync(lock).mtimeMs > 10_000;
    } catch {
      return false; // released meanwhile
    }
  }
}
