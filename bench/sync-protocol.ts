/**
 * Messages between the sync benchmark (`bench/sync.ts`, the parent) and its load-generator
 * workers (`bench/sync-worker.ts`, forked processes), over Node's IPC channel.
 */
import type { HistogramData } from './sync-stats';

export type Role = 'editor' | 'follower';

export interface ClientPlan {
  /** Unique in the step across all workers; names an editor's paragraph. */
  index: number;
  role: Role;
  url: string;
}

export type ParentToWorker =
  | { type: 'connect'; clients: ClientPlan[]; concurrency: number }
  /**
   * Editors type from `from` for `durationMs` (monotonic µs, shared by all workers), each every
   * `intervalMs[0]`…`intervalMs[1]` ms; latency is recorded for markers typed from `measureFrom` on.
   */
  | { type: 'type'; from: number; measureFrom: number; durationMs: number; intervalMs: [number, number] }
  | { type: 'progress' }
  | { type: 'finish' };

/** What a worker saw at the end of a step. */
export interface WorkerReport {
  latency: HistogramData;
  /** Updates of other clients that reached this worker's clients (echoes excluded). */
  delivered: number;
  /** Monotonic µs of the last delivery; 0 when none. */
  lastDeliveryAt: number;
  /** Final state of each client's document, by hash of its text: how many clients hold it. */
  states: Record<string, number>;
  /** Fewest and most typing markers any one client's final text holds. */
  markers: { min: number; max: number };
  /** Clients whose socket closed before the end, with the close codes seen. */
  dropped: number;
  closeCodes: Record<string, number>;
  /** This worker's CPU time from the start of typing to the end of the drain, seconds. */
  cpuSeconds: number;
}

export type WorkerToParent =
  | { type: 'ready'; connected: number; failed: number; ms: number }
  | { type: 'typed'; sent: number }
  | { type: 'progress'; delivered: number; lastDeliveryAt: number; dropped: number }
  | ({ type: 'report' } & WorkerReport)
  | { type: 'error'; message: string };
