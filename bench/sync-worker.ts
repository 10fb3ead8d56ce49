/**
 * A load-generator process of the sync benchmark, forked by `bench/sync.ts`: it holds its
 * share of the step's clients and answers the parent's messages (sync-protocol.ts).
 */
import { SyncClient } from './sync-client';
import type { ClientPlan, ParentToWorker, WorkerToParent } from './sync-protocol';
import { Histogram, nowMicros } from './sync-stats';

const connectTimeoutMs = 60_000;

const latency = new Histogram();
let clients: SyncClient[] = [];
let cpuAtStart: NodeJS.CpuUsage | undefined;

function reply(message: WorkerToParent): void {
  process.send!(message);
}

async function connect(plans: ClientPlan[], concurrency: number): Promise<void> {
  const started = performance.now();
  let failed = 0;
  let next = 0;
  const lane = async () => {
    while (next < plans.length) {
      const client = new SyncClient(plans[next++]!, latency);
      try {
        await client.connect(connectTimeoutMs);
        clients.push(client);
      } catch (error) {
        failed++;
        if (failed <= 3) console.error(`client ${client.plan.index} (${client.plan.role}) did not connect: ${String(error)}`);
        client.close();
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  reply({ type: 'ready', connected: clients.length, failed, ms: Math.round(performance.now() - started) });
}

function type(from: number, measureFrom: number, durationMs: number, intervalMs: [number, number]): void {
  cpuAtStart = process.cpuUsage();
  const until = from + durationMs * 1000;
  for (const c of clients) {
    c.measureFrom = measureFrom;
    if (c.plan.role === 'editor') c.type(from, until, intervalMs);
  }
  // Report once every tick due before `until` has run, however late the event loop ran it.
  const report = () => {
    if (clients.some((c) => c.typingPending)) setTimeout(report, 20);
    else reply({ type: 'typed', sent: sum((c) => c.sent) });
  };
  setTimeout(report, Math.max(0, (until - nowMicros()) / 1000));
}

function finish(): void {
  const cpu = process.cpuUsage(cpuAtStart);
  const states: Record<string, number> = {};
  let min = Infinity;
  let max = 0;
  for (const c of clients) {
    const { hash, markers } = c.finalState();
    states[hash] = (states[hash] ?? 0) + 1;
    min = Math.min(min, markers);
    max = Math.max(max, markers);
  }
  const closeCodes: Record<string, number> = {};
  for (const c of clients) if (c.droppedWith !== null) closeCodes[c.droppedWith] = (closeCodes[c.droppedWith] ?? 0) + 1;
  reply({
    type: 'report',
    latency: latency.toData(),
    delivered: sum((c) => c.delivered),
    lastDeliveryAt: Math.max(0, ...clients.map((c) => c.lastDeliveryAt)),
    states,
    markers: { min: clients.length ? min : 0, max },
    dropped: clients.filter((c) => c.droppedWith !== null).length,
    closeCodes,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  });
  for (const c of clients) c.close();
  clients = [];
  process.disconnect();
}

const sum = (f: (c: SyncClient) => number) => clients.reduce((n, c) => n + f(c), 0);

process.on('message', (message: ParentToWorker) => {
  switch (message.type) {
    case 'connect':
      void connect(message.clients, message.concurrency).catch((error: unknown) => reply({ type: 'error', message: String(error) }));
      return;
    case 'type':
      type(message.from, message.measureFrom, message.durationMs, message.intervalMs);
      return;
    case 'progress':
      reply({
        type: 'progress',
        delivered: sum((c) => c.delivered),
        lastDeliveryAt: Math.max(0, ...clients.map((c) => c.lastDeliveryAt)),
        dropped: clients.filter((c) => c.droppedWith !== null).length,
      });
      return;
    case 'finish':
      finish();
      return;
    default:
      message satisfies never;
  }
});
