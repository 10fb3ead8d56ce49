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
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { ClientPlan, WorkerReport } from './sync-protocol';
import { describe, describeRatios, medianRun, saveSyncResults, syncTable, type SyncRun, type SyncStep } from './sync-report';
import { Histogram, nowMicros } from './sync-stats';
import { cpuSeconds, kernelThreadCpuSeconds, machineCpuSeconds, peakRssMb, resetPeakRss, startTarget, type TargetName } from './sync-targets';
import { describeTrace, summarizeTrace, traceDirFor } from './sync-trace';
import { WorkerHandle } from './sync-workers';

export { saveSyncResults, syncTable, type SyncRun, type SyncStep };

export interface SyncOptions {
  /** Follower counts of the first ladder, typed at by `followerLadderEditors` editors. */
  followers?: number[];
  followerLadderEditors?: number;
  /** Editor counts of the second ladder, without followers. */
  editors?: number[];
  /** Seconds of typing per step that are timed. */
  durationS?: number;
  /**
   * Seconds of typing before that: delivered and checked for convergence, not timed. A fresh
   * server process spends them compiling its hot paths and collecting its start-up garbage.
   */
  warmupS?: number;
  /** Each editor inserts a marker every min…max ms. */
  intervalMs?: [number, number];
  /** Longest wait after typing for the last deliveries, seconds. */
  drainS?: number;
  /** Load-generator processes; by default 1 below 100 clients, 2 from 100. */
  workers?: number;
  targets?: TargetName[];
  /** Runs of each step per target; figures are then the medians over the runs. */
  repeat?: number;
  /**
   * Before each run, wait up to this many seconds for other processes on the machine to
   * use less than a quarter of a core (a shared machine makes tails noisy). 0: don't wait.
   */
  settleS?: number;
  /** Short ladders and steps, for a smoke run. */
  quick?: boolean;
  log?: (line: string) => void;
}

const quietMs = 500;
const connectConcurrency = 25;

/** Runs both ladders against each target; returns every run. */
export async function runSync(options: SyncOptions = {}): Promise<SyncStep[]> {
  const quick = options.quick ?? false;
  const o = {
    followers: options.followers ?? (quick ? [100] : [0, 100, 500, 1000]),
    followerLadderEditors: options.followerLadderEditors ?? 6,
    editors: options.editors ?? (quick ? [10, 50] : [10, 50, 100, 250, 500]),
    durationS: options.durationS ?? (quick ? 3 : 10),
    warmupS: options.warmupS ?? (quick ? 1 : 3),
    intervalMs: options.intervalMs ?? ([100, 200] as [number, number]),
    drainS: options.drainS ?? (quick ? 5 : 15),
    targets: options.targets ?? (['ours', 'reference'] as TargetName[]),
    repeat: options.repeat ?? 1,
    settleS: options.settleS ?? 0,
    log: options.log ?? (() => {}),
  };
  const shapes = [
    ...o.followers.map((followers) => ({ editors: o.followerLadderEditors, followers })),
    ...o.editors.map((editors) => ({ editors, followers: 0 })),
  ];
  o.log(
    `sync: ${o.warmupS} s of warm-up and ${o.durationS} s of timed typing per step, each editor every ${o.intervalMs[0]}–${o.intervalMs[1]} ms; ` +
      `fresh server and load-generator processes per run`,
  );
  const steps: SyncStep[] = [];
  for (const shape of shapes) steps.push(await runStep(shape.editors, shape.followers, { ...o, workers: options.workers }));
  return steps;
}

interface StepSettings extends RunSettings {
  targets: TargetName[];
  repeat: number;
  settleS: number;
  log: (line: string) => void;
}

