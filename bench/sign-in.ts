/**
 * Sign-in under attack: while 40 wrong sign-ins from one address wait for password
 * hashing, how long does the owner of another account, from another address, wait
 * to sign in? Once with the default hashing (two scrypt at a time, turns by address),
 * once with hashing unbounded (PASSWORD_HASH_CONCURRENCY=64: every hash at once on
 * libuv's four threads, as before the pool). The server runs in this process (as in
 * bench/voting.ts; the client side here is 41 HTTP requests); each request leaves from
 * its own loopback address (127.0.x.y), as from its own machine. Prints figures,
 * asserts nothing.
 */
import { request } from 'node:http';
import { pathToFileURL } from 'node:url';
import { startTestServer } from '../test/helpers/server';

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
  const server = await startTestServer({ demo: true, env: { PASSWORD_HASH_CONCURRENCY: String(concurrency) } });
  const owner: number[] = [];
  const attacker: number[] = [];
  const alone: number[] = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      // The same sign-in with nothing else going on: what one scrypt costs on this machine now.
      alone.push((await signIn(server.url, `127.0.3.${round}`, 'chair.productivity@forum.demo', 'forum-demo')).ms);
      const attack = Array.from({ length: ATTACK }, (_, i) => signIn(server.url, `127.0.1.${round}`, `guess${round}-${i}@forum.demo`, 'wrong-password'));
      await new Promise((resolve) => setTimeout(resolve, 300)); // the attack is queued
      const signedIn = await signIn(server.url, `127.0.2.${round}`, 'chair.productivity@forum.demo', 'forum-demo');
      if (signedIn.status !== 200) throw new Error(`the owner's sign-in answered ${signedIn.status}`);
      owner.push(signedIn.ms);
      const failed = await Promise.all(attack);
      attacker.push(Math.max(...failed.map((f) => f.ms)));
      log(`  hashing ${concurrency} at a time, round ${round}: alone ${alone.at(-1)!.toFixed(0)} ms, under attack ${signedIn.ms.toFixed(0)} ms; the ${ATTACK} failures done after ${Math.max(...failed.map((f) => f.ms)).toFixed(0)} ms (${failed.filter((f) => f.status === 401).length} × 401)`);
    }
  } finally {
    await server.close();
  }
  return { owner, attacker, alone };
}

export async function runSignIn(opts: { rounds?: number; log?: (line: string) => void } = {}) {
  const rounds = opts.rounds ?? 3;
  const log = opts.log ?? (() => {});
  const results = [];
  for (const concurrency of [2, 64]) {
    const { owner, attacker, alone } = await measure(concurrency, rounds, log);
    const line = `hashing ${concurrency === 2 ? '2 at a time, fair by address (default)' : 'unbounded (64)'}: owner's sign-in under attack median ${median(owner).toFixed(0)} ms (${owner.map((m) => m.toFixed(0)).join(', ')}), alone median ${median(alone).toFixed(0)} ms, attack drained median ${median(attacker).toFixed(0)} ms`;
    log(line);
    results.push({ concurrency, owner, attacker, alone });
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const quick = process.argv.includes('--quick');
  await runSignIn({ rounds: quick ? 1 : 3, log: (line) => console.log(line) });
}
