/**
 * Sync benchmark: one Yjs document, E editors typing at a steady rate and F read-only
 * followers, against our document server and against the reference `@y/websocket-server`
 * 0.1.1 in the same invocation. For each ladder step it prints delivery latency (from an
 * editor's local change to each other client receiving it), updates delivered per
 * second, whether every client ended with the same text, and the server's CPU seconds
 * and peak RSS, with the ratio ours / reference.
 *
 * Every run of a step gets a fresh server process (ours: `server/main.ts --demo` on an
 * empty SQLite directory, persisting every update before forwarding it; editors sign in
 * as ministry staff and are writers, followers as the observer and are readers) and
 * fresh load-generator processes (bench/sync-worker.ts, lean y-websocket clients, see
 * bench/sync-client.ts). This process only orchestrates.
 *
 *   npx tsx bench/sync.ts                      # both ladders, ~8 minutes
 *   npx tsx bench/sync.ts --quick              # smoke run, under a minute
 *   npx tsx bench/sync.ts --followers 0,1000 --editors 100 --duration 5 --target ours
 *
 * It prints figures and asserts nothing.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { ClientPlan, ParentToWorker, WorkerReport, WorkerToParent } from './sync-protocol';
import { Histogram, nowMicros } from './sync-stats';
import { cpuSeconds, peakRssMb, resetPeakRss, startTarget, type Target, type TargetName } from './sync-targets';

export interface SyncOptions {
  /** Follower counts of the first ladder, typed at by `followerLadderEditors` editors. */
  followers?: number[];
  followerLadderEditors?: number;
  /** Editor counts of the second ladder, without followers. */
  editors?: number[];
  /** Seconds of typing per step. */
  durationS?: number;
  /** Each editor inserts a marker every min…max ms. */
  intervalMs?: [number, number];
  /** Longest wait after typing for the last deliveries, seconds. */
  drainS?: number;
  /** Load-generator processes; by default 1 up to 100 clients, 2 above. */
  workers?: number;
  targets?: TargetName[];
  /** Short ladders and steps, for a smoke run. */
  quick?: boolean;
  log?: (line: string) => void;
}

export interface SyncRun {
  target: TargetName;
  editors: number;
  followers: number;
  connected: number;
  workers: number;
  connectMs: number;
  /** Markers typed, and their deliveries to other clients: received of expected. */
  sent: number;
  delivered: number;
  expected: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  deliveredPerSecond: number;
  converged: boolean;
  /** Why it did not converge (or what else went wrong). */
  note: string;
  serverCpuSeconds: number;
  serverPeakRssMb: number;
  generatorCpuSeconds: number;
  /** Typing plus drain, seconds. */
  wallSeconds: number;
}

export interface SyncStep {
  editors: number;
  followers: number;
  runs: Partial<Record<TargetName, SyncRun>>;
}

const quietMs = 500;
const connectConcurrency = 25;

/** Runs both ladders against each target; returns every run. */
export async function runSync(options: SyncOptions = {}): Promise<SyncStep[]> {
  const quick = options.quick ?? false;
  const o = {
    followers: options.followers ?? (quick ? [0, 100] : [0, 100, 500, 1000]),
    followerLadderEditors: options.followerLadderEditors ?? 6,
    editors: options.editors ?? (quick ? [10, 50] : [10, 50, 100, 250, 500]),
    durationS: options.durationS ?? (quick ? 3 : 10),
    intervalMs: options.intervalMs ?? ([100, 200] as [number, number]),
    drainS: options.drainS ?? (quick ? 5 : 15),
    targets: options.targets ?? (['ours', 'reference'] as TargetName[]),
    log: options.log ?? (() => {}),
  };
  const shapes = [
    ...o.followers.map((followers) => ({ editors: o.followerLadderEditors, followers })),
    ...o.editors.map((editors) => ({ editors, followers: 0 })),
  ];
  o.log(
    `sync: ${o.durationS} s of typing per step, each editor every ${o.intervalMs[0]}–${o.intervalMs[1]} ms; ` +
      `fresh server and load-generator processes per run`,
  );
  const steps: SyncStep[] = [];
  for (const shape of shapes) {
    const step: SyncStep = { ...shape, runs: {} };
    o.log(`E=${shape.editors} F=${shape.followers}`);
    for (const name of o.targets) {
      const run = await runOnce(name, shape.editors, shape.followers, { ...o, workers: options.workers });
      step.runs[name] = run;
      o.log(`  ${name.padEnd(10)} ${describe(run)}`);
    }
    const { ours, reference } = step.runs;
    if (ours && reference) o.log(`  ${'ours/ref'.padEnd(10)} ${describeRatios(ours, reference)}`);
    steps.push(step);
  }
  return steps;
}

interface RunSettings {
  durationS: number;
  intervalMs: [number, number];
  drainS: number;
  workers: number | undefined;
}

async function runOnce(name: TargetName, editors: number, followers: number, s: RunSettings): Promise<SyncRun> {
  const target = await startTarget(name);
  const workers: WorkerHandle[] = [];
  try {
    const urls = await target.openDocument(`Sync benchmark E${editors} F${followers}`);
    const plans: ClientPlan[] = [
      ...Array.from({ length: editors }, (_, i): ClientPlan => ({ index: i, role: 'editor', url: urls.editorUrl })),
      ...Array.from({ length: followers }, (_, i): ClientPlan => ({ index: editors + i, role: 'follower', url: urls.followerUrl })),
    ];
    const count = s.workers ?? (plans.length > 100 ? 2 : 1);
    for (let w = 0; w < count; w++) workers.push(WorkerHandle.fork());
    resetPeakRss(target.pid);

    // Round-robin, so that each worker holds its share of editors and of followers.
    workers.forEach((w, k) =>
      w.send({ type: 'connect', clients: plans.filter((_, i) => i % count === k), concurrency: connectConcurrency }),
    );
    const ready = await Promise.all(workers.map((w) => w.next('ready', 120_000)));
    const connected = sum(ready.map((r) => r.connected));

    const cpuBefore = cpuSeconds(target.pid);
    const startedAt = nowMicros();
    for (const w of workers) w.send({ type: 'type', durationMs: s.durationS * 1000, intervalMs: s.intervalMs });
    const sent = sum((await Promise.all(workers.map((w) => w.next('typed', s.durationS * 1000 + 60_000)))).map((t) => t.sent));
    // Every marker reaches every connected client but its author.
    const expected = sent * (connected - 1);
    const drained = await drain(workers, expected, nowMicros() + s.drainS * 1e6);
    const cpuAfter = cpuSeconds(target.pid);
    const endedAt = nowMicros();
    const peak = peakRssMb(target.pid);
    await sleep(quietMs);

    for (const w of workers) w.send({ type: 'finish' });
    const reports = await Promise.all(workers.map((w) => w.next('report', 120_000)));
    return summarize({ name, editors, followers, connected, workers: count, sent, expected, drained, startedAt, endedAt, reports, ready });
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await target.stop();
    void cpuAfterUnused;
  }

  function summarize(r: {
    name: TargetName;
    editors: number;
    followers: number;
    connected: number;
    workers: number;
    sent: number;
    expected: number;
    drained: boolean;
    startedAt: number;
    endedAt: number;
    reports: WorkerReport[];
    ready: { connected: number; failed: number; ms: number }[];
  }): SyncRun {
    throw new Error('replaced below');
  }
}
