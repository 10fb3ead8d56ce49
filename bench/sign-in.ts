/**
 * Sign-in under attack: while 40 wrong sign-ins from one address wait for password
 * hashing, how long does the owner of another account, from another address, wait
 * to sign in? Once with the default hashing (two scrypt at a time, turns by address),
 * once with hashing unbounded (PASSWORD_HASH_CONCURRENCY=64: every hash at once on
 * libuv's four threads, as before the pool). The server is `server/main.ts --demo`
 * in its own process; each request leaves from its own loopback address (127.0.x.y),
 * as from its own machine. Prints figures, asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnServer } from '../test/helpers/process';

const ATTACK = 40;

function signIn(url: string, from: string, email: string, password: string): Promise<{ status: number; ms: number }> {
  const target = new URL('/api/auth/login', url);
  const body = JSON.stringify({ email, password });
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', localAddress: from, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** One server, `rounds` attacks, each from a fresh address; the owner's latency in each. */
async function measure(concurrency: number, rounds: number, log: (line: string) => void) {
  const dataDir = mkdtempSync(join(tmpdir(), 'forum-bench-'));
  const server = await spawnServer({ DATA_DIR: dataDir, LOG_LEVEL: 'error', PASSWORD_HASH_CONCURRENCY: String(concurrency) });
  const owner: number[] = [];
  const attacker: number[] = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      const attack = Array.from({ length: ATTACK }, (_, i) => signIn(server.url, `127.0.1.${round}`, `guess${round}-${i}@forum.demo`, 'wrong-password'));
      await new Promise((resolve) => setTimeout(resolve, 300)); // the attack is queued
      const signedIn = await signIn(server.url, `127.0.2.${round}`, 'chair.productivity@forum.demo', 'forum-demo');
      if (signedIn.status !== 200) throw new Error(`the owner's sign-in answered ${signedIn.status}`);
      owner.push(signedIn.ms);
      const failed = await Promise.all(attack);
      attacker.push(Math.max(...failed.map((f) => f.ms)));
      log(`  hashing ${concurrency} at a time, round ${round}: owner ${signedIn.ms.toFixed(0)} ms; the ${ATTACK} failures done after ${Math.max(...failed.map((f) => f.ms)).toFixed(0)} ms (${failed.filter((f) => f.status === 401).length} × 401)`);
    }
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { owner, attacker };
}

export async function runSignIn(opts: { rounds?: number; log?: (line: string) => void } = {}) {
  const rounds = opts.rounds ?? 3;
  const log = opts.log ?? (() => {});
  const results = [];
  for (const concurrency of [2, 64]) {
    const { owner, attacker } = await measure(concurrency, rounds, log);
    const line = `hashing ${concurrency === 2 ? '2 at a time, turns by address (default)' : 'unbounded (64)'}: owner's sign-in median ${median(owner).toFixed(0)} ms (${owner.map((m) => m.toFixed(0)).join(', ')}), attack drained median ${median(attacker).toFixed(0)} ms`;
    log(line);
    results.push({ concurrency, owner, attacker });
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const quick = process.argv.includes('--quick');
  await runSignIn({ rounds: quick ? 1 : 3, log: (line) => console.log(line) });
}
