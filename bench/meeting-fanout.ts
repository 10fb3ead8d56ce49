/**
 * Meeting fan-out: one live meeting, F followers, the ministry moves the agenda
 * again and again; how long from the ministry's acknowledgement until each
 * follower has the new current item (`meeting:delta`, or `meeting:state` on
 * commits before the deltas, so the same file measures both).
 *
 * The server runs as its own process (`server/main.ts --demo`, as `npm start`
 * does); this process is the load generator: the ministry and every follower are
 * real socket.io-client connections (WebSocket transport) from here. Followers
 * all sign in as the demo observer, so the forum's presence list stays one row
 * long; they are added step by step along the ladder, not reconnected. One user's
 * events are rate-limited (200 at once, then 50 a second), so a join that is
 * refused `rate_limited` waits the time it is told and tries again.
 * Figures include this process decoding the state once per follower, on one
 * event loop, so the tail grows with F partly on the client side.
 *
 *   npx tsx bench/meeting-fanout.ts                 # ladder 10,100,500,1000,2000, in-memory ephemeral state
 *   REDIS_URL=redis://127.0.0.1:6379 npx tsx bench/meeting-fanout.ts   # through that Redis
 *   FANOUT_REDIS=1 npx tsx bench/meeting-fanout.ts   # through a private redis-server started for the run
 *   FANOUT_LADDER=10,100 FANOUT_MOVES=10 npx tsx bench/meeting-fanout.ts
 *   FANOUT_PROFILE_DIR=/tmp/prof npx tsx bench/meeting-fanout.ts   # the server writes a CPU profile there
 *
 * It prints figures and asserts nothing.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/realtime/protocol';
import type { Meeting } from '../shared/schemas/meetings';
import type { AckFn } from '../shared/realtime/ack';
import { cpuProfileFlags, spawnServer } from '../test/helpers/process';
import { startRedis } from '../test/helpers/redis';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
/** What a follower listens to: deltas now, full states on older commits (the before figures). */
interface Heard {
  'meeting:delta': (delta: { meeting?: { currentItemId?: string | null } }) => void;
  'meeting:state': (state: { meeting: { currentItemId: string | null } }) => void;
}
type Follower = Socket<Heard, { 'meeting:join': (p: { meetingId: string }, ack: AckFn) => void }>;

export interface FanoutOptions {
  /** Follower counts to measure, in increasing order. */
  ladder?: number[];
  /** Agenda moves per step. */
  moves?: number;
  redisUrl?: string;
  /** The server writes a CPU profile into this directory when it stops. */
  profileDir?: string;
  log?: (line: string) => void;
}

export interface FanoutStep {
  followers: number;
  moves: number;
  /** Deliveries measured (followers × moves, less any that timed out). */
  samples: number;
  missed: number;
  /** From the ministry's ack to a follower receiving the new state, ms (negative: the state came first). */
  ackToReceive: { p50: number; p99: number; max: number };
  /** From the ministry's emit to a follower receiving it, ms. */
  emitToReceive: { p50: number; p99: number };
  /** The ministry's round trip for the move itself, ms. */
  ackRoundTrip: { p50: number; p99: number };
  /** Time to connect and join the followers added for this step, ms. */
  joinMs: number;
  /** What one follower received for the last move, as JSON: a delta, or the whole state before them. */
  payloadBytes: number;
  /**
   * CPU time per move while the moves ran (user + system), ms: the server process (/proc), and this
   * process, which receives for every follower. Unlike latency, it hardly depends on what else the
   * machine runs.
   */
  cpuPerMove: { server: number; followers: number };
  /** The server's CPU time per second with nothing happening (heartbeats, pings of F sockets), ms, over 2 s before the moves. */
  serverIdleCpuPerSecond: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
const round = (n: number) => Math.round(n * 100) / 100;
const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), max: round(sorted[sorted.length - 1] ?? NaN) };
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function login(url: string, email: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'forum-demo' }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** A process's CPU time so far (user + system), ms, from /proc (Linux). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of the line, in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
const ownCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** One move being measured: followers note when they first see its item. */
interface Probe {
  itemId: string;
  received: Map<number, number>;
  done: () => void;
}

