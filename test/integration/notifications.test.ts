/**
 * In-app notifications against a real server with real socket.io-client connections:
 * B hears live, while on no meeting page, that A scheduled or moved a meeting or opened
 * a poll; the list survives a reload; marking read works; nobody reads or marks
 * another's notifications; the notification commits with the command or not at all.
 */
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/realtime/protocol';
import type { Meeting } from '../../shared/schemas/meetings';
import type { Notification } from '../../shared/schemas/notifications';
import type { Store } from '../../server/store/store';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';

type Client = Socket<ServerToClientEvents, ClientToServerEvents> & { received: Notification[]; unread: number | null };
type Answer = { ok: boolean; error?: { message: string } };

describe('notifications', () => {
  let server: TestServer;
  /** When set, the next notification write fails inside its command's transaction. */
  let failNotifications = false;
  const wrapStore = (store: Store): Store => ({
    ...store,
    transaction: (fn) =>
      store.transaction((tx) => {
        if (!failNotifications) return fn(tx);
        const add = async () => {
          throw new Error('injected: the disk is full');
        };
        return fn({ ...tx, notifications: { ...tx.notifications, add } });
      }),
  });
  const tokens = new Map<string, { token: string; userId: string }>();
  const as = async (who: string) => {
    if (!tokens.has(who)) tokens.set(who, await server.login(`${who}@forum.demo`));
    return tokens.get(who)!;
  };
  const http = async (who: string | null, method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (who) headers.authorization = `Bearer ${(await as(who)).token}`;
    const res = await fetch(`${server.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  const list = async (who: string) => (await http(who, 'GET', '/api/notifications')).json as { notifications: Notification[]; unread: number };
  const clients: Client[] = [];
  const client = async (who: string): Promise<Client> => {
    const socket = connect(server.url, { transports: ['websocket'], auth: { token: (await as(who)).token }, reconnection: false, forceNew: true }) as Client;
    socket.received = [];
    socket.unread = null;
    socket.on('notification:new', ({ notification, unread }) => {
      socket.received.push(notification);
      socket.unread = unread;
    });
    socket.on('notification:unread', ({ unread }) => (socket.unread = unread));
    clients.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    return socket;
  };
  const schedule = async (title: string, fields: Record<string, unknown> = {}) => {
    const res = await http('ministry', 'POST', '/api/meetings', { title, startsAt: '2026-12-22T01:00:00.000Z', ...fields });
    expect(res.status).toBe(201);
    return (res.json as { meeting: Meeting }).meeting;
  };

  beforeAll(async () => {
    server = await startTestServer({ demo: true, wrapStore });
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.disconnect();
  });
  afterAll(() => server.close());

  it('tells B live when A schedules and moves a meeting, and keeps it for a reload', async () => {
    const b = await client('chair.workforce');
    const m = await schedule('알림 확인 회의');
    const scheduled = await waitFor(() => b.received.find((n) => n.link === `/meetings/${m.id}`), 'the live notification');
    expect(scheduled.kind).toBe('meeting_scheduled');
    expect(scheduled.title.ko).toContain('알림 확인 회의');
    expect(scheduled.title.en).toContain('알림 확인 회의');
    expect(scheduled.readAt).toBeNull();
    expect(b.unread).toBeGreaterThanOrEqual(1);

    // A reload: the list comes from the store, newest first.
    const before = await list('chair.workforce');
    expect(before.notifications[0]).toEqual(scheduled);
    expect(before.unread).toBe(b.unread);

    expect((await http('ministry', 'PATCH', `/api/meetings/${m.id}`, { startsAt: '2026-12-23T01:00:00.000Z' })).status).toBe(200);
    const moved = await waitFor(() => b.received.find((n) => n.kind === 'meeting_moved' && n.link === `/meetings/${m.id}`), 'the move');
    expect((await list('chair.workforce')).notifications.map((n) => n.id).slice(0, 2)).toEqual([moved.id, scheduled.id]);

    // Whoever acted is not told of their own act; an observer the meeting does not name is not told at all.
    expect((await list('ministry')).notifications.some((n) => n.link === `/meetings/${m.id}`)).toBe(false);
    expect((await list('observer')).notifications.some((n) => n.link === `/meetings/${m.id}`)).toBe(false);
  });

  it('tells an eligible chairperson on another page that a poll opened', async () => {
    const m = await schedule('표결 알림 회의', { startsAt: new Date().toISOString() });
    expect((await http('ministry', 'POST', `/api/meetings/${m.id}/start`)).status).toBe(200);
    const created = await http('ministry', 'POST', `/api/meetings/${m.id}/polls`, { title: '인재은행 설립안 채택', kind: 'yes_no_abstain' });
    expect(created.status).toBe(201);
    const pollId = (created.json as { poll: { id: string } }).poll.id;

    const b = await client('chair.productivity'); // connected, but in no meeting room
    const admin = await client('ministry');
    const opened = (await admin.emitWithAck('poll:open', { pollId })) as Answer;
    expect(opened.ok).toBe(true);
    const notice = await waitFor(() => b.received.find((n) => n.kind === 'poll_opened'), 'the poll notification');
    expect(notice.title.ko).toContain('인재은행 설립안 채택');
    expect(notice.link).toBe(`/meetings/${m.id}`);
    expect((await list('chair.productivity')).notifications.map((n) => n.id)).toContain(notice.id);
  });

  it('tells the subcommittee that a vote adopted its proposal, and everyone of circulated and approved minutes', async () => {
    const created = await http('chair.global', 'POST', '/api/proposals', { title: '글로벌 공급망 펀드' });
    expect(created.status).toBe(201);
    const proposalId = (created.json as { proposal: { id: string } }).proposal.id;
    expect((await http('chair.global', 'POST', `/api/proposals/${proposalId}/status`, { to: 'submitted' })).status).toBe(200);
    expect((await http('ministry', 'POST', `/api/proposals/${proposalId}/status`, { to: 'under_discussion' })).status).toBe(200);

    // A vote decides only a proposal on its meeting's agenda (issue 14).
    const m = await schedule('의결 회의', { startsAt: new Date().toISOString(), agenda: [{ title: '글로벌 공급망 펀드', proposalId }] });
    expect((await http('ministry', 'POST', `/api/meetings/${m.id}/start`)).status).toBe(200);
    const poll = await http('ministry', 'POST', `/api/meetings/${m.id}/polls`, {
      title: '글로벌 공급망 펀드 채택',
      proposalId,
      eligibility: { roles: ['ministry'], userIds: [] },
      requirePresence: false,
    });
    expect(poll.status).toBe(201);
    const pollId = (poll.json as { poll: { id: string } }).poll.id;
    const chair = await client('chair.global');
    const admin = await client('ministry');
    expect(((await admin.emitWithAck('poll:open', { pollId })) as Answer).ok).toBe(true);
    expect(((await admin.emitWithAck('poll:cast', { pollId, choices: ['yes'] })) as Answer).ok).toBe(true);
    expect(((await admin.emitWithAck('poll:close', { pollId })) as Answer).ok).toBe(true);
    const decided = await waitFor(() => chair.received.find((n) => n.kind === 'proposal_moved'), 'the vote result');
    expect(decided.title.ko).toBe('표결 결과 채택: 글로벌 공급망 펀드');
    expect(decided.link).toBe(`/proposals/${proposalId}`);

    expect((await http('ministry', 'POST', `/api/meetings/${m.id}/end`)).status).toBe(200);
    expect((await http('ministry', 'POST', `/api/meetings/${m.id}/minutes/status`, { to: 'circulated' })).status).toBe(200);
    await waitFor(() => chair.received.find((n) => n.kind === 'minutes_circulated' && n.link === `/meetings/${m.id}`), 'circulated');
    expect((await http('ministry', 'POST', `/api/meetings/${m.id}/minutes/status`, { to: 'approved' })).status).toBe(200);
    await waitFor(() => chair.received.find((n) => n.kind === 'minutes_approved' && n.link === `/meetings/${m.id}`), 'approved');
  });

  it('marks one or all read, for the owner only; nobody reads or marks another’s', async () => {
    const b = await client('chair.ecosystem');
    const other = await client('chair.ecosystem'); // B's second tab
    await schedule('읽음 표시 회의 1');
    await schedule('읽음 표시 회의 2');
    await waitFor(() => b.received.length >= 2, 'two notifications');
    const mine = await list('chair.ecosystem');
    const [newest, older] = mine.notifications;

    // Another person can neither mark nor see B's notification.
    expect((await http('chair.global', 'POST', `/api/notifications/${newest!.id}/read`)).status).toBe(404);
    const theirs = await list('chair.global');
    expect(theirs.notifications.map((n) => n.id)).not.toContain(newest!.id);
    expect((await http(null, 'GET', '/api/notifications')).status).toBe(401);
    expect((await list('chair.ecosystem')).notifications[0]!.readAt).toBeNull();

    const marked = await http('chair.ecosystem', 'POST', `/api/notifications/${newest!.id}/read`);
    expect(marked.status).toBe(200);
    expect(marked.json.unread).toBe(mine.unread - 1);
    await waitFor(() => other.unread === mine.unread - 1, 'the other tab hears the count');
    const after = await list('chair.ecosystem');
    expect(after.notifications.find((n) => n.id === newest!.id)!.readAt).not.toBeNull();
    expect(after.notifications.find((n) => n.id === older!.id)!.readAt).toBeNull();

    expect((await http('chair.ecosystem', 'POST', '/api/notifications/read-all')).json.unread).toBe(0);
    expect((await list('chair.ecosystem')).notifications.every((n) => n.readAt !== null)).toBe(true);
  });

  it('follows each person’s choice per kind', async () => {
    const b = await client('chair.newbusiness');
    const set = await http('chair.newbusiness', 'PUT', '/api/notifications/preferences', { kinds: { meeting_scheduled: 'off' } });
    expect(set.status).toBe(200);
    expect((set.json as { preferences: { kinds: Record<string, string> } }).preferences.kinds).toMatchObject({ meeting_scheduled: 'off', meeting_moved: 'in_app_and_email' });
    expect((await http('chair.newbusiness', 'PUT', '/api/notifications/preferences', { kinds: { meeting_scheduled: 'sometimes' } })).status).toBe(400);

    const m = await schedule('끈 알림 회의');
    expect((await http('ministry', 'PATCH', `/api/meetings/${m.id}`, { place: '세종' })).status).toBe(200);
    await waitFor(() => b.received.find((n) => n.kind === 'meeting_moved' && n.link === `/meetings/${m.id}`), 'the move, still on');
    expect((await list('chair.newbusiness')).notifications.filter((n) => n.link === `/meetings/${m.id}`).map((n) => n.kind)).toEqual(['meeting_moved']);
  });

  it('stores a notification with the command that causes it, or neither', async () => {
    failNotifications = true;
    try {
      const res = await http('ministry', 'POST', '/api/meetings', { title: '없어야 할 회의', startsAt: '2026-12-24T01:00:00.000Z' });
      expect(res.status).toBe(500);
    } finally {
      failNotifications = false;
    }
    const meetings = (await http('ministry', 'GET', '/api/meetings')).json as { meetings: Meeting[] };
    expect(meetings.meetings.some((m) => m.title === '없어야 할 회의')).toBe(false);
  });
});
