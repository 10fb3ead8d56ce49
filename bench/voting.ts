/**
 * Voting: a poll with V voters, all checked in to a live meeting, each casting one ballot at the
 * same moment over their own Socket.IO connection. The poll is open to a role (staff), as most
 * polls are; voters of earlier steps stay eligible without voting, so only the turnout differs.
 * Prints ballots stored per second and the time from emitting `poll:cast` to its acknowledgement
 * (which the server sends only once the ballot is stored), and checks that the closed poll counts
 * exactly V ballots.
 *
 * Three kinds of process: this one only orchestrates; the server runs in its own
 * (bench/voting-server.ts: the real forum, which also seats the voters without password hashes);
 * the voters are spread over two load-generator processes (bench/voting-voters.ts), so neither
 * the server nor the clients share an event loop with anything else.
 *
 *   npx tsx bench/voting.ts                          # ladder 10,100,500,1000, in-memory ephemeral state
 *   VOTING_LADDER=1000 VOTING_RUNS=5 npx tsx bench/voting.ts   # five fresh servers; medians and range
 *   VOTING_REDIS=1 npx tsx bench/voting.ts           # through a throwaway redis-server (Socket.IO adapter, presence)
 *   REDIS_URL=redis://127.0.0.1:6380 npx tsx bench/voting.ts   # through that Redis
 *   DATABASE_URL=postgres://… npx tsx bench/voting.ts          # on PostgreSQL instead of SQLite
 *   VOTING_PROFILE_DIR=/tmp/prof npx tsx bench/voting.ts       # the server writes a CPU profile there
 *   VOTING_FLOOR=1 npx tsx bench/voting.ts           # the floor: a bare Socket.IO server that acks at once (voting-floor-server.ts)
 *
 * It prints figures (and one `RESULT {json}` line per step, for scripts); the only failure it
 * reports is a count mismatch.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cpuProfileFlags, serverNodeFlags } from '../test/helpers/process';
import { startRedis } from '../test/helpers/redis';
import { cpuSeconds } from './sync-targets';
import { Child, monotonicMs, type CastReport, type Seated, type ServerRequest, type VotersRequest } from './voting-ipc';

export interface VotingOptions {
  /** Voter counts to measure, in increasing order. */
  ladder?: number[];
  /** Fresh server processes, each running the whole ladder; figures are medians over them. */
  runs?: number;
  /** Load-generator processes (default 2). */
  generators?: number;
  redisUrl?: string;
  log?: (line: string) => void;
}

