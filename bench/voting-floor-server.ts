/**
 * The floor under the voting benchmark (`VOTING_FLOOR=1 npx tsx bench/voting.ts`): a bare Socket.IO
 * server with the forum's options, speaking the same IPC as bench/voting-server.ts, that answers
 * `poll:watch` and `poll:cast` at once — no session, no rate limit, no permission, no store. The
 * same two load generators cast against it, so what it measures is what a ballot costs before the
 * forum does anything: the connections, the framing and the acknowledgement, on this machine.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { limits } from '../shared/limits';
import { serve, type Seated, type ServerRequest } from './voting-ipc';

async function main(): Promise<void> {
  const http = createServer();
  // The forum's options (server/realtime/socket-server.ts), without connection state recovery (memory).
  const io = new Server(http, { serveClient: false, maxHttpBufferSize: limits.socketPayloadBytes, pingInterval: 10_000, pingTimeout: 10_000 });
  const cast = new Map<string, number>();
  io.on('connection', (socket) => {
    socket.on('poll:watch', (_body: unknown, ack: (answer: unknown) => void) => ack({ ok: true, polls: [] }));
    socket.on('poll:cast', (body: { pollId: string }, ack: (answer: unknown) => void) => {
      cast.set(body.pollId, (cast.get(body.pollId) ?? 0) + 1);
      ack({ ok: true });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  const stop = () => {
    void io.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('disconnect', stop);

  let polls = 0;
  serve<ServerRequest>({ url, store: 'none (floor)', ephemeral: 'none (floor)' }, async (request) => {
    switch (request.type) {
      case 'seat':
        return { meetingId: 'floor', pollId: `floor-${++polls}`, tokens: Array.from({ length: request.voters }, (_x, i) => `voter-${i}`) } satisfies Seated;
      case 'open':
      case 'ping':
        return null;
      case 'close':
        return cast.get(request.pollId) ?? 0;
      default:
        return request satisfies never;
    }
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
