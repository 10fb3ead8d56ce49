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
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { ClientPlan, ParentToWorker, WorkerToParent } from './sync-protocol';
import { Histogram, median, nowMicros } from './sync-stats';
import { cpuSeconds, machineCpuSeconds, peakRssMb, profileFlags, resetPeakRss, startTarget, type TargetName } from './sync-targets';

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
  /** CPU used meanwhile by processes that are neither (other work on the machine): noise. */
  otherCpuSeconds: number;
  /** Typing, drain and quiet period: the window the CPU figures cover, seconds. */
  wallSeconds: number;
}

export interface SyncStep {
  editors: number;
  followers: number;
  /** Per target: the run, or with repeats the median of each figure over the runs. */
  runs: Partial<Record<TargetName, SyncRun>>;
  /** Every run, when repeated. */
  repeats: Partial<Record<TargetName, SyncRun[]>>;
}

const quietMs = 500;
const cores = availableParallelism();
const connectConcurrency = 25;

/** Runs both ladders against each target; returns every run. */
export async function runSync(options: SyncOptions = {}): Promise<SyncStep[]> {
  const quick = options.quick ?? false;
  const o = {
    followers: options.followers ?? (quick ? [100] : [0, 100, 500, 1000]),
    followerLadderEditors: options.followerLadderEditors ?? 6,
    editors: options.editors ?? (quick ? [10, 50] : [10, 50, 100, 250, 500]),
    durationS: options.durationS ?? (quick ? 3 : 10),
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
    `sync: ${o.durationS} s of typing per step, each editor every ${o.intervalMs[0]}–${o.intervalMs[1]} ms; ` +
      `fresh server and load-generator processes per run`,
  );
  const steps: SyncStep[] = [];
  for (const shape of shapes) {
    const step: SyncStep = { ...shape, runs: {}, repeats: {} };
    o.log(`E=${shape.editors} F=${shape.followers}`);
    for (let rep = 0; rep < o.repeat; rep++) {
      // Alternate which server goes first, so that drift in the machine's load falls on both.
      const order = rep % 2 ? [...o.targets].reverse() : o.targets;
      for (const name of order) {
        await settle(o.settleS, o.log);
        const run = await runOnce(name, shape.editors, shape.followers, { ...o, workers: options.workers });
        (step.repeats[name] ??= []).push(run);
        o.log(`  ${(o.repeat > 1 ? `${name} #${rep + 1}` : name).padEnd(13)} ${describe(run)}`);
      }
    }
    for (const name of o.targets) {
      const runs = step.repeats[name]!;
      step.runs[name] = runs.length > 1 ? medianRun(runs) : runs[0]!;
      if (runs.length > 1) o.log(`  ${`${name} median`.padEnd(13)} ${describe(step.runs[name])}`);
    }
    const { ours, reference } = step.runs;
    if (ours && reference) o.log(`  ${'ours/ref'.padEnd(13)} ${describeRatios(ours, reference)}`);
    steps.push(step);
  }
  return steps;
}

/** Each figure's median over repeated runs of one step; converged only if every run did. */
function medianRun(runs: SyncRun[]): SyncRun {
  const m = (f: (r: SyncRun) => number) => median(runs.map(f));
  return {
    ...runs[0]!,
    connected: m((r) => r.connected),
    connectMs: m((r) => r.connectMs),
    sent: m((r) => r.sent),
    delivered: m((r) => r.delivered),
    expected: m((r) => r.expected),
    latencyMs: { p50: m((r) => r.latencyMs.p50), p95: m((r) => r.latencyMs.p95), p99: m((r) => r.latencyMs.p99), max: m((r) => r.latencyMs.max) },
    deliveredPerSecond: m((r) => r.deliveredPerSecond),
    converged: runs.every((r) => r.converged),
    note: [...new Set(runs.map((r) => r.note).filter(Boolean))].join(' / '),
    serverCpuSeconds: m((r) => r.serverCpuSeconds),
    serverPeakRssMb: m((r) => r.serverPeakRssMb),
    generatorCpuSeconds: m((r) => r.generatorCpuSeconds),
    otherCpuSeconds: m((r) => r.otherCpuSeconds),
    wallSeconds: m((r) => r.wallSeconds),
  };
}

interface RunSettings {
  durationS: number;
  intervalMs: [number, number];
  drainS: number;
  workers: number | undefined;
}

/** One step against one target: fresh server, fresh workers, connect, type, drain, compare. */
async function runOnce(name: TargetName, editors: number, followers: number, s: RunSettings): Promise<SyncRun> {
  const target = await startTarget(name);
  const workers: WorkerHandle[] = [];
  try {
    const urls = await target.openDocument(`Sync benchmark E${editors} F${followers}`);
    const plans: ClientPlan[] = [
      ...Array.from({ length: editors }, (_, i): ClientPlan => ({ index: i, role: 'editor', url: urls.editorUrl })),
      ...Array.from({ length: followers }, (_, i): ClientPlan => ({ index: editors + i, role: 'follower', url: urls.followerUrl })),
    ];
    const count = s.workers ?? (plans.length >= 100 ? 2 : 1);
    for (let w = 0; w < count; w++) workers.push(WorkerHandle.fork());
    resetPeakRss(target.pid);

    // Round-robin, so that each worker holds its share of editors and of followers.
    workers.forEach((w, k) => w.send({ type: 'connect', clients: plans.filter((_, i) => i % count === k), concurrency: connectConcurrency }));
    const ready = await Promise.all(workers.map((w) => w.next('ready', 180_000)));
    const connected = sum(ready.map((r) => r.connected));

    const cpuBefore = cpuSeconds(target.pid);
    const machineBefore = machineCpuSeconds();
    const selfBefore = process.cpuUsage();
    const startedAt = nowMicros() + 100_000; // every worker has the message by then
    for (const w of workers) w.send({ type: 'type', from: startedAt, durationMs: s.durationS * 1000, intervalMs: s.intervalMs });
    const typed = await Promise.all(workers.map((w) => w.next('typed', s.durationS * 1000 + 60_000)));
    const sent = sum(typed.map((t) => t.sent));
    // Every marker is due at every connected client but its author.
    const expected = sent * (connected - 1);
    const drained = await drain(workers, expected, nowMicros() + s.drainS * 1e6);
    await sleep(quietMs);
    const endedAt = nowMicros();
    const serverCpuSeconds = cpuSeconds(target.pid) - cpuBefore;
    const machineSeconds = machineCpuSeconds() - machineBefore;
    const self = process.cpuUsage(selfBefore);
    const serverPeakRssMb = peakRssMb(target.pid);

    for (const w of workers) w.send({ type: 'finish' });
    const reports = await Promise.all(workers.map((w) => w.next('report', 180_000)));

    const generatorCpuSeconds = sum(reports.map((r) => r.cpuSeconds));
    const latency = new Histogram();
    for (const r of reports) latency.merge(r.latency);
    const delivered = sum(reports.map((r) => r.delivered));
    const lastDeliveryAt = Math.max(...reports.map((r) => r.lastDeliveryAt));
    const states: Record<string, number> = {};
    for (const r of reports) for (const [hash, n] of Object.entries(r.states)) states[hash] = (states[hash] ?? 0) + n;
    const dropped = sum(reports.map((r) => r.dropped));
    const failed = sum(ready.map((r) => r.failed));
    const minMarkers = Math.min(...reports.map((r) => r.markers.min));
    const maxMarkers = Math.max(...reports.map((r) => r.markers.max));
    const notes = [
      failed > 0 && `${failed} clients failed to connect`,
      dropped > 0 && `${dropped} clients dropped (${Object.entries(mergeCounts(reports.map((r) => r.closeCodes))).map(([c, n]) => `${n}× ${c}`).join(', ')})`,
      !drained && `drain timed out: ${expected - delivered} deliveries missing`,
      Object.keys(states).length > 1 && `${Object.keys(states).length} different final texts`,
      (minMarkers !== sent || maxMarkers !== sent) && `final texts hold ${minMarkers}–${maxMarkers} of ${sent} markers`,
    ].filter((n): n is string => typeof n === 'string');
    return {
      target: name,
      editors,
      followers,
      connected,
      workers: count,
      connectMs: Math.max(...ready.map((r) => r.ms)),
      sent,
      delivered,
      expected,
      latencyMs: { p50: latency.percentileMs(50), p95: latency.percentileMs(95), p99: latency.percentileMs(99), max: latency.percentileMs(100) },
      deliveredPerSecond: lastDeliveryAt > startedAt ? delivered / ((lastDeliveryAt - startedAt) / 1e6) : 0,
      converged: notes.length === 0 && delivered === expected,
      note: notes.join('; '),
      serverCpuSeconds,
      serverPeakRssMb,
      generatorCpuSeconds,
      otherCpuSeconds: Math.max(0, machineSeconds - serverCpuSeconds - generatorCpuSeconds - (self.user + self.system) / 1e6),
      wallSeconds: (endedAt - startedAt) / 1e6,
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await target.stop();
  }
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

/** A forked load generator and the replies it sends, awaited by type. */
class WorkerHandle {
  private readonly inbox: WorkerToParent[] = [];
  private readonly waiters: (() => void)[] = [];
  private failure: Error | null = null;
  private readonly exited: Promise<void>;

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: WorkerToParent) => {
      if (message.type === 'error') this.failure = new Error(`load generator: ${message.message}`);
      else this.inbox.push(message);
      this.waiters.splice(0).forEach((wake) => wake());
    });
    this.exited = new Promise((resolve) =>
      child.once('exit', (code) => {
        this.failure ??= new Error(`load generator exited with ${code}`);
        this.waiters.splice(0).forEach((wake) => wake());
        resolve();
      }),
    );
  }

  static fork(): WorkerHandle {
    const entry = join(dirname(fileURLToPath(import.meta.url)), 'sync-worker.ts');
    return new WorkerHandle(fork(entry, [], { execArgv: ['--import', 'tsx', ...profileFlags()], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  }

  send(message: ParentToWorker): void {
    this.child.send(message);
  }

  /** The next reply of this type (replies of other types stay queued). */
  async next<T extends WorkerToParent['type']>(type: T, timeoutMs: number): Promise<Extract<WorkerToParent, { type: T }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.inbox.findIndex((m) => m.type === type);
      if (i !== -1) return this.inbox.splice(i, 1)[0] as Extract<WorkerToParent, { type: T }>;
      if (this.failure) throw this.failure;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`load generator: no '${type}' within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits briefly for the worker to leave after its report, then kills it. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(timer);
  }
}

const ms = (v: number) => (Number.isFinite(v) ? (v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0)) : '—');
const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '—');

function describe(r: SyncRun): string {
  const l = r.latencyMs;
  return (
    `p50 ${ms(l.p50).padStart(6)}  p95 ${ms(l.p95).padStart(6)}  p99 ${ms(l.p99).padStart(6)}  max ${ms(l.max).padStart(6)} ms` +
    ` | ${Math.round(r.deliveredPerSecond).toLocaleString('en-US').padStart(9)} upd/s` +
    ` | converged ${r.converged ? 'yes' : 'NO'}` +
    ` | server ${r.serverCpuSeconds.toFixed(2)} CPU s, ${r.serverPeakRssMb.toFixed(0)} MB peak` +
    ` | generator ${r.generatorCpuSeconds.toFixed(1)} CPU s on ${r.workers}, other processes ${r.otherCpuSeconds.toFixed(1)} of ${(cores * r.wallSeconds).toFixed(0)}` +
    ` | ${r.sent} typed, ${r.delivered}/${r.expected} delivered, connected in ${r.connectMs} ms` +
    (r.note ? ` | ${r.note}` : '')
  );
}

function describeRatios(a: SyncRun, b: SyncRun): string {
  const x = a.latencyMs;
  const y = b.latencyMs;
  return (
    `p50 ${ratio(x.p50, y.p50)}  p95 ${ratio(x.p95, y.p95)}  p99 ${ratio(x.p99, y.p99)}` +
    ` | upd/s ${ratio(a.deliveredPerSecond, b.deliveredPerSecond)} | CPU ${ratio(a.serverCpuSeconds, b.serverCpuSeconds)}` +
    ` | RSS ${ratio(a.serverPeakRssMb, b.serverPeakRssMb)}`
  );
}

/** The results as a Markdown table: one row per target and step, and the ratio row. */
export function syncTable(steps: SyncStep[]): string {
  const rows = [
    '| E | F | server | p50 ms | p95 ms | p99 ms | delivered/s | converged | server CPU s | peak RSS MB |',
    '|--:|--:|---|--:|--:|--:|--:|:-:|--:|--:|',
  ];
  for (const step of steps) {
    const { ours, reference } = step.runs;
    for (const r of [ours, reference]) {
      if (!r) continue;
      const l = r.latencyMs;
      rows.push(
        `| ${step.editors} | ${step.followers} | ${r.target} | ${ms(l.p50)} | ${ms(l.p95)} | ${ms(l.p99)} | ` +
          `${Math.round(r.deliveredPerSecond).toLocaleString('en-US')} | ${r.converged ? 'yes' : 'no'} | ${r.serverCpuSeconds.toFixed(2)} | ${r.serverPeakRssMb.toFixed(0)} |`,
      );
    }
    if (ours && reference) {
      const a = ours.latencyMs;
      const b = reference.latencyMs;
      rows.push(
        `| | | **ours/ref** | ${ratio(a.p50, b.p50)} | ${ratio(a.p95, b.p95)} | ${ratio(a.p99, b.p99)} | ` +
          `${ratio(ours.deliveredPerSecond, reference.deliveredPerSecond)} | | ${ratio(ours.serverCpuSeconds, reference.serverCpuSeconds)} | ${ratio(ours.serverPeakRssMb, reference.serverPeakRssMb)} |`,
      );
    }
  }
  return rows.join('\n');
}

/** Writes the raw figures to bench/results/ (git-ignored), for the README table; returns the file. */
export function saveSyncResults(steps: SyncStep[], file = join('bench/results', `sync-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)): string {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), node: process.version, cores, steps }, null, 2));
  return file;
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
  const started = Date.now();
  const steps = await runSync({
    quick: values.quick,
    followers: list(values.followers),
    followerLadderEditors: values['follower-editors'] ? Number(values['follower-editors']) : undefined,
    editors: list(values.editors),
    durationS: values.duration ? Number(values.duration) : undefined,
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
