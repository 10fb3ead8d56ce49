/**
 * The meeting room's state travels as numbered deltas (docs/realtime.md, Meetings):
 * real server, real socket.io-client connections, each following its room with the
 * page's own MeetingRoomState. An agenda move is a small delta; a follower that
 * misses one asks for the full state and catches up; observers are sent nothing
 * about who is present; and after a seeded run of everything a meeting does, every
 * client's state is the server's.
 */
import { io as connect } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { stateFor } from '../../shared/meetings/room-state';
import type { Meeting, MeetingState, RoomAudience } from '../../shared/schemas/meetings';
import { FollowedRoom } from '../helpers/meeting-room';
import { mulberry32 } from '../helpers/random';
import { runRedisUrl } from '../helpers/redis';
import { callApi, startTestServer, waitFor, type TestServer } from '../helpers/server';

type Answer = { ok: boolean; error?: { code: string; message: string } };

interface Member {
  who: string;
  userId: string;
  audience: RoomAudience;
  room: FollowedRoom;
  ask(event: string, payload: object): Promise<Answer>;
}

const rooms: FollowedRoom[] = [];
afterEach(() => {
  for (const room of rooms.splice(0)) room.socket.disconnect();
});

/** What a client shows: the clock it carries changes with every build. */
const shown = (state: MeetingState | null) => state && { ...state, serverNow: 0 };

