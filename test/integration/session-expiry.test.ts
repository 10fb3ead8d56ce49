/**
 * A session that expires ends its live connections at that moment (issue 13.4): its
 * Socket.IO connection is told and closed, its /yjs connection is closed and refused
 * on reconnect, and nothing it writes afterwards is stored. The same person's other
 * session carries on. Time is a test clock moved past the expiry.
 */
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/close-codes';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/realtime/protocol';
import { TestClock } from '../helpers/clock';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { Editor } from './proposals.harness';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const hour = 3_600_000;

const clock = new TestClock();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true, clock, env: { SESSION_TTL_HOURS: '12' } });
});
afterAll(() => server.close());

describe('session expiry', () => {
  it("closes the expired session's socket and document connection at once; its later writes are refused; another session carries on", async () => {
    const expiring = await server.login('chair.investment@forum.demo');
    clock.advance(6 * hour);
    const lasting = await server.login('chair.investment@forum.demo');
    const reader = await server.login('observer@forum.demo');
    const list = await fetch(`${server.url}/api/proposals?subcommittee=investment&status=draft`, { headers: { authorization: `Bearer ${lasting.token}` } });
    const id = ((await list.json()) as { proposals: { id: string }[] }).proposals[0]!.id;

    const socket = connect(server.url, { transports: ['websocket'], auth: { token: expiring.token }, reconnection: false, forceNew: true }) as Client;
    const ended: string[] = [];
    socket.on('session:ended', (reason) => ended.push(reason));
    await waitFor(() => socket.connected, 'the socket connects');
    const other = connect(server.url, { transports: ['websocket'], auth: { token: lasting.token }, reconnection: false, forceNew: true }) as Client;
    await waitFor(() => other.connected, 'the other socket connects');

    const expiredEditor = await Editor.open(server, id, expiring.token);
    const otherEditor = await Editor.open(server, id, lasting.token);
    const watcher = await Editor.open(server, id, reader.token);
    const closes: number[] = [];
    expiredEditor.provider.on('connection-close', (event: CloseEvent | null) => event && closes.push(event.code));
    expiredEditor.type('만료 전에 쓴 문단');
    await waitFor(() => watcher.text.includes('만료 전에 쓴 문단'), 'the write before expiry arrives');

    clock.advance(6 * hour + 60_000); // 12 h and a minute after the first sign-in

    await waitFor(() => ended.includes('expired') && !socket.connected, 'the expired session’s socket is told and closed');
    await waitFor(() => closes.includes(CloseCode.unauthenticated), 'the expired session’s document connection is refused for good');
    expect(other.connected).toBe(true);

    expiredEditor.type('만료 후에 쓴 문단');
    await waitFor(() => otherEditor.provider.wsconnected && otherEditor.provider.synced, 'the other session’s editor reconnected');
    otherEditor.type('다른 세션의 문단');
    await waitFor(() => watcher.text.includes('다른 세션의 문단'), 'the other session still writes');
    expect(watcher.text).not.toContain('만료 후에 쓴 문단');
    const stored = await Editor.open(server, id, lasting.token);
    expect(stored.text).toContain('다른 세션의 문단');
    expect(stored.text).not.toContain('만료 후에 쓴 문단');

    // The expired token opens nothing new.
    const again = connect(server.url, { transports: ['websocket'], auth: { token: expiring.token }, reconnection: false, forceNew: true }) as Client;
    const refused = await new Promise<string>((resolve) => again.on('connect_error', (error) => resolve(error.message)));
    expect(refused).toMatch(/Not signed in/);
    expect((await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${expiring.token}` } })).status).toBe(401);

    for (const e of [expiredEditor, otherEditor, watcher, stored]) e.destroy();
    for (const s of [socket, other, again]) s.disconnect();
  });
  it("a reader that only listens is closed at its session's expiry too: its document stops receiving, its socket is told and closed", async () => {
    const expiring = await server.login('observer@forum.demo');
    clock.advance(6 * hour);
    const writer = await server.login('chair.investment@forum.demo');
    const list = await fetch(`${server.url}/api/proposals?subcommittee=investment&status=draft`, { headers: { authorization: `Bearer ${writer.token}` } });
    const id = ((await list.json()) as { proposals: { id: string }[] }).proposals[0]!.id;

    const socket = connect(server.url, { transports: ['websocket'], auth: { token: expiring.token }, reconnection: false, forceNew: true }) as Client;
    const ended: string[] = [];
    socket.on('session:ended', (reason) => ended.push(reason));
    await waitFor(() => socket.connected, 'the reader’s socket connects');
    const reader = await Editor.open(server, id, expiring.token);
    const editor = await Editor.open(server, id, writer.token);
    const closes: number[] = [];
    reader.provider.on('connection-close', (event: CloseEvent | null) => event && closes.push(event.code));
    editor.type('만료 전에 읽은 문단');
    await waitFor(() => reader.text.includes('만료 전에 읽은 문단'), 'the reader receives before expiry');

    clock.advance(6 * hour + 60_000);

    await waitFor(() => ended.includes('expired') && !socket.connected, 'the reader’s socket is told and closed');
    await waitFor(() => closes.includes(CloseCode.unauthenticated), 'the reader’s document connection is refused for good');
    editor.type('만료 후에 쓴 문단');
    await editor.roundTrip();
    const check = await Editor.open(server, id, writer.token);
    expect(check.text).toContain('만료 후에 쓴 문단');
    expect(reader.text).not.toContain('만료 후에 쓴 문단');

    for (const e of [reader, editor, check]) e.destroy();
    socket.disconnect();
  });
});
