/**
 * Two server instances on one store and one redis-server of their own, which the tests stop
 * and start again (it keeps nothing on disk, so a restart is also a Redis that lost its data).
 * In this process, not spawned: Vitest fails the run on any unhandled rejection here.
 * Shared by redis-outage.test.ts and redis-outage-recovery.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket, type SocketOptions, type ManagerOptions } from 'socket.io-client';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/realtime/protocol';
import type { MeetingState } from '../../shared/schemas/meetings';
import type { PollView } from '../../shared/schemas/polls';
import { FollowedRoom } from '../helpers/meeting-room';
import { startRedis, type RedisProcess } from '../helpers/redis';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { Sessions } from '../../server/auth/sessions';
import { systemClock } from '../../server/clock';
import type { RedisEphemeral } from '../../server/ephemeral/redis';
import type { Harness } from './documents.harness';

/** What a test started; `cleanUp` (afterEach) stops it all. */
export const started = {
  redis: undefined as RedisProcess | undefined,
  servers: [] as TestServer[],
  harnesses: [] as Harness[],
  ephemerals: [] as RedisEphemeral[],
  clients: [] as Client[],
  providers: [] as WebsocketProvider[],
  dirs: [] as string[],
};

export async function cleanUp() {
  started.clients.splice(0).forEach((c) => c.close());
  started.providers.splice(0).forEach((p) => p.destroy());
  await Promise.all(started.servers.splice(0).map((s) => s.close()));
  for (const h of started.harnesses.splice(0).reverse()) await h.close();
  await Promise.all(started.ephemerals.splice(0).map((e) => e.close()));
  await started.redis?.stop();
  started.dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
}

export async function cluster() {
  const redis = (started.redis = await startRedis());
  const dataDir = mkdtempSync(join(tmpdir(), 'forum-outage-'));
  started.dirs.push(dataDir);
  // One after the other: the first creates the database and seeds it.
  const a = await startTestServer({ dataDir, redisUrl: redis.url });
  const b = await startTestServer({ dataDir, redisUrl: redis.url });
  started.servers.push(a, b);
  return { a, b, redis };
}

/** Starts the stopped redis-server again on its port (empty: it keeps nothing on disk). */
export async function restartRedis(redis: RedisProcess) {
  const back = await startRedis(redis.port);
  redis.stop = back.stop;
}

/** A socket with the meeting room it follows (deltas applied as the page does) and the last poll states it heard. */
export type Client = Socket<ServerToClientEvents, ClientToServerEvents> & { room: FollowedRoom; readonly meeting: MeetingState | null; polls: Map<string, PollView> };
export type Answer = { ok: true } & Record<string, unknown>;


/** A session without the password round trip (scrypt is slow on a busy machine, and not the subject here). */
export async function login(server: TestServer, email: string): Promise<string> {
  const user = await server.store.auth.userByEmail(email);
  if (!user) throw new Error(`no user ${email}`);
  return (await new Sessions(server.store.auth, systemClock, 3_600_000).create(user.id)).token;
}

export async function api<T>(server: TestServer, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function socket(server: TestServer, token: string, options: Partial<ManagerOptions & SocketOptions> = {}): Promise<Client> {
  const socket = connect(server.url, { transports: ['websocket'], auth: { token }, forceNew: true, ...options });
  const room = new FollowedRoom(socket);
  const client = Object.defineProperties(socket, { room: { value: room }, meeting: { get: () => room.state } }) as Client;
  client.polls = new Map();
  client.on('poll:state', (poll) => client.polls.set(poll.id, poll));
  started.clients.push(client);
  await new Promise<void>((resolve, reject) => {
    client.once('connect', resolve);
    client.once('connect_error', reject);
  });
  return client;
}

/** A stock y-websocket client of `docName` on `server`. */
export async function editor(server: TestServer, docName: string, token: string) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${server.url.replace('http', 'ws')}/yjs`, docName, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
  });
  started.providers.push(provider);
  await waitFor(() => provider.synced, `${docName} synced`);
  return { doc, text: doc.getText('outage') };
}

/** A document's content as a server holds it, or as its stored log reads. */
export function contentOf(update: Uint8Array | Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const u of Array.isArray(update) ? update : [update]) Y.applyUpdate(doc, u);
  return JSON.stringify(doc.getText('outage').toDelta());
}

export async function must(client: Client, event: string, payload: unknown): Promise<Answer> {
  const emit = client.emitWithAck.bind(client) as unknown as (e: string, p: unknown) => Promise<Answer | { ok: false; error: { message: string } }>;
  const answer = await emit(event, payload);
  if (!answer.ok) throw new Error(`${event}: ${answer.error.message}`);
  return answer;
}

/** Joins the meeting through the room the client follows, so that its deltas apply to the join's state. */
export async function joinRoom(client: Client, meetingId: string) {
  const answer = await client.room.join(meetingId);
  if (!answer.ok) throw new Error(`meeting:join: ${answer.error.message}`);
}

export async function health(server: TestServer) {
  return (await (await fetch(`${server.url}/api/health`)).json()) as { status: string; ephemeral: { kind: string; ok: boolean } };
}

/** A live meeting with an agenda and an open poll; the chairs on `b`, the ministry on `a`. */
export async function liveMeeting(a: TestServer, b: TestServer) {
  const ministry = await login(a, 'ministry@forum.demo');
  const { meeting } = await api<{ meeting: { id: string; agenda: { id: string }[] } }>(a, ministry, 'POST', '/api/meetings', {
    title: '제5차 산업대전환 포럼 위원장 회의',
    startsAt: new Date().toISOString(),
    agenda: [{ title: '국가 산업인재은행' }, { title: '마더 팩토리 프로젝트' }],
  });
  const admin = await socket(a, ministry);
  await joinRoom(admin, meeting.id);
  await must(admin, 'meeting:start', { meetingId: meeting.id });
  const { poll } = await api<{ poll: PollView }>(a, ministry, 'POST', `/api/meetings/${meeting.id}/polls`, { title: '인재은행 채택', resultsVisibility: 'live' });
  const chairs: Client[] = [];
  for (const who of ['investment', 'workforce']) {
    const chair = await socket(b, await login(b, `chair.${who}@forum.demo`));
    await joinRoom(chair, meeting.id);
    await must(chair, 'meeting:checkIn', { meetingId: meeting.id });
    chairs.push(chair);
  }
  await must(admin, 'poll:open', { pollId: poll.id });
  return { ministry, meeting, poll, admin, chairs };
}

