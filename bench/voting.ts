/**
 * Voting: a poll with V voters, all checked in to a live meeting, each casting
 * one ballot at the same moment over their own Socket.IO connection. The poll is
 * open to a role (staff), as most polls are; voters of earlier steps stay
 * eligible without voting, so only the turnout differs.
 * Prints ballots stored per second and the time from emitting `poll:cast` to its
 * acknowledgement (which the server sends only once the ballot is stored), and
 * checks that the closed poll counts exactly V ballots.
 *
 * The server runs in this process (so it can seat V voters without V password
 * hashes), on the real stack: SQLite store, meetings domain, Socket.IO. Clients
 * share the event loop, so the figures include their side too. The voters'
 * sockets leave the forum-wide presence room once connected: the presence list
 * is re-sent to everyone on every join, which is presence's cost, not a vote's.
 *
 *   npx tsx bench/voting.ts                         # ladder 10,100,500,1000
 *   VOTING_LADDER=10,100 npx tsx bench/voting.ts
 *   REDIS_URL=redis://127.0.0.1:6379 npx tsx bench/voting.ts   # ephemeral state and adapter in that Redis
 *
 * It prints figures; the only failure it reports is a count mismatch.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { io as connect, type Socket } from 'socket.io-client';
import { startForum, type Forum } from '../server/app';
import { Sessions } from '../server/auth/sessions';
import { systemClock } from '../server/clock';
import { loadConfig } from '../server/config';
import { newId } from '../server/ids';
import { createLogger } from '../server/logger';
import { FORUM_SCOPE } from '../server/presence/socket';
import type { User } from '../shared/domain';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '../shared/realtime/protocol';
import { CreateMeetingBody } from '../shared/schemas/meetings';
import { CreatePollBody } from '../shared/schemas/polls';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface VotingOptions {
  /** Voter counts to measure, in increasing order. */
  ladder?: number[];
  redisUrl?: string;
  log?: (line: string) => void;
}

export interface VotingStep {
  voters: number;
  /** Acknowledged ballots. */
  acked: number;
  refused: number;
  /** Ballots in the closed poll's result. */
  counted: number;
  exact: boolean;
  /** From the first emit to the last acknowledgement. */
  wallMs: number;
  ballotsPerSecond: number;
  castToAck: { p50: number; p99: number; max: number };
  connectMs: number;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
const round = (n: number) => Math.round(n * 10) / 10;

/** Runs the ladder and returns one row per step. */
export async function runVoting({ ladder = [10, 100, 500, 1000], redisUrl = process.env.REDIS_URL, log = console.log }: VotingOptions = {}): Promise<VotingStep[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'forum-bench-voting-'));
  const loaded = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...(redisUrl ? { REDIS_URL: redisUrl } : {}) }, true);
  if (!loaded.ok) throw new Error(loaded.message);
  const forum = await startForum(loaded.config, { logger: createLogger('silent') });
  // Voters only: their sockets skip the forum-wide presence broadcasts (see the header).
  forum.io.on('connection', (socket) => {
    if (socket.handshake.auth.bench === 'voter') void socket.leave(FORUM_SCOPE);
  });
  const steps: VotingStep[] = [];
  try {
    const ministry = await userByEmail(forum, 'ministry@forum.demo');
    log(`voting bench: ${ladder.join(', ')} voters, ephemeral ${forum.ephemeral.kind}, store ${forum.store.kind}`);
    log('voters  acked  counted  exact  ballots/s  p50 ms  p99 ms  max ms  (connect ms)');
    for (const voters of ladder) {
      const step = await runStep(forum, ministry, voters);
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
          `  (${step.connectMs})`,
        ].join(' '),
      );
      if (!step.exact) log(`COUNT MISMATCH at ${voters} voters: ${step.acked} acknowledged, ${step.counted} counted`);
    }
  } finally {
    await forum.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return steps;
}

async function runStep(forum: Forum, ministry: User, n: number): Promise<VotingStep> {
  const meeting = await forum.meetings.service.create(ministry, CreateMeetingBody.parse({ title: `표결 벤치마크 ${n}`, startsAt: new Date().toISOString() }));
  if (!meeting.ok) throw new Error(meeting.error.message);
  const meetingId = meeting.value.id;
  const started = await forum.meetings.service.start(ministry, meetingId);
  if (!started.ok) throw new Error(started.error.message);

  const sessions = new Sessions(forum.store.auth, systemClock, 3_600_000);
  const createdAt = new Date().toISOString();
  const tag = newId().toLowerCase();
  const voters = await Promise.all(
    Array.from({ length: n }, async (_x, i) => {
      const user = await forum.store.auth.createUser({
        id: newId(),
        email: `bench${i}.${tag}@forum.test`,
        name: `투표자 ${i}`,
        role: 'staff',
        subcommittee: null,
        passwordHash: null,
        createdAt,
      });
      await forum.store.meetings.checkIn(meetingId, user.id, createdAt);
      return { user, token: (await sessions.create(user.id)).token };
    }),
  );
  const body = CreatePollBody.parse({ title: `벤치마크 ${n}`, eligibility: { roles: ['staff'], userIds: [] } });
  const created = await forum.polls.service.create(ministry, meetingId, body);
  if (!created.ok) throw new Error(created.error.message);
  const pollId = created.value.poll.id;

  const connectStart = performance.now();
  const clients: Client[] = voters.map(
    (v) => connect(forum.url, { transports: ['websocket'], auth: { token: v.token, bench: 'voter' }, reconnection: false, forceNew: true }) as Client,
  );
  try {
    await Promise.all(clients.map((c) => (c.connected ? undefined : new Promise((resolve) => c.once('connect', () => resolve(undefined))))));
    await Promise.all(clients.map((c) => c.emitWithAck('poll:watch', { meetingId })));
    const connectMs = Math.round(performance.now() - connectStart);
    const opened = await forum.polls.service.open(ministry, pollId);
    if (!opened.ok) throw new Error(opened.error.message);

    const latencies: number[] = [];
    let acked = 0;
    const t0 = performance.now();
    await Promise.all(
      clients.map(async (c, i) => {
        const sent = performance.now();
        const answer = (await c.emitWithAck('poll:cast', { pollId, choices: [i % 3 === 0 ? 'no' : 'yes'] })) as Ack;
        latencies.push(performance.now() - sent);
        if (answer.ok) acked++;
      }),
    );
    const wallMs = performance.now() - t0;
    const closed = await forum.polls.service.close(ministry, pollId);
    if (!closed.ok) throw new Error(closed.error.message);
    const counted = closed.value.result?.ballots ?? -1;
    const sorted = latencies.sort((a, b) => a - b);
    return {
      voters: n,
      acked,
      refused: n - acked,
      counted,
      exact: counted === n && acked === n,
      wallMs: round(wallMs),
      ballotsPerSecond: (acked / wallMs) * 1000,
      castToAck: { p50: round(quantile(sorted, 0.5)), p99: round(quantile(sorted, 0.99)), max: round(sorted.at(-1) ?? 0) },
      connectMs,
    };
  } finally {
    for (const c of clients) c.disconnect();
  }
}

async function userByEmail(forum: Forum, email: string): Promise<User> {
  const record = await forum.store.auth.userByEmail(email);
  if (!record) throw new Error(`no ${email}; the bench runs in demo mode`);
  const { passwordHash: _, ...user } = record;
  return user;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const ladder = process.env.VOTING_LADDER?.split(',').map(Number).filter((n) => n > 0);
  runVoting(ladder ? { ladder } : {})
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
