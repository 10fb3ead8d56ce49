/**
 * The page's Socket.IO connection (client/realtime/socket-controller.ts) against a real
 * Socket.IO server in this process: a connection the server refuses is not retried by
 * Socket.IO itself, so the controller tries again after five seconds — on fake timers
 * (the client's own timers too: it is made after they are faked), the network real.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { io } from 'socket.io-client';
import { describe, expect, it, vi } from 'vitest';
import { SocketController, type ClientSocket } from '../../../../client/realtime/socket-controller';
import { ControllerHost, delivered, listen, useFakeTimeouts } from '../../../helpers/controller-host';

/** A Socket.IO server that refuses the first `refuse` connections, as the session middleware refuses a signed-out one. */
async function refusingServer(refuse: number) {
  const http = createServer();
  const server = new Server(http);
  const state = { attempts: 0 };
  server.use((_socket, next) => (++state.attempts <= refuse ? next(new Error('unauthenticated')) : next()));
  const url = `http://${await listen(http)}`;
  defer(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url, state };
}

const defer = useFakeTimeouts();

function controllerOn(url: string) {
  const host = new ControllerHost();
  defer(() => host.disconnect());
  const sockets: ClientSocket[] = [];
  let refused = 0;
  const controller = new SocketController(host, {
    open: () => {
      const socket: ClientSocket = io(url, { transports: ['websocket'], autoConnect: false, forceNew: true });
      sockets.push(socket);
      return socket;
    },
    onRefused: () => refused++,
  });
  return { host, controller, sockets, refused: () => refused };
}

describe('SocketController', () => {
  it('connects when its host connects', async () => {
    const server = await refusingServer(0);
    const { host, controller } = controllerOn(server.url);
    expect(controller.socket).toBeNull();
    host.connect();
    expect(controller.status).toBe('connecting');
    await delivered(() => controller.status === 'connected', 'connected');
    expect(host.updates).toBeGreaterThan(0);
  });

  it('tries a refused connection again after five seconds, and not before', async () => {
    const server = await refusingServer(1);
    const { host, controller, sockets, refused } = controllerOn(server.url);
    host.connect();
    await delivered(() => refused() === 1, 'refused');
    expect(controller.status).toBe('disconnected');
    // Socket.IO gave up on it (a refusal is final for the client), so only the controller can try again.
    expect(sockets[0]!.active).toBe(false);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(sockets[0]!.active).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets[0]!.active).toBe(true);
    await delivered(() => controller.status === 'connected', 'connected');
    expect(server.state.attempts).toBe(2);
    expect(sockets).toHaveLength(1);
  });

  it('does not try again once its host has gone', async () => {
    const server = await refusingServer(1);
    const { host, controller, sockets, refused } = controllerOn(server.url);
    host.connect();
    await delivered(() => refused() === 1, 'refused');
    host.disconnect();
    expect(controller.socket).toBeNull();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sockets[0]!.active).toBe(false);
    expect(server.state.attempts).toBe(1);
  });
});
