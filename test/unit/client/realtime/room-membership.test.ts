/**
 * A page's membership of one room (client/realtime/room-membership.ts) on a real Socket.IO
 * connection to a real server in this process, the connection handed over through the
 * presence context as the page's provider hands it: it joins once connected, joins again
 * after a reconnect, retries a join that got no answer (after the 8 s ack timeout and 3 s),
 * gives up on a room that is not there, and leaves the old room for a new one. Fake timers
 * (the client's own timers too), real network.
 */
import { createServer } from 'node:http';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { io } from 'socket.io-client';
import { describe, expect, it, vi } from 'vitest';
import type { AppError } from '../../../../shared/result';
import { ackTimeoutMs } from '../../../../client/realtime/ask';
import { liveContext } from '../../../../client/realtime/live-context';
import { RoomMembership } from '../../../../client/realtime/room-membership';
import type { ClientSocket } from '../../../../client/realtime/socket-controller';
import { ControllerHost, delivered, listen, useFakeTimeouts } from '../../../helpers/controller-host';

type Answer = 'ok' | 'silence' | 'not_found';

/** A server that answers each `meeting:join` as `answers` says (then 'ok'), and records joins and leaves. */
async function roomServer(answers: Answer[] = []) {
  const http = createServer();
  const server = new Server(http);
  const heard: string[] = [];
  const sockets: ServerSocket[] = [];
  server.on('connection', (socket) => {
    sockets.push(socket);
    socket.on('meeting:join', ({ meetingId }: { meetingId: string }, ack: (answer: object) => void) => {
      heard.push(`join ${meetingId}`);
      const answer = answers.shift() ?? 'ok';
      if (answer === 'ok') ack({ ok: true, state: { meetingId, joins: heard.length } });
      if (answer === 'not_found') ack({ ok: false, error: { code: 'not_found', message: 'no such meeting' } });
    });
    socket.on('meeting:leave', ({ meetingId }: { meetingId: string }) => heard.push(`leave ${meetingId}`));
  });
  const url = `http://${await listen(http)}`;
  defer(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url, heard, sockets };
}

const defer = useFakeTimeouts();

/** A page following room `id()`, on a connection to `url` provided as the presence provider would. */
async function follow(url: string, initial: string) {
  const host = new ControllerHost();
  defer(() => host.disconnect());
  let id = initial;
  const seen = { joined: [] as unknown[], failed: [] as AppError[], dropped: 0 };
  const membership = new RoomMembership<{ state: unknown }>(host.element, {
    id: () => id,
    join: (socket, room) => socket.emitWithAck('meeting:join', { meetingId: room }),
    leave: (socket, room) => void socket.emit('meeting:leave', { meetingId: room }, () => {}),
    listen: () => {},
    joined: (answer) => seen.joined.push(answer.state),
    failed: (error) => seen.failed.push(error),
    dropped: () => seen.dropped++,
  });
  const socket: ClientSocket = io(url, { transports: ['websocket'], forceNew: true, reconnectionDelay: 100, reconnectionDelayMax: 100, randomizationFactor: 0 });
  await delivered(() => socket.connected, 'the socket to connect');
  host.provide(liveContext, { online: [], status: 'connected', socket });
  host.connect();
  return { host, membership, seen, socket, moveTo: (next: string) => (id = next) };
}

describe('RoomMembership', () => {
  it('joins once the page is connected, and again after the connection comes back', async () => {
    const server = await roomServer();
    const { seen } = await follow(server.url, 'm1');
    await delivered(() => seen.joined.length === 1, 'the first join');
    expect(server.heard).toEqual(['join m1']);
    // The connection drops under it (not closed by either side's code): Socket.IO reconnects.
    server.sockets[0]!.conn.close();
    await delivered(() => seen.dropped === 1, 'the drop');
    await vi.advanceTimersByTimeAsync(100);
    await delivered(() => seen.joined.length === 2, 'the join after the reconnect');
    expect(server.heard).toEqual(['join m1', 'join m1']);
  });

  it('joins again when a join got no answer: after the ack timeout and three seconds more', async () => {
    const server = await roomServer(['silence']);
    const { seen } = await follow(server.url, 'm1');
    await delivered(() => server.heard.length === 1, 'the first join');
    await vi.advanceTimersByTimeAsync(ackTimeoutMs);
    expect(seen.failed.map((e) => e.reason)).toEqual(['server.unreachable']);
    await vi.advanceTimersByTimeAsync(2_999);
    expect(server.heard).toEqual(['join m1']);
    await vi.advanceTimersByTimeAsync(1);
    await delivered(() => seen.joined.length === 1, 'the second join answered');
    expect(server.heard).toEqual(['join m1', 'join m1']);
  });

  it('does not ask again for a room that is not there', async () => {
    const server = await roomServer(['not_found']);
    const { seen } = await follow(server.url, 'gone');
    await delivered(() => seen.failed.length === 1, 'the refusal');
    expect(seen.failed[0]!.code).toBe('not_found');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.heard).toEqual(['join gone']);
  });

  it('leaves the room it joined before joining the one the page moved to, and leaves when the page goes', async () => {
    const server = await roomServer();
    const { host, membership, seen, moveTo } = await follow(server.url, 'm1');
    await delivered(() => seen.joined.length === 1, 'the first join');
    moveTo('m2');
    expect(membership.moved).toBe(true);
    membership.rejoin();
    await delivered(() => seen.joined.length === 2, 'the second room');
    expect(membership.joined).toBe('m2');
    host.disconnect();
    await delivered(() => server.heard.length === 4, 'the leave');
    expect(server.heard).toEqual(['join m1', 'leave m1', 'join m2', 'leave m2']);
  });
});
