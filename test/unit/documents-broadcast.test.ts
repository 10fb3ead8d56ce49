import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { Broadcast } from '../../server/documents/broadcast';

let wss: WebSocketServer | undefined;
afterEach(async () => {
  for (const ws of wss?.clients ?? []) ws.terminate();
  await new Promise((resolve) => wss?.close(resolve));
});

/** A real ws server with `count` clients; resolves with the server-side sockets and what each client receives. */
async function sockets(count: number) {
  wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => wss!.once('listening', resolve));
  const port = (wss.address() as AddressInfo).port;
  const serverSide: WebSocket[] = [];
  wss.on('connection', (ws) => serverSide.push(ws));
  const received: Buffer[][] = [];
  await Promise.all(
    Array.from({ length: count }, (_, i) => {
      received.push([]);
      const client = new WebSocket(`ws://127.0.0.1:${port}`);
      client.on('message', (data: Buffer, isBinary) => isBinary && received[i]!.push(data));
      return new Promise((resolve) => client.once('open', resolve));
    }),
  );
  while (serverSide.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
  return { serverSide, received };
}

describe('Broadcast', () => {
  it('frames a message once and every socket receives it whole, at each header size', async () => {
    const { serverSide, received } = await sockets(3);
    // 7-bit, 16-bit and 64-bit payload lengths; a view into a larger buffer, as encoders return.
    const payloads = [10, 300, 70_000].map((n) => new Uint8Array(n + 8).map((_, i) => i % 251).subarray(4, n + 4));
    for (const bytes of payloads) {
      const message = new Broadcast(bytes);
      for (const ws of serverSide) message.writeTo(ws);
    }
    await expect.poll(() => received.map((r) => r.length)).toEqual([3, 3, 3]);
    for (const messages of received) expect(messages.map((m) => [...m])).toEqual(payloads.map((p) => [...p]));
  });
});

/**
 * The framed path reaches into ws's private `_sender`: ws is pinned exactly so an upgrade is a
 * deliberate change that this file checks, and a socket without that sender still gets every message.
 */
describe('Broadcast over ws internals', () => {
  it('depends on an exactly pinned ws, whose sockets have the sender it writes through', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies.ws).toMatch(/^\d+\.\d+\.\d+$/);
    const { serverSide, received } = await sockets(1);
    const ws = serverSide[0]!;
    let plainSends = 0;
    const send = ws.send.bind(ws);
    ws.send = ((...args: Parameters<typeof send>) => (plainSends++, send(...args))) as typeof ws.send;
    new Broadcast(new Uint8Array([1, 2, 3])).writeTo(ws);
    await expect.poll(() => received[0]!.length).toBe(1);
    expect(plainSends).toBe(0);
  });

  it('falls back to send, whole and in order, when a socket has no sender', async () => {
    const { serverSide, received } = await sockets(2);
    // The same socket seen without `_sender`, as a ws version without it would be.
    const senderless = (ws: WebSocket) =>
      new Proxy(ws, {
        get: (target, key) => {
          if (key === '_sender') return undefined;
          const value = Reflect.get(target, key, target) as unknown;
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
    const payloads = [new Uint8Array([9, 8, 7]), new Uint8Array(70_000).fill(5)];
    for (const bytes of payloads) {
      const message = new Broadcast(bytes);
      message.writeTo(senderless(serverSide[0]!));
      message.writeTo(serverSide[1]!);
    }
    await expect.poll(() => received.map((r) => r.length)).toEqual([2, 2]);
    for (const messages of received) expect(messages.map((m) => [...m])).toEqual(payloads.map((p) => [...p]));
  });
});