describe.each([
  ['in memory', () => undefined],
  ['in Redis', () => runRedisUrl()],
])('meeting fan-out %s', (_, redisUrl) => {
  let server: TestServer;
  const sessions = new Map<string, { token: string; userId: string }>();

  beforeAll(async () => {
    server = await startTestServer({ demo: true, redisUrl: redisUrl() });
  });
  afterAll(() => server.close());

  const session = async (who: string) => {
    if (!sessions.has(who)) sessions.set(who, await server.login(`${who}@forum.demo`));
    return sessions.get(who)!;
  };

  /** A fresh live meeting with four items, run by the ministry. */
  const liveMeeting = async (): Promise<Meeting> => {
    const { token } = await session('ministry');
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const res = await fetch(`${server.url}/api/meetings`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: '팬아웃 회의', startsAt: '2026-12-01T14:00:00+09:00', agenda: ['투자', '인력', '생산성', '신사업'].map((title) => ({ title })) }),
    });
    const { meeting } = (await res.json()) as { meeting: Meeting };
    expect((await fetch(`${server.url}/api/meetings/${meeting.id}/start`, { method: 'POST', headers })).status).toBe(200);
    return meeting;
  };

  /** Connects as `who` (to `on`, another instance, if given) and joins the meeting, following its room as the page does. */
  const member = async (who: string, meetingId: string, on: TestServer = server): Promise<Member> => {
    const { token, userId } = await session(who);
    const socket = connect(on.url, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
    const room = new FollowedRoom(socket);
    rooms.push(room);
    expect((await room.join(meetingId)).ok).toBe(true);
    const emit = socket.emitWithAck.bind(socket) as unknown as (event: string, payload: object) => Promise<Answer>;
    return { who, userId, audience: who === 'observer' ? 'observers' : 'participants', room, ask: emit };
  };

  /** The state the server builds now, as `audience` receives it. */
  const serverState = async (meetingId: string, audience: RoomAudience) => stateFor((await server.meetings.room.state(meetingId))!, audience);

  /** Waits until every member shows the server's state, then compares each (a failure shows the difference). */
  const converged = async (meetingId: string, members: Member[]) => {
    const agree = async () => {
      for (const m of members) if (JSON.stringify(shown(m.room.state)) !== JSON.stringify(shown(await serverState(meetingId, m.audience)))) return false;
      return true;
    };
    await waitFor(agree, 'every client to show the server’s state', 15_000).catch(() => {});
    for (const m of members) expect({ who: m.who, state: shown(m.room.state) }).toEqual({ who: m.who, state: shown(await serverState(meetingId, m.audience)) });
  };

  it('an agenda move reaches participants and observers as one delta carrying the current item, numbered on', async () => {
    const m = await liveMeeting();
    const ministry = await member('ministry', m.id);
    const chair = await member('chair.workforce', m.id);
    const observer = await member('observer', m.id);
    const item = m.agenda[2]!;
    const before = new Map([chair, observer].map((x) => [x, x.room.version]));

    expect(await ministry.ask('meeting:setCurrentItem', { meetingId: m.id, itemId: item.id })).toMatchObject({ ok: true });
    for (const x of [chair, observer]) {
      const delta = await waitFor(() => x.room.heard.find((d) => d.meeting?.currentItemId === item.id), `${x.who} hears the move`);
      expect(Object.keys(delta.meeting!).sort()).toEqual(['currentItemId', 'currentItemStartedAt', 'updatedAt']);
      expect(delta.version).toBeGreaterThan(before.get(x)!);
      expect(x.room.state?.meeting.currentItemId).toBe(item.id);
      // The rest of the meeting (the agenda, the minutes) is not sent again.
      expect(x.room.state?.meeting.agenda.map((i) => i.title)).toEqual(['투자', '인력', '생산성', '신사업']);
    }
    await converged(m.id, [ministry, chair, observer]);
  });

  it('an agenda move reads the current item alone: its delta carries the moved fields only, and a change nobody announced waits for the next build', async () => {
    const m = await liveMeeting();
    const ministry = await member('ministry', m.id);
    const chair = await member('chair.workforce', m.id);
    await converged(m.id, [ministry, chair]);
    // Written straight to the store and announced to nobody: a build would find it, a move does not look.
    await server.store.meetings.checkIn(m.id, chair.userId, new Date().toISOString());

    expect(await ministry.ask('meeting:setCurrentItem', { meetingId: m.id, itemId: m.agenda[1]!.id })).toMatchObject({ ok: true });
    const move = await waitFor(() => chair.room.heard.find((d) => d.meeting?.currentItemId === m.agenda[1]!.id), 'the chair hears the move');
    expect(Object.keys(move).sort()).toEqual(['meeting', 'meetingId', 'serverNow', 'version']);
    expect(Object.keys(move.meeting!).sort()).toEqual(['currentItemId', 'currentItemStartedAt', 'updatedAt']);

    // The next change that builds the state sends the check-in as well.
    expect(await chair.ask('meeting:raiseHand', { meetingId: m.id })).toMatchObject({ ok: true });
    await waitFor(() => chair.room.state?.checkedIn.includes(chair.userId), 'the check-in, with the next build');
    expect(chair.room.syncs).toBe(0);
    await converged(m.id, [ministry, chair]);
  });

  it.skipIf(!redisUrl())('a move made on one instance reaches the followers on another as the moved fields, in order with the builds there', async () => {
    const other = await startTestServer({ dataDir: server.dataDir, redisUrl: redisUrl() });
    try {
      const m = await liveMeeting();
      const ministry = await member('ministry', m.id);
      const chairs = [await member('chair.investment', m.id, other), await member('chair.global', m.id, other)];
      const observer = await member('observer', m.id, other);
      const there = async (audience: RoomAudience) => stateFor((await other.meetings.room.state(m.id))!, audience);

      expect(await ministry.ask('meeting:setCurrentItem', { meetingId: m.id, itemId: m.agenda[2]!.id })).toMatchObject({ ok: true });
      const move = await waitFor(() => observer.room.heard.find((d) => d.meeting?.currentItemId === m.agenda[2]!.id), 'the observer there hears the move');
      expect(Object.keys(move.meeting!).sort()).toEqual(['currentItemId', 'currentItemStartedAt', 'updatedAt']);

      // Moves here and hands raised and lowered there at once: every build there runs before or after a move, never across it.
      for (let round = 0; round < 6; round++) {
        await Promise.all([
          ministry.ask('meeting:setCurrentItem', { meetingId: m.id, itemId: m.agenda[round % m.agenda.length]!.id }),
          chairs[round % 2]!.ask(round % 3 === 2 ? 'meeting:lowerHand' : 'meeting:raiseHand', { meetingId: m.id }),
        ]);
      }
      const last = m.agenda[3]!.id;
      expect(await ministry.ask('meeting:setCurrentItem', { meetingId: m.id, itemId: last })).toMatchObject({ ok: true });
      for (const x of [...chairs, observer]) await waitFor(() => x.room.state?.meeting.currentItemId === last, `${x.who} there hears the last move`);
      await waitFor(async () => {
        for (const x of [...chairs, observer]) if (JSON.stringify(shown(x.room.state)) !== JSON.stringify(shown(await there(x.audience)))) return false;
        return true;
      }, 'every client there to show that instance’s state').catch(() => {});
      for (const x of [...chairs, observer]) expect({ who: x.who, state: shown(x.room.state) }).toEqual({ who: x.who, state: shown(await there(x.audience)) });
      expect([...chairs, observer].map((x) => x.room.syncs)).toEqual([0, 0, 0]);
    } finally {
      for (const room of rooms.splice(0)) room.socket.disconnect();
      await other.close();
    }
  });

  it('a follower that misses a delta sees the version skip, asks for the full state and catches up', async () => {
    const m = await liveMeeting();
    const ministry = await member('ministry', m.id);
    const observer = await member('observer', m.id);
    const chair = await member('chair.investment', m.id);
    await converged(m.id, [ministry, observer, chair]);

    observer.room.lose(1);
    chair.room.lose(1);
    expect(await ministry.ask('meeting:setCurrentItem', { meetingId: m.id, itemId: m.agenda[1]!.id })).toMatchObject({ ok: true });
    await waitFor(() => observer.room.heard.some((d) => d.meeting?.currentItemId === m.agenda[1]!.id), 'the observer hears (and loses) the move');
    await waitFor(() => chair.room.heard.some((d) => d.meeting?.currentItemId === m.agenda[1]!.id), 'the chair hears (and loses) the move');
    expect(observer.room.state?.meeting.currentItemId).toBeNull();
    expect(await ministry.ask('meeting:raiseHand', { meetingId: m.id })).toMatchObject({ ok: true });

    // The next delta skips a number: each asks once for the full state, which has the lost move and the hand.
    await waitFor(() => observer.room.state?.speakers.queue.length === 1, 'the observer catches up');
    await waitFor(() => chair.room.state?.speakers.queue.length === 1, 'the chair catches up');
    expect(observer.room.syncs).toBe(1);
    expect(chair.room.syncs).toBe(1);
    expect(ministry.room.syncs).toBe(0);
    expect(observer.room.state?.meeting.currentItemId).toBe(m.agenda[1]!.id);
    await converged(m.id, [ministry, observer, chair]);
  });

  it('observers are sent nothing about who is present; participants are', async () => {
    const m = await liveMeeting();
    const ministry = await member('ministry', m.id);
    const observer = await member('observer', m.id);
    expect(observer.room.state).toMatchObject({ present: [], audience: null });
    expect(ministry.room.state?.audience).toEqual({ observers: 1, total: 2 });

    const chair = await member('chair.global', m.id);
    expect(await chair.ask('meeting:presence', { meetingId: m.id, location: 'minutes', idle: true })).toMatchObject({ ok: true });
    const second = await member('observer', m.id);
    await waitFor(() => ministry.room.state?.present.find((p) => p.name === '윤서연' && p.location === 'minutes' && p.idle), 'the chair shown in the minutes, idle');
    second.room.socket.disconnect();
    chair.room.socket.disconnect();
    await waitFor(() => ministry.room.state?.present.every((p) => p.name !== '윤서연'), 'the chair shown gone');

    // Deltas of one room go out in order: had the presence changes gone to observers, they would come before this move.
    expect(await ministry.ask('meeting:setCurrentItem', { meetingId: m.id, itemId: m.agenda[0]!.id })).toMatchObject({ ok: true });
    await waitFor(() => observer.room.state?.meeting.currentItemId === m.agenda[0]!.id, 'the observer hears the move');
    expect(observer.room.heard.filter((d) => d.present !== undefined || d.audience !== undefined)).toEqual([]);
    expect(observer.room.heard.map((d) => Object.keys(d.meeting ?? {}).join())).toEqual(['currentItemId,currentItemStartedAt,updatedAt']);
    expect(ministry.room.heard.some((d) => d.present?.some((p) => p.name === '윤서연'))).toBe(true);
    await converged(m.id, [ministry, observer]);
  });

  /** The ministry gives `userId` a role, through the admin route of `on`. */
  const setRole = async (on: TestServer, userId: string, role: { role: 'observer' } | { role: 'chair'; subcommittee: string }) =>
    callApi(on, (await session('ministry')).token, 'PUT', `/api/users/${userId}/role`, role);

  /**
   * A chair in the room on `there` is demoted, then promoted again, by the ministry on `here`.
   * Each time the connection is sent its new audience's full state and follows that audience's
   * deltas from it, without rejoining.
   */
  const roleChangeRegroups = async (here: TestServer, there: TestServer) => {
    const m = await liveMeeting();
    const ministry = await member('ministry', m.id, here);
    const witness = await member('chair.global', m.id, there);
    const chair = await member('chair.workforce', m.id, there);
    const seesMinistryAt = (x: Member, location: string) => x.room.state?.present.some((p) => p.userId === ministry.userId && p.location === location);
    try {
      await setRole(here, chair.userId, { role: 'observer' });
      await waitFor(() => chair.room.pushed.length === 1, 'the demoted chair is sent the observers’ state');
      expect(chair.room.state).toMatchObject({ present: [], audience: null });
      chair.room.heard.splice(0);
      // The others see them among the observers now, no longer among those who take part.
      const listed = () => ministry.room.state?.present.some((p) => p.userId === chair.userId);
      await waitFor(() => !listed() && ministry.room.state?.audience?.observers === 1, 'the ministry sees the chair among the observers');

      expect(await ministry.ask('meeting:presence', { meetingId: m.id, location: 'minutes', idle: false })).toMatchObject({ ok: true });
      await waitFor(() => seesMinistryAt(witness, 'minutes'), 'a participant there sees the ministry in the minutes');
      // Deltas of one room go out in order: had the presence change reached the demoted chair, it would come before this move.
      expect(await ministry.ask('meeting:setCurrentItem', { meetingId: m.id, itemId: m.agenda[1]!.id })).toMatchObject({ ok: true });
      await waitFor(() => chair.room.state?.meeting.currentItemId === m.agenda[1]!.id, 'the demoted chair hears the move');
      expect(chair.room.heard.filter((d) => d.present !== undefined || d.audience !== undefined)).toEqual([]);

      await setRole(here, chair.userId, { role: 'chair', subcommittee: 'workforce' });
      await waitFor(() => chair.room.pushed.length === 2, 'the promoted chair is sent the participants’ state');
      expect(seesMinistryAt(chair, 'minutes')).toBe(true);
      await waitFor(() => listed() && ministry.room.state?.audience?.observers === 0, 'the ministry sees the chair take part again');
      expect(await ministry.ask('meeting:presence', { meetingId: m.id, location: 'agenda', idle: false })).toMatchObject({ ok: true });
      await waitFor(() => seesMinistryAt(chair, 'agenda'), 'the promoted chair sees the ministry back on the agenda');
      // Each full state came with the version its audience's deltas go on from: nothing was skipped.
      expect(chair.room.syncs).toBe(0);
    } finally {
      await setRole(here, chair.userId, { role: 'chair', subcommittee: 'workforce' });
    }
  };

  it('a chair demoted to observer in the room is moved to the observers at once, and promoted again follows the participants, without rejoining', () =>
    roleChangeRegroups(server, server));

  it.skipIf(!redisUrl())('a role changed on one instance moves the person’s connection on another to its new audience', async () => {
    const other = await startTestServer({ dataDir: server.dataDir, redisUrl: redisUrl() });
    try {
      await roleChangeRegroups(server, other);
    } finally {
      for (const room of rooms.splice(0)) room.socket.disconnect();
      await other.close();
    }
  });

  it.each([1, 2, 3])('after a seeded run of moves, hands, floors, check-ins, presence, follows, rejoins and lost deltas (seed %i), every client shows the server’s state', async (seed) => {
    const random = mulberry32(seed);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const m = await liveMeeting();
    const ministry = await member('ministry', m.id);
    const chairs = [await member('chair.investment', m.id), await member('chair.workforce', m.id), await member('chair.productivity', m.id)];
    const observers = [await member('observer', m.id), await member('observer', m.id)];
    const everyone = [ministry, ...chairs, ...observers];
    const meetingId = m.id;

    const ops: (() => Promise<unknown>)[] = [
      () => ministry.ask('meeting:setCurrentItem', { meetingId, itemId: random() < 0.1 ? null : pick(m.agenda).id }),
      () => pick(chairs).ask('meeting:raiseHand', { meetingId }),
      () => pick(chairs).ask('meeting:lowerHand', { meetingId }),
      () => ministry.ask('meeting:giveFloor', { meetingId, userId: pick(chairs).userId }),
      () => ministry.ask('meeting:endFloor', { meetingId }),
      () => pick(chairs).ask('meeting:checkIn', { meetingId }),
      () => pick(everyone).ask('meeting:presence', { meetingId, location: pick(['agenda', 'minutes']), idle: random() < 0.3 }),
      () => pick(everyone).ask('meeting:follow', { meetingId, following: random() < 0.5 }),
      async () => {
        const who = pick(chairs);
        await who.ask('meeting:leave', { meetingId });
        await who.room.join(meetingId);
      },
      async () => pick(everyone).room.lose(1),
    ];
    for (let step = 0; step < 40; step++) {
      // Mostly one at a time, sometimes three at once.
      const burst = random() < 0.25 ? 3 : 1;
      await Promise.all(Array.from({ length: burst }, () => pick(ops)()));
    }
    // A last move, so that a delta lost at the very end is noticed (a gap shows only at the next one).
    expect(await ministry.ask('meeting:setCurrentItem', { meetingId, itemId: m.agenda[3]!.id })).toMatchObject({ ok: true });
    await converged(meetingId, everyone);
    // Every delta lost was made good by a full state asked for (or a join), not by chance.
    expect(everyone.map((x) => x.room.unrecovered)).toEqual(everyone.map(() => 0));
    expect(everyone.some((x) => x.room.syncs > 0)).toBe(true);
    for (const observer of observers) expect(observer.room.heard.filter((d) => d.present !== undefined)).toEqual([]);
  });
});
