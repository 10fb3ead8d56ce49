/**
 * `SYNC_TRACE_DIR=<dir>`: each run's server and load generators preload
 * sync-trace-hooks.mjs, and each timed delivery is split into its legs:
 *
 *   typing    the editor's change → its ws.send returned (generator: Yjs encodes the update)
 *   toServer  → the server's 'message' event (loopback TCP, waking the server, ws parsing)
 *   inServer  → the server starts writing the frame to this receiver (all it does, fan-out included)
 *   toClient  → the receiver's 'message' event (loopback TCP, waking the generator)
 *
 * It says where a step's latency, and its slowest 1 %, come from. The hooks cost a few µs per
 * event on both servers alike; traced runs are for reading, not for the results table.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Histogram } from './sync-stats';

export type TraceRole = 'ours' | 'reference' | 'generator';
const legs = ['typing', 'toServer', 'inServer', 'toClient'] as const;
type Leg = (typeof legs)[number];
const parts = ['total', ...legs] as const;

export interface TraceSummary {
  deliveries: number;
  /** p50 and p99 of each leg and of the whole, ms. */
  p50: Record<Leg | 'total', number>;
  p99: Record<Leg | 'total', number>;
  /** Of the time of the slowest 1 % of deliveries, the share of each leg. */
  tailShare: Record<Leg, number>;
  /** Garbage collection during the timed window, ms in all. */
  gcMs: { server: number; generators: number };
}

type Event = [kind: 'in' | 'out' | 'cin' | 'cout' | 'gc', port: number, at: number, markers: string[], end?: number];

export const traceRoot = process.env.SYNC_TRACE_DIR;
const hooks = fileURLToPath(new URL('./sync-trace-hooks.mjs', import.meta.url));

/** A fresh directory for one run's trace, or undefined when not tracing. */
export function traceDirFor(run: string): string | undefined {
  if (!traceRoot) return undefined;
  const dir = join(traceRoot, `${run}-${Date.now().toString(36)}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Node flags and environment that make a process of `role` trace into `dir`. */
export function traceArgs(role: TraceRole, dir: string | undefined): { execArgv: string[]; env: Record<string, string> } {
  if (!dir) return { execArgv: [], env: {} };
  return { execArgv: ['--import', hooks], env: { SYNC_TRACE_DIR: dir, SYNC_TRACE_ROLE: role } };
}

/** Splits every delivery timed from `measureFrom` (monotonic µs) into its legs. */
export function summarizeTrace(dir: string, measureFrom: number): TraceSummary | null {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  const read = (prefix: string): Event[] => files.filter((f) => f.startsWith(prefix)).flatMap((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Event[]);
  const server = [...read('ours-'), ...read('reference-')];
  const generators = read('generator-');

  const sentAt = new Map<string, { at: number; port: number }>();
  const received = new Map<string, number>();
  const written = new Map<string, number>();
  for (const [kind, port, at, markers] of generators) if (kind === 'cout') for (const m of markers) sentAt.set(m, { at, port });
  for (const [kind, port, at, markers] of server) {
    for (const m of markers) {
      if (kind === 'in' && !received.has(m)) received.set(m, at);
      if (kind === 'out' && !written.has(`${m}@${port}`)) written.set(`${m}@${port}`, at);
    }
  }

  const rows: Record<Leg | 'total', number>[] = [];
  let lastAt = measureFrom;
  for (const [kind, port, at, markers] of generators) {
    if (kind !== 'cin') continue;
    for (const m of markers) {
      const typedAt = parseInt(m.slice(1, m.indexOf('.')), 36);
      const sent = sentAt.get(m);
      const inAt = received.get(m);
      const outAt = written.get(`${m}@${port}`);
      // Its author's own echo is no delivery.
      if (typedAt < measureFrom || !sent || sent.port === port || inAt === undefined || outAt === undefined) continue;
      rows.push({ typing: sent.at - typedAt, toServer: inAt - sent.at, inServer: outAt - inAt, toClient: at - outAt, total: at - typedAt });
      lastAt = Math.max(lastAt, at);
    }
  }
  if (rows.length === 0) return null;

  // The run's own percentiles come from the same histogram, so the traced total matches them.
  const histograms = new Map(parts.map((k) => [k, new Histogram()]));
  for (const r of rows) for (const k of parts) histograms.get(k)!.record(r[k]);
  const pick = (p: number) => Object.fromEntries(parts.map((k) => [k, histograms.get(k)!.percentileMs(p)])) as Record<Leg | 'total', number>;
  const tail = [...rows].sort((a, b) => b.total - a.total).slice(0, Math.ceil(rows.length / 100));
  const tailTotal = tail.reduce((n, r) => n + r.total, 0);
  const gcMs = (events: Event[]) =>
    events.filter(([kind, , at]) => kind === 'gc' && at >= measureFrom && at <= lastAt).reduce((n, [, , at, , end]) => n + ((end ?? at) - at), 0) / 1000;
  return {
    deliveries: rows.length,
    p50: pick(50),
    p99: pick(99),
    tailShare: Object.fromEntries(legs.map((k) => [k, tail.reduce((n, r) => n + r[k], 0) / tailTotal])) as Record<Leg, number>,
    gcMs: { server: gcMs(server), generators: gcMs(generators) },
  };
}

/** One line: p50 / p99 of each leg, and the slowest 1 % by leg. */
export function describeTrace(t: TraceSummary): string {
  const ms = (n: number) => n.toFixed(2);
  const legText = legs.map((k) => `${k} ${ms(t.p50[k])}/${ms(t.p99[k])}`).join(' | ');
  const tail = legs.map((k) => `${k} ${Math.round(t.tailShare[k] * 100)}%`).join(', ');
  return `legs p50/p99 ms: ${legText} | slowest 1%: ${tail} | GC ${t.gcMs.server.toFixed(0)} ms server, ${t.gcMs.generators.toFixed(0)} ms generators`;
}