export async function runMeetingFanout(opts: FanoutOptions = {}): Promise<FanoutStep[]> {
  const ladder = opts.ladder ?? [10, 100, 500, 1000, 2000];
  const moves = opts.moves ?? 20;
  const log = opts.log ?? (() => {});
  const dataDir = mkdtempSync(join(tmpdir(), 'forum-bench-'));
  const server = await spawnServer({ DATA_DIR: dataDir, LOG_LEVEL: 'error', ...(opts.redisUrl ? { REDIS_URL: opts.redisUrl } : {}) }, undefined, cpuProfileFlags(opts.profileDir, 200));
  const sockets: Client[] = [];
  try {
    const [ministryToken, observerToken] = await Promise.all([login(server.url, 'ministry@forum.demo'), login(server.url, 'observer@forum.demo')]);
    const created = await fetch(`${server.url}/api/meetings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ministryToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: '팬아웃 벤치마크 회의',
        startsAt: new Date().toISOString(),
        agenda: ['투자', '인력', '생산성', '기업환경', '글로벌 전략', '신사업'].map((t) => ({ title: `${t} 분과 제안 보고` })),
      }),
    });
    const meeting = ((await created.json()) as { meeting: Meeting }).meeting;
    await fetch(`${server.url}/api/meetings/${meeting.id}/start`, { method: 'POST', headers: { authorization: `Bearer ${ministryToken}` } });

    const open = async (token: string) => {
      const socket: Client = connect(server.url, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
      sockets.push(socket);
      for (;;) {
        const answer = await socket.timeout(30_000).emitWithAck('meeting:join', { meetingId: meeting.id });
        if (answer.ok) return socket;
        if (answer.error.code !== 'rate_limited') throw new Error(`join refused: ${answer.error.message}`);
        await sleep((answer.error.retryAfterSeconds ?? 1) * 1000);
      }
    };
    const ministry = await open(ministryToken);

    let probe: Probe | null = null;
    let followers = 0;
    let payloadBytes = 0;
    const addFollower = async () => {
      const index = followers++;
      const socket = (await open(observerToken)) as unknown as Follower;
      const heard = (currentItemId: string | null | undefined, payload: object) => {
        const p = probe;
        if (!p || currentItemId !== p.itemId || p.received.has(index)) return;
        p.received.set(index, performance.now());
        if (index === 0) payloadBytes = Buffer.byteLength(JSON.stringify(payload));
        if (p.received.size === followers) p.done();
      };
      socket.on('meeting:delta', (delta) => heard(delta.meeting?.currentItemId, delta));
      socket.on('meeting:state', (state) => heard(state.meeting.currentItemId, state));
    };

    const steps: FanoutStep[] = [];
    let move = 0;
    for (const target of ladder) {
      const joinStart = performance.now();
      while (followers < target) {
        const batch = Math.min(50, target - followers);
        await Promise.all(Array.from({ length: batch }, addFollower));
      }
      const joinMs = performance.now() - joinStart;
      await sleep(1_000); // let the join burst (presence, forum list) settle

      const ackToReceive: number[] = [];
      const emitToReceive: number[] = [];
      const roundTrips: number[] = [];
      let missed = 0;
      const idleAt = cpuMsOf(server.child.pid!);
      await sleep(2_000);
      const serverIdleCpuPerSecond = round((cpuMsOf(server.child.pid!) - idleAt) / 2);
      const movesStart = performance.now();
      const cpuAt = { server: cpuMsOf(server.child.pid!), followers: ownCpuMs() };
      for (let i = 0; i < moves; i++) {
        const item = meeting.agenda[++move % meeting.agenda.length]!;
        let done = () => {};
        const all = new Promise<void>((resolve) => (done = resolve));
        const current: Probe = { itemId: item.id, received: new Map(), done };
        probe = current;
        const emitAt = performance.now();
        const answer = await ministry.emitWithAck('meeting:setCurrentItem', { meetingId: meeting.id, itemId: item.id });
        const ackAt = performance.now();
        if (!answer.ok) throw new Error(`move refused: ${answer.error.message}`);
        await Promise.race([all, sleep(10_000)]);
        probe = null;
        roundTrips.push(ackAt - emitAt);
        missed += followers - current.received.size;
        for (const at of current.received.values()) {
          ackToReceive.push(at - ackAt);
          emitToReceive.push(at - emitAt);
        }
        await sleep(50);
      }
      const movesSeconds = (performance.now() - movesStart) / 1000;
      const cpuPerMove = {
        server: round((cpuMsOf(server.child.pid!) - cpuAt.server) / moves),
        followers: round((ownCpuMs() - cpuAt.followers) / moves),
      };
      const a = stats(ackToReceive);
      const e = stats(emitToReceive);
      const r = stats(roundTrips);
      const step: FanoutStep = {
        followers,
        moves,
        samples: ackToReceive.length,
        missed,
        ackToReceive: a,
        emitToReceive: { p50: e.p50, p99: e.p99 },
        ackRoundTrip: { p50: r.p50, p99: r.p99 },
        joinMs: Math.round(joinMs),
        payloadBytes,
        cpuPerMove,
        serverIdleCpuPerSecond,
      };
      steps.push(step);
      log(
        `F=${String(followers).padStart(4)}  ack→receive p50 ${a.p50.toFixed(1)} ms  p99 ${a.p99.toFixed(1)} ms  max ${a.max.toFixed(1)} ms` +
          `  | emit→receive p50 ${e.p50.toFixed(1)} p99 ${e.p99.toFixed(1)}  | ack rtt p50 ${r.p50.toFixed(1)}` +
          `  | ${step.samples} samples, ${missed} missed, joined in ${step.joinMs} ms, ${payloadBytes} B per follower` +
          `  | CPU per move: server ${cpuPerMove.server.toFixed(1)} ms, followers ${cpuPerMove.followers.toFixed(1)} ms` +
          ` (server idle ${serverIdleCpuPerSecond.toFixed(1)} ms/s over ${(movesSeconds / moves).toFixed(2)} s per move)`,
      );
    }
    return steps;
  } finally {
    for (const s of sockets) s.disconnect();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const ladder = process.env.FANOUT_LADDER?.split(',').map(Number);
  const moves = process.env.FANOUT_MOVES ? Number(process.env.FANOUT_MOVES) : undefined;
  const redis = !process.env.REDIS_URL && process.env.FANOUT_REDIS ? await startRedis() : undefined;
  const redisUrl = process.env.REDIS_URL ?? redis?.url;
  console.log(`meeting fan-out: server in its own process, ephemeral state ${redisUrl ? 'in Redis (with the Socket.IO Redis adapter)' : 'in memory'}`);
  try {
    await runMeetingFanout({ ladder, moves, redisUrl, profileDir: process.env.FANOUT_PROFILE_DIR, log: (line) => console.log(line) });
  } finally {
    await redis?.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
