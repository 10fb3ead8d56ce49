import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What the metrics read when scraped (live counts and health), asked at scrape time only. */
export interface MetricSources {
  socketConnections(): number;
  documentConnections(): number;
  documentsLoaded(): number;
  storeKind: string;
  storeHealthy(): Promise<boolean>;
  redisConfigured: boolean;
  redisHealthy(): Promise<boolean>;
}

/** Fast paths: a write round and a fan-out take well under a millisecond to tens of milliseconds. */
const latencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/**
 * The process's metrics in one Prometheus registry (served by metrics/server.ts). Counters and
 * histograms are fed by the code paths they describe; gauges are read from `MetricSources` when
 * scraped. Node's own metrics (event-loop delay, heap, GC) come from prom-client's defaults.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly updatesApplied = new Counter({ name: 'forum_document_updates_total', help: 'Client document updates appended to the log', registers: [this.registry] });
  readonly appendSeconds = new Histogram({
    name: 'forum_document_append_seconds',
    help: "Time to append one write round's updates to the durable log",
    buckets: latencyBuckets,
    registers: [this.registry],
  });
  readonly fanOutSeconds = new Histogram({
    name: 'forum_document_fanout_seconds',
    help: 'From receiving a client update to forwarding it to the other connections (append included)',
    buckets: latencyBuckets,
    registers: [this.registry],
  });
  readonly broadcastSeconds = new Histogram({
    name: 'forum_socket_broadcast_seconds',
    help: 'From a Socket.IO room broadcast on this instance to its delivery to local sockets (the Redis publish included), by event family',
    labelNames: ['family'] as const,
    buckets: latencyBuckets,
    registers: [this.registry],
  });
  readonly ballots = new Counter({ name: 'forum_ballots_total', help: 'Ballots stored and acknowledged', registers: [this.registry] });
  readonly rateLimited = new Counter({
    name: 'forum_rate_limited_total',
    help: 'Requests and events refused by a rate limit',
    labelNames: ['limit'] as const,
    registers: [this.registry],
  });

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    new Gauge({
      name: 'forum_connections',
      help: 'Open client connections on this instance, by kind',
      labelNames: ['kind'] as const,
      registers,
      collect() {
        this.set({ kind: 'socketio' }, sources.socketConnections());
        this.set({ kind: 'yjs' }, sources.documentConnections());
      },
    });
    new Gauge({
      name: 'forum_documents_loaded',
      help: 'Documents held in memory on this instance',
      registers,
      collect() {
        this.set(sources.documentsLoaded());
      },
    });
    new Gauge({
      name: 'forum_database_up',
      help: 'Whether the durable store answers (1) or not (0)',
      labelNames: ['kind'] as const,
      registers,
      async collect() {
        this.set({ kind: sources.storeKind }, (await sources.storeHealthy().catch(() => false)) ? 1 : 0);
      },
    });
    new Gauge({
      name: 'forum_redis_up',
      help: 'Whether Redis answers (1) or not (0); absent without REDIS_URL',
      registers,
      async collect() {
        if (sources.redisConfigured) this.set((await sources.redisHealthy().catch(() => false)) ? 1 : 0);
      },
    });
    // nodejs_eventloop_lag_* (from perf_hooks' event-loop delay histogram), heap, GC, handles.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
  }

  /** Times an async step into `histogram`, in seconds. */
  async time<T>(histogram: Histogram, step: () => Promise<T>): Promise<T> {
    const end = histogram.startTimer();
    try {
      return await step();
    } finally {
      end();
    }
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/** The document store with its appends timed and its updates counted; everything else as it is. */
export function timedDocStore<S extends { appendBatch(docName: string, updates: Uint8Array[]): Promise<number> }>(docs: S, metrics: Metrics): S {
  const timed = Object.create(docs) as S;
  timed.appendBatch = async (docName, updates) => {
    const seq = await metrics.time(metrics.appendSeconds, () => docs.appendBatch(docName, updates));
    metrics.updatesApplied.inc(updates.length);
    return seq;
  };
  return timed;
}