/** One step against every target, `repeat` times; with repeats, each figure is the median. */
async function runStep(editors: number, followers: number, o: StepSettings): Promise<SyncStep> {
  const step: SyncStep = { editors, followers, runs: {}, repeats: {} };
  o.log(`E=${editors} F=${followers}`);
  for (let rep = 0; rep < o.repeat; rep++) {
    // Alternate which server goes first, so that drift in the machine's load falls on both.
    const order = rep % 2 ? [...o.targets].reverse() : o.targets;
    for (const name of order) {
      await settle(o.settleS, o.log);
      const run = await runOnce(name, editors, followers, o);
      (step.repeats[name] ??= []).push(run);
      o.log(`  ${(o.repeat > 1 ? `${name} #${rep + 1}` : name).padEnd(13)} ${describe(run)}`);
      if (run.trace) o.log(`  ${''.padEnd(13)} ${describeTrace(run.trace)}`);
    }
  }
  for (const name of o.targets) {
    const runs = step.repeats[name]!;
    step.runs[name] = runs.length > 1 ? medianRun(runs) : runs[0]!;
    if (runs.length > 1) o.log(`  ${`${name} median`.padEnd(13)} ${describe(step.runs[name])}`);
  }
  const { ours, reference } = step.runs;
  if (ours && reference) o.log(`  ${'ours/ref'.padEnd(13)} ${describeRatios(ours, reference)}`);
  return step;
}

interface RunSettings {
  durationS: number;
  warmupS: number;
  intervalMs: [number, number];
  drainS: number;
  workers: number | undefined;
}

/** One step against one target: fresh server, fresh workers, connect, type, drain, compare. */
async function runOnce(name: TargetName, editors: number, followers: number, s: RunSettings): Promise<SyncRun> {
  const traceDir = traceDirFor(`E${editors}-F${followers}-${name}`);
  const target = await startTarget(name, traceDir);
  const workers: WorkerHandle[] = [];
  let run: SyncRun;
  let measureFrom: number;
  try {
    const urls = await target.openDocument(`Sync benchmark E${editors} F${followers}`);
    const plans: ClientPlan[] = [
      ...Array.from({ length: editors }, (_, i): ClientPlan => ({ index: i, role: 'editor', url: urls.editorUrl })),
      ...Array.from({ length: followers }, (_, i): ClientPlan => ({ index: editors + i, role: 'follower', url: urls.followerUrl })),
    ];
    const count = s.workers ?? (plans.length >= 100 ? 2 : 1);
    for (let w = 0; w < count; w++) workers.push(WorkerHandle.fork(traceDir));
    resetPeakRss(target.pid);

    // Round-robin, so that each worker holds its share of editors and of followers.
    workers.forEach((w, k) => w.send({ type: 'connect', clients: plans.filter((_, i) => i % count === k), concurrency: connectConcurrency }));
    const ready = await Promise.all(workers.map((w) => w.next('ready', 180_000)));
    const window = await typeAndDrain(workers, target.pid, sum(ready.map((r) => r.connected)), s);

    for (const w of workers) w.send({ type: 'finish' });
    const reports = await Promise.all(workers.map((w) => w.next('report', 180_000)));
    run = summarize({ target: name, editors, followers, workers: count }, ready, window, reports);
    measureFrom = window.startedAt + s.warmupS * 1e6;
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await target.stop();
  }
  // The processes write their trace as they exit.
  if (traceDir) run.trace = summarizeTrace(traceDir, measureFrom) ?? undefined;
  return run;
}

/** What happened from the start of typing to the end of the quiet period, seen from outside the workers. */
interface Window {
  startedAt: number;
  endedAt: number;
  sent: number;
  expected: number;
  drained: boolean;
  serverCpuSeconds: number;
  serverPeakRssMb: number;
  /** Everything the machine ran meanwhile, and the kernel threads' and this process's share of it. */
  machineCpuSeconds: number;
  kernelCpuSeconds: number;
  selfCpuSeconds: number;
}

async function typeAndDrain(workers: WorkerHandle[], serverPid: number, connected: number, s: RunSettings): Promise<Window> {
  const cpuBefore = cpuSeconds(serverPid);
  const machineBefore = machineCpuSeconds();
  const kernelBefore = kernelThreadCpuSeconds();
  const selfBefore = process.cpuUsage();
  const startedAt = nowMicros() + 100_000; // every worker has the message by then
  const typingMs = (s.warmupS + s.durationS) * 1000;
  const measureFrom = startedAt + s.warmupS * 1e6;
  for (const w of workers) w.send({ type: 'type', from: startedAt, measureFrom, durationMs: typingMs, intervalMs: s.intervalMs });
  const typed = await Promise.all(workers.map((w) => w.next('typed', typingMs + 60_000)));
  const sent = sum(typed.map((t) => t.sent));
  // Every marker is due at every connected client but its author.
  const expected = sent * (connected - 1);
  const drained = await drain(workers, expected, nowMicros() + s.drainS * 1e6);
  await sleep(quietMs);
  const self = process.cpuUsage(selfBefore);
  return {
    startedAt,
    endedAt: nowMicros(),
    sent,
    expected,
    drained,
    serverCpuSeconds: cpuSeconds(serverPid) - cpuBefore,
    serverPeakRssMb: peakRssMb(serverPid),
    machineCpuSeconds: machineCpuSeconds() - machineBefore,
    kernelCpuSeconds: kernelThreadCpuSeconds() - kernelBefore,
    selfCpuSeconds: (self.user + self.system) / 1e6,
  };
}

/** Merges the workers' reports into the run's figures, and says why it did not converge if it did not. */
function summarize(
  run: Pick<SyncRun, 'target' | 'editors' | 'followers' | 'workers'>,
  ready: { connected: number; failed: number; ms: number }[],
  w: Window,
  reports: WorkerReport[],
): SyncRun {
  const latency = new Histogram();
  for (const r of reports) latency.merge(r.latency);
  const delivered = sum(reports.map((r) => r.delivered));
  const lastDeliveryAt = Math.max(...reports.map((r) => r.lastDeliveryAt));
  const states = mergeCounts(reports.map((r) => r.states));
  const dropped = sum(reports.map((r) => r.dropped));
  const failed = sum(ready.map((r) => r.failed));
  const minMarkers = Math.min(...reports.map((r) => r.markers.min));
  const maxMarkers = Math.max(...reports.map((r) => r.markers.max));
  const closeCodes = Object.entries(mergeCounts(reports.map((r) => r.closeCodes))).map(([code, n]) => `${n}× ${code}`);
  const notes = [
    failed > 0 && `${failed} clients failed to connect`,
    dropped > 0 && `${dropped} clients dropped (${closeCodes.join(', ')})`,
    !w.drained && `drain timed out: ${w.expected - delivered} deliveries missing`,
    Object.keys(states).length > 1 && `${Object.keys(states).length} different final texts`,
    (minMarkers !== w.sent || maxMarkers !== w.sent) && `final texts hold ${minMarkers}–${maxMarkers} of ${w.sent} markers`,
  ].filter((n): n is string => typeof n === 'string');
  const generatorCpuSeconds = sum(reports.map((r) => r.cpuSeconds));
  return {
    ...run,
    connected: sum(ready.map((r) => r.connected)),
    connectMs: Math.max(...ready.map((r) => r.ms)),
    sent: w.sent,
    delivered,
    expected: w.expected,
    latencyMs: { p50: latency.percentileMs(50), p95: latency.percentileMs(95), p99: latency.percentileMs(99), max: latency.percentileMs(100) },
    deliveredPerSecond: lastDeliveryAt > w.startedAt ? delivered / ((lastDeliveryAt - w.startedAt) / 1e6) : 0,
    converged: notes.length === 0 && delivered === w.expected,
    note: notes.join('; '),
    serverCpuSeconds: w.serverCpuSeconds,
    serverPeakRssMb: w.serverPeakRssMb,
    generatorCpuSeconds,
    kernelCpuSeconds: w.kernelCpuSeconds,
    otherCpuSeconds: Math.max(0, w.machineCpuSeconds - w.serverCpuSeconds - generatorCpuSeconds - w.kernelCpuSeconds - w.selfCpuSeconds),
    wallSeconds: (w.endedAt - w.startedAt) / 1e6,
  };
}

/** Waits (up to `maxS`) until the machine's other load falls below a quarter of a core over one second. */
async function settle(maxS: number, log: (line: string) => void): Promise<void> {
  if (maxS <= 0) return;
  const deadline = Date.now() + maxS * 1000;
  for (;;) {
    const before = machineCpuSeconds();
    await sleep(1000);
    const busy = machineCpuSeconds() - before;
    if (busy < 0.25) return;
    if (Date.now() > deadline) {
      log(`  (the machine is still busy: ${busy.toFixed(2)} cores in use by other processes; running anyway)`);
      return;
    }
  }
}

/** Polls the workers until every expected delivery arrived or the deadline passed. */
async function drain(workers: WorkerHandle[], expected: number, deadline: number): Promise<boolean> {
  for (;;) {
    for (const w of workers) w.send({ type: 'progress' });
    const progress = await Promise.all(workers.map((w) => w.next('progress', 30_000)));
    if (sum(progress.map((p) => p.delivered)) >= expected) return true;
    if (nowMicros() > deadline) return false;
    await sleep(100);
  }
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mergeCounts = (all: Record<string, number>[]) => {
  const out: Record<string, number> = {};
  for (const counts of all) for (const [k, n] of Object.entries(counts)) out[k] = (out[k] ?? 0) + n;
  return out;
};
const list = (v: string | undefined) => v?.split(',').filter(Boolean).map(Number);

async function main() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      followers: { type: 'string' },
      'follower-editors': { type: 'string' },
      editors: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      interval: { type: 'string' },
      drain: { type: 'string' },
      workers: { type: 'string' },
      target: { type: 'string' },
      repeat: { type: 'string' },
      settle: { type: 'string' },
      json: { type: 'string' },
    },
  });
  const interval = values.interval?.split('-').map(Number);
  if (values.target && !['ours', 'reference', 'both'].includes(values.target)) throw new Error(`--target is ours, reference or both, not ${values.target}`);
  const started = Date.now();
  const steps = await runSync({
    quick: values.quick,
    followers: list(values.followers),
    followerLadderEditors: values['follower-editors'] ? Number(values['follower-editors']) : undefined,
    editors: list(values.editors),
    durationS: values.duration ? Number(values.duration) : undefined,
    warmupS: values.warmup ? Number(values.warmup) : undefined,
    intervalMs: interval ? [interval[0]!, interval[1] ?? interval[0]!] : undefined,
    drainS: values.drain ? Number(values.drain) : undefined,
    workers: values.workers ? Number(values.workers) : undefined,
    repeat: values.repeat ? Number(values.repeat) : undefined,
    settleS: values.settle ? Number(values.settle) : undefined,
    targets: values.target && values.target !== 'both' ? [values.target as TargetName] : undefined,
    log: (line) => console.log(line),
  });
  console.log(`\n${syncTable(steps)}\n\n(${Math.round((Date.now() - started) / 1000)} s in all)`);
  console.log(`figures written to ${saveSyncResults(steps, values.json)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
