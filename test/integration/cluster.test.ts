/**
 * Three instances behind nginx (deploy/nginx.conf) on one PostgreSQL and one Redis (issue 16.4):
 * six chairs, their sockets spread over the instances, co-edit a proposal and vote; the instance
 * holding the proposal's text is SIGKILLed in the middle; its clients reconnect through nginx,
 * nothing received or acknowledged is lost, the count is exact. Co-editing as the permission model
 * allows: the text is written by its subcommittee's chair and the ministry (the five other chairs
 * read it), and every chair writes in the proposal's comments document (threads, then replies).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { COMMENTS_FIELD, commentsDocName } from '../../shared/comments';
import { Commenter } from '../helpers/comments';
import { createTestDatabase, runPostgresUrl, type TestDatabase } from '../helpers/postgres';
import { spawnServer, type ServerProcess } from '../helpers/process';
import { freePort, startRedis, type RedisProcess } from '../helpers/redis';
import { waitFor } from '../helpers/server';
import { Editor } from './proposals.harness';

const token = 'cluster-metrics-token-000001';
let redis: RedisProcess;
let database: TestDatabase;
let nginx: ChildProcess;
const instances: ServerProcess[] = [];
const sockets: Socket[] = [];
const editors: Editor[] = [];
const allCommenters: Commenter[] = [];
const root = mkdtempSync(join(tmpdir(), 'forum-nginx-'));
let url = '';

beforeAll(async () => {
  redis = await startRedis();
  database = await createTestDatabase(await runPostgresUrl());
  for (let i = 0; i < 3; i++) {
    // One after the other: the first migrates and seeds.
    instances.push(await spawnServer({ DATA_DIR: join(root, `i${i}`), DATABASE_URL: database.url, REDIS_URL: redis.url, METRICS_TOKEN: token }));
  }
  const prefix = join(root, 'nginx');
  mkdirSync(prefix, { recursive: true });
  chmodSync(root, 0o755);
  chmodSync(prefix, 0o777);
  const listen = await freePort();
  const servers = instances.map((s) => `    server ${new URL(s.url).host} max_fails=1 fail_timeout=2s;`).join('\n');
  const config = readFileSync('deploy/nginx.conf', 'utf8').replaceAll('{{PREFIX}}', prefix).replaceAll('{{LISTEN}}', `127.0.0.1:${listen}`).replaceAll('{{SERVERS}}', servers);
  writeFileSync(join(prefix, 'nginx.conf'), config);
  nginx = spawn('nginx', ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'error.log')], { stdio: 'ignore' });
  url = `http://127.0.0.1:${listen}`;
  await waitFor(async () => (await fetch(`${url}/api/health`)).ok, 'nginx to answer', 30_000);
}, 180_000);
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  editors.forEach((e) => e.destroy());
  allCommenters.forEach((c) => c.destroy());
  nginx?.kill('SIGTERM');
  await Promise.all(instances.map((s) => s.stop().catch(() => null)));
  await redis?.stop();
  await database?.drop().catch(() => {});
  rmSync(root, { recursive: true, force: true });
});

const chairs = ['investment', 'workforce', 'productivity', 'ecosystem', 'global', 'newbusiness'].map((s) => `chair.${s}@forum.demo`);
const asServer = () => ({ url }) as Parameters<typeof Editor.open>[0];

async function login(email: string): Promise<{ token: string; userId: string }> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'forum-demo' }) });
  if (!res.ok) throw new Error(`login ${email}: ${res.status}`);
  const body = (await res.json()) as { token: string; user: { id: string } };
  return { token: body.token, userId: body.user.id };
}
async function api<T>(bearer: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
async function socketFor(bearer: string): Promise<Socket> {
  const socket = connect(url, { transports: ['websocket'], auth: { token: bearer }, forceNew: true, reconnectionDelay: 100, reconnectionDelayMax: 500 });
  sockets.push(socket);
  await waitFor(() => socket.connected, 'a socket to connect through nginx');
  return socket;
}
async function must(socket: Socket, event: string, payload: unknown): Promise<{ ok: boolean }> {
  const answer = (await socket.timeout(15_000).emitWithAck(event, payload)) as { ok: boolean; error?: { message: string } };
  if (!answer.ok) throw new Error(`${event}: ${answer.error?.message}`);
  return answer;
}
/** The instance whose document server holds open /yjs connections (nginx sent the document there). */
async function holderOfDocuments(): Promise<ServerProcess> {
  for (const instance of instances) {
    const text = await (await fetch(`${instance.url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
    if (/forum_connections\{kind="yjs"\} [1-9]/.test(text)) return instance;
  }
  throw new Error('no instance holds the document');
}

/** How many Socket.IO connections each instance holds, read from its own /metrics. */
async function socketsPerInstance(): Promise<number[]> {
  return Promise.all(
    instances.map(async (instance) => {
      const text = await (await fetch(`${instance.url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
      return Number(/forum_connections\{kind="socketio"\} (\d+)/.exec(text)?.[1] ?? 0);
    }),
  );
}

describe('three instances behind nginx', () => {
  it('six chairs over three instances co-edit a proposal and vote; SIGKILL of the document’s instance loses nothing received or acknowledged', async () => {
    const ministry = await login('ministry@forum.demo');
    const people = await Promise.all(chairs.map(login));
    const { proposal } = await api<{ proposal: { id: string } }>(people[0]!.token, 'POST', '/api/proposals', { title: '클러스터 시험 제안' });
    const { meeting } = await api<{ meeting: { id: string; agenda: { id: string }[] } }>(ministry.token, 'POST', '/api/meetings', {
      title: '클러스터 시험 회의', startsAt: new Date().toISOString(), place: '세종', agenda: [{ title: '클러스터 시험 제안', proposalId: proposal.id }],
    });
    const chairSocket = await socketFor(ministry.token);
    await must(chairSocket, 'meeting:join', { meetingId: meeting.id });
    await must(chairSocket, 'meeting:start', { meetingId: meeting.id });
    const voters: Socket[] = [];
    for (const p of people) voters.push(await socketFor(p.token));
    for (const s of voters) {
      await must(s, 'meeting:join', { meetingId: meeting.id });
      await must(s, 'meeting:checkIn', { meetingId: meeting.id });
    }
    // nginx spread the meeting's seven sockets over the three instances (least_conn).
    expect((await socketsPerInstance()).every((n) => n > 0)).toBe(true);
    const { poll } = await api<{ poll: { id: string } }>(ministry.token, 'POST', `/api/meetings/${meeting.id}/polls`, { title: '채택' });
    await must(chairSocket, 'poll:open', { pollId: poll.id });

    // The text: its subcommittee's chair and the ministry write it (proposals.edit); the other
    // five chairs have it open read-only. nginx hashes the document to one instance: the victim.
    const writers = [await Editor.open(asServer(), proposal.id, people[0]!.token), await Editor.open(asServer(), proposal.id, ministry.token)];
    const readers = await Promise.all(people.slice(1).map((p) => Editor.open(asServer(), proposal.id, p.token)));
    editors.push(...writers, ...readers);
    const victim = await holderOfDocuments();
    // The comments: every chair writes in the proposal's comments document (comments.write: every
    // chair, on every open proposal), which nginx may hash to another instance.
    const commenters = people.map((p) => new Commenter(asServer(), commentsDocName(`proposal:${proposal.id}`), p.token));
    allCommenters.push(...commenters);
    await Promise.all(commenters.map((c) => c.synced()));
    const threadsSeen = (c: Commenter) => c.doc.getArray<Y.Map<unknown>>(COMMENTS_FIELD).toArray();

    writers[0]!.type('위원장 문단 1');
    writers[1]!.type('사무국 문단 1');
    commenters.forEach((c, i) => c.thread(`${chairs[i]} 의견`, { id: people[i]!.userId, name: chairs[i]! }));
    await waitFor(() => readers.every((r) => r.text.includes('위원장 문단 1') && r.text.includes('사무국 문단 1')), 'every reader to receive');
    await waitFor(() => commenters.every((c) => threadsSeen(c).length === 6), 'every chair to see the six threads');
    for (const s of voters.slice(0, 3)) await must(s, 'poll:cast', { pollId: poll.id, choices: ['yes'] });

    await victim.kill();
    // Reconnected through nginx to a living instance within 5 s, as the issue asks.
    await waitFor(() => [...writers, ...readers].every((e) => e.provider.wsconnected && e.provider.synced), 'every editor to reconnect', 5_000);
    await waitFor(() => commenters.every((c) => c.provider.wsconnected && c.provider.synced), 'every commenter to reconnect', 5_000);
    await waitFor(() => voters.every((s) => s.connected) && chairSocket.connected, 'every socket to reconnect', 5_000);

    // The meeting goes on: the text, a reply from every chair to the next one's thread, the other three ballots.
    writers[0]!.type('위원장 문단 2');
    commenters.forEach((c, i) => c.reply(threadsSeen(c).find((m) => m.get('body') === `${chairs[(i + 1) % 6]} 의견`)!.get('id') as string, `${chairs[i]} 답글`, { id: people[i]!.userId, name: chairs[i]! }));
    await waitFor(() => readers.every((r) => r.text.includes('위원장 문단 2')), 'the text to go on');
    const replies = (c: Commenter) => threadsSeen(c).reduce((n, m) => n + (m.get('replies') as Y.Array<unknown>).length, 0);
    await waitFor(() => commenters.every((c) => replies(c) === 6), 'every chair to see the six replies');
    for (const s of voters.slice(3)) await must(s, 'poll:cast', { pollId: poll.id, choices: ['yes'] });
    await must(chairSocket, 'poll:close', { pollId: poll.id });
    const closed = await api<{ poll: { votedCount: number; status: string; result: { ballots: number; counts: Record<string, number> } | null } }>(
      ministry.token,
      'GET',
      `/api/polls/${poll.id}`,
    );
    expect(closed.poll).toMatchObject({ status: 'closed', votedCount: 6 });
    expect(closed.poll.result).toMatchObject({ ballots: 6, counts: { yes: 6 } });

    // Fresh clients through nginx load both documents from the store: everything received is there.
    const fresh = await Editor.open(asServer(), proposal.id, ministry.token);
    editors.push(fresh);
    for (const text of ['위원장 문단 1', '사무국 문단 1', '위원장 문단 2']) expect(fresh.text).toContain(text);
    const freshComments = new Commenter(asServer(), commentsDocName(`proposal:${proposal.id}`), ministry.token);
    allCommenters.push(freshComments);
    await freshComments.synced();
    const stored = JSON.stringify(freshComments.doc.getArray(COMMENTS_FIELD).toJSON());
    for (const chair of chairs) {
      expect(stored).toContain(`${chair} 의견`);
      expect(stored).toContain(`${chair} 답글`);
    }
  }, 240_000);
});
