/**
 * Live meetings over Socket.IO with real clients, against the in-memory and the
 * Redis ephemeral store: the agenda moves for everyone, permissions refuse, late
 * joiners get the full state, presence expires, speakers queue, check-in counts.
 */
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/realtime/protocol';
import type { Meeting, MeetingState } from '../../shared/schemas/meetings';
import { TestClock } from '../helpers/clock';
import { FollowedRoom } from '../helpers/meeting-room';
import { runRedisUrl } from '../helpers/redis';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';

type Client = Socket<ServerToClientEvents, ClientToServerEvents> & { room: FollowedRoom; readonly state: MeetingState | null };
type Answer = { ok: boolean; error?: { code: string; message: string } } & Record<string, unknown>;

const clients: Client[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect();
});

/** A connection whose `state` follows the room it joins as the page does (deltas, a sync on a gap). */
function client(url: string, token: string): Client {
  const socket = connect(url, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
  const room = new FollowedRoom(socket);
  const c = Object.defineProperties(socket, { room: { value: room }, state: { get: () => room.state } }) as Client;
  clients.push(c);
  return c;
}

/** Connects and joins; the join's answer is the first state. */
async function joined(url: string, token: string, meetingId: string): Promise<Client> {
  const c = client(url, token);
  expect((await c.room.join(meetingId)).ok).toBe(true);
  return c;
}

/** Kills the connection without a goodbye: the TCP socket is destroyed under Socket.IO. */
function kill(c: Client) {
  const engine = c.io.engine as unknown as { transport: { ws: { _socket: { destroy(): void } } } };
  engine.transport.ws._socket.destroy();
}

const ask = (c: Client, event: keyof ClientToServerEvents, payload: unknown) =>
  (c.emitWithAck as (e: string, p: unknown) => Promise<Answer>)(event, payload);

describe.each([
  ['in memory', () => undefined],
  ['in Redis', () => runRedisUrl()],
])('live meetings %s', (_, redisUrl) => {
  let server: TestServer;
  const tokens = new Map<string, { token: string; userId: string }>();
  const as = async (who: string) => {
    if (!tokens.has(who)) tokens.set(who, await server.login(`${who}@forum.demo`));
    return tokens.get(who)!;
  };
  const http = async (who: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${(await as(who)).token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { meeting: Meeting & { attendance: { name: string; checkedInAt: string | null }[] } } };
  };
  /** A fresh live meeting with three items, chaired by the investment chair. */
  const liveMeeting = async (): Promise<Meeting> => {
    const chair = await as('chair.investment');
    const created = await http('ministry', 'POST', '/api/meetings', {
      title: '테스트 회의',
      startsAt: '2026-12-01T14:00:00+09:00',
      chairId: chair.userId,
      agenda: [{ title: '첫째 안건' }, { title: '둘째 안건', plannedMinutes: 20 }, { title: '셋째 안건' }],
    });
    expect(created.status).toBe(201);
    const meeting = created.body.meeting;
    expect((await http('ministry', 'POST', `/api/meetings/${meeting.id}/start`)).status).toBe(200);
    return { ...meeting, status: 'live' };
  };

  beforeAll(async () => {
    server = await startTestServer({ demo: true, redisUrl: redisUrl(), env: { PRESENCE_TTL_SECONDS: '1.5' } });
  });
  afterAll(() => server.close());

  it('moves every participant and observer to the current item, with its start time and the server clock', async () => {
    const m = await liveMeeting();
    const ministry = await joined(server.url, (await as('ministry')).token, m.id);
    const chair = await joined(server.url, (await as('chair.workforce')).token, m.id);
    const observer = await joined(server.url, (await as('observer')).token, m.id);
    const second = m.agenda[1]!;

    const answer = await ask(ministry, 'meeting:setCurrentItem', { meetingId: m.id, itemId: second.id });
    expect(answer).toMatchObject({ ok: true, currentItemId: second.id });
    for (const c of [ministry, chair, observer]) {
      await waitFor(() => c.state?.meeting.currentItemId === second.id, 'current item reaches everyone');
      expect(c.state!.meeting.currentItemStartedAt).toBe(answer.currentItemStartedAt);
      expect(Math.abs(c.state!.serverNow - Date.now())).toBeLessThan(5_000);
    }
    expect((await http('observer', 'GET', `/api/meetings/${m.id}`)).body.meeting).toMatchObject({ currentItemId: second.id });
  });

  it("refuses a chair who is not the meeting's chair, and an observer, moving the agenda; the meeting's chair may", async () => {
    const m = await liveMeeting();
    const other = await joined(server.url, (await as('chair.workforce')).token, m.id);
    const observer = await joined(server.url, (await as('observer')).token, m.id);
    const meetingChair = await joined(server.url, (await as('chair.investment')).token, m.id);
    for (const c of [other, observer]) {
      const refused = await ask(c, 'meeting:setCurrentItem', { meetingId: m.id, itemId: m.agenda[0]!.id });
      expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(refused.error!.message).toMatch(/ministry staff or the meeting's chair/);
    }
    expect(await ask(meetingChair, 'meeting:setCurrentItem', { meetingId: m.id, itemId: m.agenda[2]!.id })).toMatchObject({ ok: true });
    await waitFor(() => observer.state?.meeting.currentItemId === m.agenda[2]!.id, 'chair moved it');
    expect(await ask(observer, 'meeting:end', { meetingId: m.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('gives a reconnecting client the full state on join', async () => {
    const m = await liveMeeting();
    const ministry = await joined(server.url, (await as('ministry')).token, m.id);
    const { token } = await as('chair.productivity');
    const first = await joined(server.url, token, m.id);
    await ask(first, 'meeting:raiseHand', { meetingId: m.id });
    first.disconnect();
    await ask(ministry, 'meeting:setCurrentItem', { meetingId: m.id, itemId: m.agenda[1]!.id });
    await ask(ministry, 'meeting:giveFloor', { meetingId: m.id, userId: (await as('chair.productivity')).userId });

    const again = client(server.url, token);
    const answer = (await again.emitWithAck('meeting:join', { meetingId: m.id })) as Answer & { state: MeetingState };
    expect(answer.ok).toBe(true);
    const state = answer.state;
    expect(state.meeting).toMatchObject({ id: m.id, status: 'live', currentItemId: m.agenda[1]!.id });
    expect(state.meeting.agenda.map((i) => i.title)).toEqual(['첫째 안건', '둘째 안건', '셋째 안건']);
    expect(state.speakers.current).toMatchObject({ name: '최민수' });
    expect(state.present.map((p) => p.name).sort()).toEqual(['이정민', '최민수']);
    expect(state.meeting.minutes.status).toBe('draft');
    expect(state.decisions).toEqual([]);
  });

  it('drops a killed client from the meeting presence within the TTL', async () => {
    const m = await liveMeeting();
    const watcher = await joined(server.url, (await as('ministry')).token, m.id);
    const victim = await joined(server.url, (await as('chair.global')).token, m.id);
    expect(await ask(victim, 'meeting:presence', { meetingId: m.id, location: 'minutes', idle: false })).toEqual({ ok: true });
    await waitFor(() => watcher.state?.present.find((p) => p.name === '윤서연' && p.location === 'minutes'), 'victim present');
    const killedAt = Date.now();
    kill(victim);
    await waitFor(() => watcher.state && !watcher.state.present.some((p) => p.name === '윤서연'), 'victim gone', 5_000);
    expect(Date.now() - killedAt).toBeLessThan(3_000);
  });

  it('queues raised hands in order, gives the floor, and keeps observers read-only', async () => {
    const m = await liveMeeting();
    const ministry = await joined(server.url, (await as('ministry')).token, m.id);
    const a = await joined(server.url, (await as('chair.ecosystem')).token, m.id);
    const b = await joined(server.url, (await as('chair.newbusiness')).token, m.id);
    const observer = await joined(server.url, (await as('observer')).token, m.id);

    expect(await ask(b, 'meeting:raiseHand', { meetingId: m.id })).toMatchObject({ ok: true, position: 1 });
    expect(await ask(a, 'meeting:raiseHand', { meetingId: m.id })).toMatchObject({ ok: true, position: 2 });
    expect(await ask(b, 'meeting:raiseHand', { meetingId: m.id })).toMatchObject({ ok: true, position: 1 });
    const refused = await ask(observer, 'meeting:raiseHand', { meetingId: m.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(refused.error!.message).toMatch(/read-only/);
    await waitFor(() => observer.state?.speakers.queue.map((s) => s.name).join() === '한지훈,정하늘', 'queue in order');
    // Who is present (and whose hand is up) shows to those who take part; observers see the queue.
    await waitFor(() => ministry.state?.present.find((p) => p.name === '한지훈')?.handRaised, 'hand shown as raised');

    expect(await ask(a, 'meeting:giveFloor', { meetingId: m.id, userId: (await as('chair.newbusiness')).userId })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const floor = await ask(ministry, 'meeting:giveFloor', { meetingId: m.id, userId: (await as('chair.newbusiness')).userId });
    expect(floor).toMatchObject({ ok: true, speaker: { name: '한지훈' } });
    await waitFor(() => observer.state?.speakers.current?.name === '한지훈' && observer.state.speakers.queue.length === 1, 'floor given');
    expect(await ask(b, 'meeting:endFloor', { meetingId: m.id })).toEqual({ ok: true });
    expect(await ask(a, 'meeting:lowerHand', { meetingId: m.id })).toEqual({ ok: true });
    await waitFor(() => observer.state?.speakers.current === null && observer.state.speakers.queue.length === 0, 'floor ended, queue empty');
  });

  it('records check-in and presence as attendance', async () => {
    const m = await liveMeeting();
    const chair = await joined(server.url, (await as('chair.workforce')).token, m.id);
    await joined(server.url, (await as('observer')).token, m.id);
    const answer = await ask(chair, 'meeting:checkIn', { meetingId: m.id });
    expect(answer).toMatchObject({ ok: true });
    await waitFor(() => chair.state?.checkedIn.includes(tokens.get('chair.workforce')!.userId), 'checked in state');
    const { attendance } = (await http('ministry', 'GET', `/api/meetings/${m.id}`)).body.meeting;
    expect(attendance.find((a) => a.name === '김은영')?.checkedInAt).toBe(answer.checkedInAt);
    expect(attendance.find((a) => a.name === '강도윤')).toMatchObject({ checkedInAt: null });
  });

  it('answers garbage with invalid_input and keeps serving', async () => {
    const m = await liveMeeting();
    const c = await joined(server.url, (await as('ministry')).token, m.id);
    for (const [event, payload] of [
      ['meeting:setCurrentItem', { meetingId: m.id }],
      ['meeting:setCurrentItem', { meetingId: '../../etc', itemId: null }],
      ['meeting:join', null],
      ['meeting:giveFloor', { meetingId: m.id, userId: 42 }],
      ['meeting:present', { meetingId: m.id, view: { location: 'minutes', scrollRatio: 7 } }],
      ['meeting:presence', { meetingId: m.id, location: '<img>', extra: true }],
    ] as const) {
      const answer = await ask(c, event, payload);
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    c.emit('meeting:raiseHand', 'no ack' as never, undefined as never);
    expect(await ask(c, 'meeting:setCurrentItem', { meetingId: m.id, itemId: m.agenda[0]!.id })).toMatchObject({ ok: true });
    expect(await ask(c, 'meeting:raiseHand', { meetingId: 'nope' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('follows the presenter: followers toggle, the presenter publishes a view', async () => {
    const m = await liveMeeting();
    const ministry = await joined(server.url, (await as('ministry')).token, m.id);
    const observer = await joined(server.url, (await as('observer')).token, m.id);
    const seen: unknown[] = [];
    observer.on('meeting:presenter', (u) => seen.push(u.presenter));
    expect(await ask(observer, 'meeting:follow', { meetingId: m.id, following: true })).toEqual({ ok: true });
    await waitFor(() => ministry.state?.follow.followers.includes(tokens.get('observer')!.userId), 'follower listed');
    expect(await ask(observer, 'meeting:present', { meetingId: m.id, view: { location: 'minutes', scrollRatio: 0.5 } })).toMatchObject({ ok: false });
    expect(await ask(ministry, 'meeting:present', { meetingId: m.id, view: { location: 'proposal:k-temasek', scrollRatio: 0.25 } })).toEqual({ ok: true });
    await waitFor(() => seen.length === 1, 'presenter view');
    expect(seen[0]).toMatchObject({ name: '이정민', location: 'proposal:k-temasek', scrollRatio: 0.25 });
    // The presenter leaves the room: followers are released rather than held to a stale view.
    ministry.disconnect();
    await waitFor(() => seen.length === 2, 'presenting stops');
    expect(seen[1]).toBeNull();
  });
});

describe('live meetings across instances (Redis)', () => {
  it('a state change on one instance reaches the other, and a crashed instance drops out of presence', async () => {
    const redisUrl = runRedisUrl();
    // The TTL passes on both instances' clock, when the test says so: not before, however slow the machine.
    const clock = new TestClock();
    clock.freeze();
    const env = { PRESENCE_TTL_SECONDS: '1.5' };
    const a = await startTestServer({ demo: true, redisUrl, env, clock });
    const b = await startTestServer({ demo: true, redisUrl, env, clock, dataDir: a.dataDir });
    try {
      const ministry = await a.login('ministry@forum.demo');
      const [m] = (await (await fetch(`${a.url}/api/meetings?status=scheduled`, { headers: { authorization: `Bearer ${ministry.token}` } })).json()).meetings as Meeting[];
      const onA = await joined(a.url, ministry.token, m!.id);
      const onB = await joined(b.url, (await b.login('chair.ecosystem@forum.demo')).token, m!.id);
      expect(await ask(onA, 'meeting:start', { meetingId: m!.id })).toMatchObject({ ok: true, status: 'live' });
      await waitFor(() => onB.state?.meeting.status === 'live', 'start reaches the other instance');
      await waitFor(() => onA.state?.present.some((p) => p.name === '정하늘'), 'B user present on A');

      b.ephemeral.presenceRemove = async () => {};
      onB.io.engine.close();
      await b.close();
      clock.advance(1_500);
      await waitFor(() => onA.state && !onA.state.present.some((p) => p.name === '정하늘'), 'crashed instance expired');
    } finally {
      await a.close();
    }
  });
});
