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
