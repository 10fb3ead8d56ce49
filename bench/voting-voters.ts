/**
 * A load generator of the voting benchmark, forked by bench/voting.ts: its share of the voters,
 * one socket.io-client connection each (WebSocket transport), every one watching the meeting's
 * polls as the meeting room does; on the parent's word, all cast one ballot at the same moment.
 */
import { io as connect, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '../shared/realtime/protocol';
import { monotonicMs, serve, type CastReport, type VotersRequest } from './voting-ipc';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

let clients: Client[] = [];
/** The voter's index over all generators: it picks the choice, so a run's tally is known. */
let offset = 0;

async function connectAll(url: string, meetingId: string, tokens: string[]): Promise<void> {
  // A few dozen handshakes at a time: a thousand at once only queue in the server's accept backlog.
  for (let i = 0; i < tokens.length; i += 50) {
    const batch = tokens.slice(i, i + 50).map((token) => connect(url, { transports: ['websocket'], auth: { token, bench: 'voter' }, reconnection: false, forceNew: true }) as Client);
    clients.push(...batch);
    await Promise.all(
      batch.map(async (c) => {
        if (!c.connected) await new Promise<void>((resolve, reject) => (c.once('connect', () => resolve()), c.once('connect_error', reject)));
        const watched = await c.timeout(60_000).emitWithAck('poll:watch', { meetingId });
        if (!watched.ok) throw new Error(`poll:watch refused: ${watched.error.message}`);
      }),
    );
  }
}

async function castAll(pollId: string, at: number): Promise<CastReport> {
  while (monotonicMs() < at - 2) await new Promise((resolve) => setTimeout(resolve, Math.max(1, at - monotonicMs() - 2)));
  while (monotonicMs() < at);
  const report: CastReport = { latencies: [], acked: 0, refused: {}, firstEmit: monotonicMs(), lastAck: 0 };
  await Promise.all(
    clients.map(async (c, i) => {
      const sent = monotonicMs();
      const answer = (await c.timeout(120_000).emitWithAck('poll:cast', { pollId, choices: [(offset + i) % 3 === 0 ? 'no' : 'yes'] })) as Ack;
      const now = monotonicMs();
      report.lastAck = Math.max(report.lastAck, now);
      if (answer.ok) {
        report.acked++;
        report.latencies.push(now - sent);
      } else {
        const reason = answer.error.reason ?? answer.error.message;
        report.refused[reason] = (report.refused[reason] ?? 0) + 1;
      }
    }),
  );
  return report;
}

serve<VotersRequest>(null, async (request) => {
  switch (request.type) {
    case 'connect':
      offset = request.offset;
      return connectAll(request.url, request.meetingId, request.tokens);
    case 'cast':
      return castAll(request.pollId, request.at);
    case 'disconnect':
      for (const c of clients) c.disconnect();
      clients = [];
      return null;
    default:
      return request satisfies never;
  }
});
process.once('disconnect', () => process.exit(0));
