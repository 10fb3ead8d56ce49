/**
 * The figures of the sync benchmark (bench/sync.ts): one run per step and server, medians
 * over repeated runs, and how they are printed, tabulated and saved.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { median } from './sync-stats';
import type { TargetName } from './sync-targets';
import type { TraceSummary } from './sync-trace';

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
  /** CPU used meanwhile by kernel threads (loopback TCP, softirqs): mostly this run's traffic. */
  kernelCpuSeconds: number;
  /** CPU used meanwhile by other processes (other work on the machine): noise. */
  otherCpuSeconds: number;
  /** Typing, drain and quiet period: the window the CPU figures cover, seconds. */
  wallSeconds: number;
  /** Where the latency came from, leg by leg (SYNC_TRACE_DIR runs only). */
  trace?: TraceSummary;
}

export interface SyncStep {
  editors: number;
  followers: number;
  /** Per target: the run, or with repeats the median of each figure over the runs. */
  runs: Partial<Record<TargetName, SyncRun>>;
  /** Every run, when repeated. */
  repeats: Partial<Record<TargetName, SyncRun[]>>;
}

const cores = availableParallelism();

/** Each figure's median over repeated runs of one step; converged only if every run did. */
export function medianRun(runs: SyncRun[]): SyncRun {
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
    note: runs.some((r) => r.note) ? `${runs.filter((r) => r.note).length} of ${runs.length} runs: ${runs.find((r) => r.note)!.note}` : '',
    serverCpuSeconds: m((r) => r.serverCpuSeconds),
    serverPeakRssMb: m((r) => r.serverPeakRssMb),
    generatorCpuSeconds: m((r) => r.generatorCpuSeconds),
    kernelCpuSeconds: m((r) => r.kernelCpuSeconds),
    otherCpuSeconds: m((r) => r.otherCpuSeconds),
    wallSeconds: m((r) => r.wallSeconds),
    trace: undefined,
  };
}

const ms = (v: number) => (Number.isFinite(v) ? (v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0)) : '—');
const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '—');

/** One run on one line. */
export function describe(r: SyncRun): string {
  const l = r.latencyMs;
  return (
    `p50 ${ms(l.p50).padStart(6)}  p95 ${ms(l.p95).padStart(6)}  p99 ${ms(l.p99).padStart(6)}  max ${ms(l.max).padStart(6)} ms` +
    ` | ${Math.round(r.deliveredPerSecond).toLocaleString('en-US').padStart(9)} upd/s` +
    ` | converged ${r.converged ? 'yes' : 'NO'}` +
    ` | server ${r.serverCpuSeconds.toFixed(2)} CPU s, ${r.serverPeakRssMb.toFixed(0)} MB peak` +
    ` | generator ${r.generatorCpuSeconds.toFixed(1)} CPU s on ${r.workers}, kernel threads ${r.kernelCpuSeconds.toFixed(1)}, other processes ${r.otherCpuSeconds.toFixed(1)} of ${(cores * r.wallSeconds).toFixed(0)}` +
    ` | ${r.sent} typed, ${r.delivered}/${r.expected} delivered, connected in ${r.connectMs} ms` +
    (r.note ? ` | ${r.note}` : '')
  );
}

/** Ours against the reference on one line. */
export function describeRatios(a: SyncRun, b: SyncRun): string {
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
    '| E | F | server | p50 ms | p95 ms | p99 ms | delivered/s | converged | server CPU s | peak RSS MB | other processes CPU s |',
    '|--:|--:|---|--:|--:|--:|--:|:-:|--:|--:|--:|',
  ];
  for (const step of steps) {
    const { ours, reference } = step.runs;
    for (const r of [ours, reference]) {
      if (!r) continue;
      const l = r.latencyMs;
      rows.push(
        `| ${step.editors} | ${step.followers} | ${r.target} | ${ms(l.p50)} | ${ms(l.p95)} | ${ms(l.p99)} | ` +
          `${Math.round(r.deliveredPerSecond).toLocaleString('en-US')} | ${r.converged ? 'yes' : 'no'} | ${r.serverCpuSeconds.toFixed(2)} | ` +
          `${r.serverPeakRssMb.toFixed(0)} | ${r.otherCpuSeconds.toFixed(1)} |`,
      );
    }
    if (ours && reference) {
      const a = ours.latencyMs;
      const b = reference.latencyMs;
      rows.push(
        `| | | **ours/ref** | ${ratio(a.p50, b.p50)} | ${ratio(a.p95, b.p95)} | ${ratio(a.p99, b.p99)} | ` +
          `${ratio(ours.deliveredPerSecond, reference.deliveredPerSecond)} | | ${ratio(ours.serverCpuSeconds, reference.serverCpuSeconds)} | ${ratio(ours.serverPeakRssMb, reference.serverPeakRssMb)} | |`,
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
