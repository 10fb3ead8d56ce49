/**
 * Clients that drop while a meeting goes on, with two instances on one redis-server (issue 16.3):
 * Socket.IO's connection state recovery over the Redis stream gives a client back what it missed,
 * on whichever instance it returns to; when recovery fails (Redis restarted empty meanwhile) the
 * client fetches the room again, as the browser's RoomMembership does after every reconnect.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PollView } from '../../shared/schemas/polls';
import { mustRefetch } from '../../client/realtime/reconnect';
import { waitFor, type TestServer } from '../helpers/server';
import { cleanUp, cluster, health, joinRoom, liveMeeting, login, must, restartRedis, socket, type Client } from './redis-outage.harness';

afterEach(cleanUp);

/** A client that keeps each `poll:result` it hears. */
type Watcher = Client & { results: string[] };

/** A chair's socket in the meeting room, reconnected only when the test says so. */
async function watcher(server: TestServer, email: string, meetingId: string): Promise<Watcher> {
  const client = (await socket(server, await login(server, email), { reconnection: false })) as Watcher;
  client.results = [];
  client.on('poll:result', ({ pollId }) => client.results.push(pollId));
  await joinRoom(client, meetingId);
  return client;
}

/** The client's network drops: its transport closes and the server lets go of the connection. */
async function drop(client: Client, server: TestServer) {
  const id = client.id!;
  client.io.engine.close();
  await waitFor(() => !server.io.of('/').sockets.has(id), 'the server to notice the drop');
}

/** Connects again, through `server` (a load balancer may send it to another instance). */
async function reconnect(client: Client, server: TestServer) {
  (client.io as unknown as { uri: string }).uri = server.url;
  client.connect();
  await waitFor(() => client.connected, 'the client to reconnect');
}

/** What RoomMembership and the poll feed do on a connect: join the meeting and watch its polls, keeping the answers. */
async function fetchRoom(client: Client, meetingId: string) {
  await joinRoom(client, meetingId);
  const watched = await must(client, 'poll:watch', { meetingId });
  for (const { poll } of watched.polls as { poll: PollView }[]) client.polls.set(poll.id, poll);
}

describe('a client that drops for a moment', () => {
  it('gets the poll results it missed when it returns, to its own instance or the other, without asking again', async () => {
    const { a, b } = await cluster();
    const { meeting, poll, admin, chairs } = await liveMeeting(a, b);
    const [back, moved] = [await watcher(b, 'chair.productivity@forum.demo', meeting.id), await watcher(b, 'chair.ecosystem@forum.demo', meeting.id)];
    await drop(back, b);
    await drop(moved, b);

    // While they are away: a ballot on B, the poll closed on A.
    await must(chairs[0]!, 'poll:cast', { pollId: poll.id, choices: ['yes'] });
    await must(admin, 'poll:close', { pollId: poll.id });
    await waitFor(() => chairs[1]!.polls.get(poll.id)?.status === 'closed', 'a connected chair on B to hear of the close');

    await reconnect(back, b);
    await reconnect(moved, a);
    for (const client of [back, moved]) {
      expect(client.recovered).toBe(true);
      expect(mustRefetch(client)).toBe(false);
      await waitFor(() => client.results.includes(poll.id), 'the missed poll result to arrive');
      expect(client.polls.get(poll.id)).toMatchObject({ status: 'closed', votedCount: 1, result: { ballots: 1, counts: { yes: 1 } } });
    }
  }, 60_000);

  it('after a Redis restart that emptied it: is not recovered, fetches the room, and every client on both instances shows the current item, speaker and poll', async () => {
    const { a, b, redis } = await cluster();
    const { meeting, poll, admin, chairs } = await liveMeeting(a, b);
    const [, nextItem] = meeting.agenda.map((i) => i.id);
    const before = await watcher(b, 'chair.productivity@forum.demo', meeting.id);
    const during = await watcher(a, 'chair.ecosystem@forum.demo', meeting.id);
    await drop(before, b); // its session is kept in Redis, which is about to forget it

    await redis.stop();
    await waitFor(async () => (await health(a)).status === 'degraded', 'health to say degraded');
    await drop(during, a); // its session cannot even be stored
    await must(admin, 'meeting:setCurrentItem', { meetingId: meeting.id, itemId: nextItem });
    await must(chairs[0]!, 'poll:cast', { pollId: poll.id, choices: ['no'] });
    await restartRedis(redis);
    for (const server of [a, b]) await waitFor(async () => (await health(server)).status === 'ok', 'health to say ok again');
    await must(chairs[1]!, 'meeting:raiseHand', { meetingId: meeting.id });

    await reconnect(before, a);
    await reconnect(during, b);
    for (const client of [before, during]) {
      expect(client.recovered).toBe(false);
      expect(mustRefetch(client)).toBe(true);
      await fetchRoom(client, meeting.id);
    }
    const speaker = await waitFor(() => admin.meeting?.speakers.queue[0], 'the raised hand on the ministry’s instance');
    for (const client of [admin, ...chairs, before, during]) {
      await waitFor(() => client.meeting?.meeting.currentItemId === nextItem, 'every client on the current item');
      await waitFor(() => client.meeting?.speakers.queue[0]?.userId === speaker.userId, 'every client with the speaker');
      await waitFor(() => client.polls.get(poll.id)?.votedCount === 1, 'every client with the ballot');
    }
  }, 60_000);
});
