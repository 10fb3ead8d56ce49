import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { mergeUpdates } from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../shared/api/client';
import { api } from '../../shared/api/endpoints';
import { CloseCode } from '../../shared/close-codes';
import { hashToken } from '../../server/ids';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/realtime/protocol';
import { TestClock } from '../helpers/clock';
import { startRedis, type RedisProcess } from '../helpers/redis';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { Editor, people, stateText, type Person, type Who } from './proposals.harness';

/**
 * Two instances on one store and one redis-server: a decision about access taken on A
 * reaches B's connections (the control plane, server/wiring/control-plane.ts), and B decides
 * each write with the store as it is now, so a message that is late or lost changes nothing.
 */
type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
type Answer = { ok: boolean; error?: { code: string; message: string } };
/** A's clock; B runs on the real one. Moved only by the last test (it expires every session A watches). */
const clockA = new TestClock();
let redis: RedisProcess;
let a: TestServer;
let b: TestServer;
let as: Record<Who, Person>;
let dataDir: string;
const editors: Editor[] = [];
const sockets: Client[] = [];

beforeAll(async () => {
  redis = await startRedis();
  dataDir = mkdtempSync(join(tmpdir(), 'forum-control-'));
  // One after the other: the first creates the database and seeds it.
  a = await startTestServer({ dataDir, redisUrl: redis.url, clock: clockA });
  b = await startTestServer({ dataDir, redisUrl: redis.url });
  as = await people(a);
}, 60_000);
afterAll(async () => {
  editors.splice(0).forEach((e) => e.destroy());
  sockets.splice(0).forEach((s) => s.disconnect());
  await Promise.all([a?.close(), b?.close()]);
  await redis?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const open = async (server: TestServer, who: Who, id: string, token = as[who].token) => {
  const editor = await Editor.open(server, id, token);
  editors.push(editor);
  return editor;
};
const socketOn = async (server: TestServer, token: string): Promise<Client> => {
  const socket: Client = connect(server.url, { transports: ['websocket'], auth: { token }, forceNew: true, reconnection: false });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
};
const send = (socket: Client, event: string, payload: unknown) =>
  (socket as unknown as Socket).timeout(15_000).emitWithAck(event, payload) as Promise<Answer>;
const must = async (socket: Client, event: string, payload: unknown) => {
  const answer = await send(socket, event, payload);
  if (!answer.ok) throw new Error(`${event}: ${answer.error?.message}`);
};

/**
 * A live meeting run from A, with a chairperson's socket on B checked in and a yes/no poll open,
 * and that chair's own draft open for writing on B (an observer on B reads it).
 */
async function chairOnB(email: string, title: string) {
  const chair = await a.login(email);
  const { proposal } = await createApiClient({ baseUrl: a.url, token: chair.token })(api.createProposal, { body: { title } });
  const ministry = await socketOn(a, as.ministry.token);
  const { meeting } = await as.ministry.call(api.createMeeting, {
    body: { title, startsAt: new Date().toISOString(), place: '정부세종청사', agenda: [{ title, proposalId: proposal.id }] },
  });
  await must(ministry, 'meeting:join', { meetingId: meeting.id });
  await must(ministry, 'meeting:start', { meetingId: meeting.id });
  const socket = await socketOn(b, chair.token);
  await must(socket, 'meeting:join', { meetingId: meeting.id });
  await must(socket, 'meeting:checkIn', { meetingId: meeting.id });
  const { poll } = await as.ministry.call(api.createPoll, { params: { id: meeting.id }, body: { title: `${title} 채택` } });
  await must(ministry, 'poll:open', { pollId: poll.id });
  const writer = await open(b, 'investment', proposal.id, chair.token);
  const reader = await open(b, 'observer', proposal.id);
  writer.type('강등 전 문단');
  await waitFor(() => reader.text === '강등 전 문단', 'the reader on B to receive');
  return { chair, proposal, meeting, poll, socket, writer, reader };
}

/** What the demoted chair can still do on B: vote, raise a hand, write their draft. */
async function triesOnB(setup: Awaited<ReturnType<typeof chairOnB>>) {
  const vote = await send(setup.socket, 'poll:cast', { pollId: setup.poll.id, choices: ['yes'] });
  const hand = await send(setup.socket, 'meeting:raiseHand', { meetingId: setup.meeting.id });
  setup.writer.type('강등 후 문단');
  await setup.writer.roundTrip();
  // Rounds of one document are written in order: once the ministry's later paragraph is in,
  // the demoted chair's paragraph was either stored before it or never.
  const ministry = await open(b, 'ministry', setup.proposal.id);
  ministry.type('사무국 문단');
  await waitFor(() => setup.reader.text.includes('사무국 문단'), "the ministry's later paragraph on B");
  return { vote, hand, stored: await storedText(setup.proposal.id) };
}

const storedText = async (id: string) => stateText(mergeUpdates(await a.store.docs.load(`proposal:${id}`)));

describe('one control plane for every instance', () => {
  it("a proposal locked on A turns B's live writer into a reader", async () => {
    const { proposal } = await as.investment.call(api.createProposal, { body: { title: '인스턴스 간 잠금 시험' } });
    const writer = await open(b, 'investment', proposal.id);
    const reader = await open(b, 'observer', proposal.id);
    writer.type('제출 전 문단');
    await waitFor(() => reader.text === '제출 전 문단', 'the reader on B to receive');
    // A writer's cursor is shown to the others; a reader's is not: that is how B's downgrade shows.
    writer.provider.awareness.setLocalStateField('user', { name: '투자 위원장' });
    const writerId = writer.doc.clientID;
    await waitFor(() => reader.provider.awareness.getStates().has(writerId), "the writer's cursor on B");

    await as.investment.call(api.changeProposalStatus, { params: { id: proposal.id }, body: { to: 'submitted' } });
    await waitFor(() => !reader.provider.awareness.getStates().has(writerId), 'B to make the writer a reader');
    writer.type('제출 후 문단');
    await writer.roundTrip();
    expect(stateText(await b.documents.state(`proposal:${proposal.id}`))).toBe('제출 전 문단');
    expect(await storedText(proposal.id)).toBe('제출 전 문단');
    expect(reader.text).toBe('제출 전 문단');
  });

  it("signing out on A closes that session's document connection on B", async () => {
    const session = await a.login('chair.workforce@forum.demo');
    const { proposal } = await as.workforce.call(api.createProposal, { body: { title: '인스턴스 간 로그아웃 시험' } });
    const editor = await open(b, 'workforce', proposal.id, session.token);
    const closes: number[] = [];
    editor.provider.on('closed', ({ code }: { code: number }) => closes.push(code));

    await fetch(`${a.url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${session.token}` } });
    await waitFor(() => closes.includes(CloseCode.unauthenticated), "B refuses the ended session's document connection");
    expect(editor.provider.wsconnected).toBe(false);
  });
  it("a chair demoted on A can no longer vote, raise a hand or write their draft on B", async () => {
    const setup = await chairOnB('chair.productivity@forum.demo', '강등 시험 — 생산성');
    await as.ministry.call(api.setRole, { params: { id: setup.chair.userId }, body: { role: 'observer' } });

    const tried = await triesOnB(setup);
    expect(tried.vote).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(tried.hand).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(tried.stored).not.toContain('강등 후 문단');
    expect(setup.reader.text).not.toContain('강등 후 문단');
    const { poll } = await as.ministry.call(api.poll, { params: { id: setup.poll.id } });
    expect(poll.votedCount).toBe(0);
  });

  it('B decides each write with the store as it is now: a demotion whose message never reached B holds all the same', async () => {
    const setup = await chairOnB('chair.ecosystem@forum.demo', '강등 시험 — 생태계');
    // Straight into the shared store, as if the control plane's message were lost: B hears nothing.
    await a.store.auth.setRole(setup.chair.userId, 'observer', null);

    const tried = await triesOnB(setup);
    expect(tried.vote).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(tried.hand).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(tried.stored).not.toContain('강등 후 문단');
    expect(setup.reader.text).not.toContain('강등 후 문단');
  });

  it("signing out on A closes that session's Socket.IO connections on B, and another session of the same person carries on", async () => {
    const ending = await a.login('chair.global@forum.demo');
    const lasting = await b.login('chair.global@forum.demo');
    const onB = await socketOn(b, ending.token);
    const otherOnB = await socketOn(b, lasting.token);
    const told: string[] = [];
    onB.on('session:ended', (reason) => told.push(reason));

    await fetch(`${a.url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${ending.token}` } });
    await waitFor(() => told.includes('signed out') && !onB.connected, "B tells and closes the ended session's socket");
    expect(otherOnB.connected).toBe(true);
    await must(otherOnB, 'presence:update', { location: 'home' });
  });

  it("a session ended where B never heard of it is refused at B's next event and B's next document write", async () => {
    const ending = await a.login('chair.newbusiness@forum.demo');
    const { proposal } = await createApiClient({ baseUrl: a.url, token: ending.token })(api.createProposal, { body: { title: '알리지 않은 로그아웃 시험' } });
    const onB = await socketOn(b, ending.token);
    const told: string[] = [];
    onB.on('session:ended', (reason) => told.push(reason));
    const writer = await open(b, 'investment', proposal.id, ending.token);
    const reader = await open(b, 'observer', proposal.id);
    writer.type('로그아웃 전 문단');
    await waitFor(() => reader.text === '로그아웃 전 문단', 'the reader on B to receive');
    // Deleted in the shared store with no message on the bus (as during a Redis outage).
    await a.store.auth.deleteSession(hashToken(ending.token));

    const answer = await send(onB, 'meeting:raiseHand', { meetingId: 'nonexistent' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    await waitFor(() => !onB.connected && told.includes('signed out'), 'B closes the socket');
    const closes: number[] = [];
    writer.provider.on('connection-close', (event: CloseEvent | null) => event && closes.push(event.code));
    writer.type('로그아웃 후 문단');
    await waitFor(() => closes.includes(CloseCode.permissionsChanged), "B closes the ended session's document connection at its write");
    const ministry = await open(b, 'ministry', proposal.id);
    ministry.type('사무국 문단');
    await waitFor(() => reader.text.includes('사무국 문단'), "the ministry's later paragraph on B");
    expect(await storedText(proposal.id)).not.toContain('로그아웃 후 문단');
    expect(reader.text).not.toContain('로그아웃 후 문단');
  });

  // Last: moving A's clock expires every session A watches.
  it("a session that expires by A's clock closes its Socket.IO and document connections on B too, and B refuses it from then on", async () => {
    const expiring = await a.login('chair.workforce@forum.demo');
    const { proposal } = await as.workforce.call(api.createProposal, { body: { title: '인스턴스 간 만료 시험' } });
    await socketOn(a, expiring.token); // A watches the session
    const onB = await socketOn(b, expiring.token);
    const told: string[] = [];
    onB.on('session:ended', (reason) => told.push(reason));
    const editor = await open(b, 'workforce', proposal.id, expiring.token);
    const closes: number[] = [];
    editor.provider.on('connection-close', (event: CloseEvent | null) => event && closes.push(event.code));

    clockA.advance(13 * 3_600_000); // past the 12-hour session on A's clock; B's clock has not moved
    await waitFor(() => told.includes('expired') && !onB.connected, "B tells and closes the expired session's socket");
    await waitFor(() => closes.includes(CloseCode.unauthenticated), "B refuses the expired session's document connection");
    await expect(socketOn(b, expiring.token)).rejects.toThrow(/Not signed in/);
  });
});