export interface VotingStep {
  voters: number;
  /** Acknowledged ballots. */
  acked: number;
  refused: Record<string, number>;
  /** Ballots in the closed poll's result. */
  counted: number;
  exact: boolean;
  /** From the first emit to the last acknowledgement, over all generators. */
  wallMs: number;
  ballotsPerSecond: number;
  castToAck: { p50: number; p99: number; max: number };
  /**
   * The server's CPU time (user + system) from just before the ballots to the last acknowledgement,
   * ms: what the burst cost it, which a busy machine stretches far less than the latencies.
   */
  serverCpuMs: number;
  connectMs: number;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
const round = (n: number) => Math.round(n * 10) / 10;
const median = (values: number[]) => quantile([...values].sort((a, b) => a - b), 0.5);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the ladder `runs` times, each on a fresh server, and returns every step of every run. */
export async function runVoting({
  ladder = [10, 100, 500, 1000],
  runs = 1,
  generators = 2,
  redisUrl = process.env.REDIS_URL,
  log = console.log,
}: VotingOptions = {}): Promise<VotingStep[]> {
  const steps: VotingStep[] = [];
  for (let run = 1; run <= runs; run++) {
    if (runs > 1) log(`run ${run} of ${runs}`);
    steps.push(...(await runOnce(ladder, generators, redisUrl, log)));
  }
  if (runs > 1) {
    log('medians over the runs (min–max):');
    for (const voters of ladder) {
      const of = steps.filter((s) => s.voters === voters);
      const spread = (f: (s: VotingStep) => number) => {
        const values = of.map(f);
        return `${round(median(values))} (${round(Math.min(...values))}–${round(Math.max(...values))})`;
      };
      log(
        `${String(voters).padStart(6)} voters: p50 ${spread((s) => s.castToAck.p50)} ms, p99 ${spread((s) => s.castToAck.p99)} ms, ` +
          `${spread((s) => Math.round(s.ballotsPerSecond))} ballots/s, server CPU ${spread((s) => s.serverCpuMs)} ms, exact ${of.filter((s) => s.exact).length}/${of.length}`,
      );
    }
  }
  return steps;
}

async function runOnce(ladder: number[], generators: number, redisUrl: string | undefined, log: (line: string) => void): Promise<VotingStep[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'forum-bench-voting-'));
  const server = Child.fork<ServerRequest>(process.env.VOTING_FLOOR ? 'voting-floor-server.ts' : 'voting-server.ts', { DATA_DIR: dataDir, ...(redisUrl ? { REDIS_URL: redisUrl } : {}) }, [...serverNodeFlags, ...cpuProfileFlags(process.env.VOTING_PROFILE_DIR, 200)]);
  const voters = Array.from({ length: generators }, () => Child.fork<VotersRequest>('voting-voters.ts', {}));
  const steps: VotingStep[] = [];
  try {
    const started = (await server.ready) as { url: string; store: string; ephemeral: string };
    await Promise.all(voters.map((v) => v.ready));
    log(`voting bench: server in its own process (store ${started.store}, ephemeral ${started.ephemeral}), ${generators} load generators`);
    log('voters  acked  counted  exact  ballots/s  p50 ms  p99 ms  max ms  server CPU ms  (connect ms)');
    for (const n of ladder) {
      const step = await runStep(server, voters, started.url, n);
      steps.push(step);
      log(
        [
          String(step.voters).padStart(6),
          String(step.acked).padStart(6),
          String(step.counted).padStart(8),
          (step.exact ? 'yes' : 'NO').padStart(6),
          String(Math.round(step.ballotsPerSecond)).padStart(10),
          String(step.castToAck.p50).padStart(7),
          String(step.castToAck.p99).padStart(7),
          String(step.castToAck.max).padStart(7),
          String(step.serverCpuMs).padStart(14),
          `  (${step.connectMs})`,
        ].join(' '),
      );
      log(`RESULT ${JSON.stringify(step)}`);
      if (!step.exact) log(`COUNT MISMATCH at ${n} voters: ${step.acked} acknowledged, ${step.counted} counted, refused ${JSON.stringify(step.refused)}`);
    }
  } finally {
    await Promise.all([...voters.map((v) => v.stop()), server.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  }
  return steps;
}

async function runStep(server: Child<ServerRequest>, generators: Child<VotersRequest>[], url: string, n: number): Promise<VotingStep> {
  const seated = await server.ask<Seated>({ type: 'seat', voters: n });
  // Opened before the voters connect: watching a draft resolves its eligible voters for each watcher.
  await server.ask({ type: 'open', pollId: seated.pollId });
  // Contiguous shares, so that each voter's index (and with it, its choice) is the same in every run.
  const share = Math.ceil(n / generators.length);
  const connectStart = performance.now();
  await Promise.all(
    generators.map((g, i) =>
      g.ask({ type: 'connect', url, meetingId: seated.meetingId, tokens: seated.tokens.slice(i * share, (i + 1) * share), offset: i * share }),
    ),
  );
  const connectMs = Math.round(performance.now() - connectStart);
  await settle(server);
  try {
    const cpuAt = cpuSeconds(server.pid);
    const at = monotonicMs() + 100;
    const reports = await Promise.all(generators.map((g) => g.ask<CastReport>({ type: 'cast', pollId: seated.pollId, at })));
    const serverCpuMs = Math.round((cpuSeconds(server.pid) - cpuAt) * 1000);
    const counted = await server.ask<number>({ type: 'close', pollId: seated.pollId });
    const latencies = reports.flatMap((r) => r.latencies).sort((a, b) => a - b);
    const acked = reports.reduce((sum, r) => sum + r.acked, 0);
    const refused: Record<string, number> = {};
    for (const r of reports) for (const [reason, count] of Object.entries(r.refused)) refused[reason] = (refused[reason] ?? 0) + count;
    const wallMs = Math.max(...reports.map((r) => r.lastAck)) - Math.min(...reports.map((r) => r.firstEmit));
    return {
      voters: n,
      acked,
      refused,
      counted,
      exact: counted === n && acked === n,
      wallMs: round(wallMs),
      ballotsPerSecond: (acked / wallMs) * 1000,
      castToAck: { p50: round(quantile(latencies, 0.5)), p99: round(quantile(latencies, 0.99)), max: round(latencies.at(-1) ?? 0) },
      serverCpuMs,
      connectMs,
    };
  } finally {
    await Promise.all(generators.map((g) => g.ask({ type: 'disconnect' })));
  }
}

/**
 * Waits until the server answers at once three times in a row, at most 60 s: connecting V voters
 * leaves it presence work (with Redis, for tens of seconds under load), which must not be measured
 * as the ballots' wait.
 */
async function settle(server: Child<ServerRequest>): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (let quick = 0; quick < 3 && Date.now() < deadline; ) {
    await sleep(250);
    const sent = performance.now();
    await server.ask({ type: 'ping' });
    quick = performance.now() - sent < 50 ? quick + 1 : 0;
  }
}

async function main(): Promise<void> {
  const ladder = process.env.VOTING_LADDER?.split(',').map(Number).filter((n) => n > 0);
  const runs = Number(process.env.VOTING_RUNS ?? 1);
  const redis = !process.env.REDIS_URL && process.env.VOTING_REDIS ? await startRedis() : undefined;
  try {
    await runVoting({ ladder, runs, redisUrl: process.env.REDIS_URL ?? redis?.url });
  } finally {
    await redis?.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
