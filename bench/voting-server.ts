/**
 * The voting benchmark's server: the real forum (`startForum`, as server/main.ts runs it, in demo
 * mode, on DATA_DIR or DATABASE_URL and REDIS_URL from the environment) in a process of its own,
 * forked by bench/voting.ts. Besides serving, it answers the parent's setup requests over IPC
 * (voting-ipc.ts), so that V voters are seated without V password hashes; it does nothing else
 * while the ballots arrive.
 *
 * Voters' sockets leave the forum-wide presence room once connected: the presence list is
 * re-sent to everyone there on every join, which is presence's cost, not a vote's.
 */
import { startForum, type Forum } from '../server/app';
import { Sessions } from '../server/auth/sessions';
import { systemClock } from '../server/clock';
import { loadConfig } from '../server/config';
import { newId } from '../server/ids';
import { createLogger } from '../server/logger';
import { FORUM_SCOPE } from '../server/presence/socket';
import type { User } from '../shared/domain';
import { CreateMeetingBody } from '../shared/schemas/meetings';
import { CreatePollBody } from '../shared/schemas/polls';
import { serve, type Seated, type ServerRequest } from './voting-ipc';

async function seat(forum: Forum, ministry: User, n: number): Promise<Seated> {
  const meeting = await forum.meetings.service.create(ministry, CreateMeetingBody.parse({ title: `표결 벤치마크 ${n}`, startsAt: new Date().toISOString() }));
  if (!meeting.ok) throw new Error(meeting.error.message);
  const meetingId = meeting.value.id;
  const started = await forum.meetings.service.start(ministry, meetingId);
  if (!started.ok) throw new Error(started.error.message);

  const sessions = new Sessions(forum.store.auth, systemClock, 3_600_000);
  const createdAt = new Date().toISOString();
  const tag = newId().toLowerCase();
  const tokens = await Promise.all(
    Array.from({ length: n }, async (_x, i) => {
      const user = await forum.store.auth.createUser({
        id: newId(),
        email: `bench${i}.${tag}@forum.test`,
        name: `투표자 ${i}`,
        role: 'staff',
        subcommittee: null,
        passwordHash: null,
        createdAt,
      });
      await forum.store.meetings.checkIn(meetingId, user.id, createdAt);
      return (await sessions.create(user.id)).token;
    }),
  );
  // Open to a role, as most polls are: voters of earlier steps stay eligible without voting.
  const body = CreatePollBody.parse({ title: `벤치마크 ${n}`, eligibility: { roles: ['staff'], userIds: [] } });
  const created = await forum.polls.service.create(ministry, meetingId, body);
  if (!created.ok) throw new Error(created.error.message);
  return { meetingId, pollId: created.value.poll.id, tokens };
}

async function main(): Promise<void> {
  const loaded = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' }, true);
  if (!loaded.ok) throw new Error(loaded.message);
  const forum = await startForum(loaded.config, { logger: createLogger('silent') });
  forum.io.on('connection', (socket) => {
    if (socket.handshake.auth.bench === 'voter') void socket.leave(FORUM_SCOPE);
  });
  const record = await forum.store.auth.userByEmail('ministry@forum.demo');
  if (!record) throw new Error('no ministry@forum.demo; the bench runs in demo mode');
  const { passwordHash: _, ...ministry } = record;

  const stop = () => {
    void forum.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('disconnect', stop);

  serve<ServerRequest>({ url: forum.url, store: forum.store.kind, ephemeral: forum.ephemeral.kind }, async (request) => {
    switch (request.type) {
      case 'seat':
        return seat(forum, ministry, request.voters);
      case 'open': {
        const opened = await forum.polls.service.open(ministry, request.pollId);
        if (!opened.ok) throw new Error(opened.error.message);
        return null;
      }
      case 'close': {
        const closed = await forum.polls.service.close(ministry, request.pollId);
        if (!closed.ok) throw new Error(closed.error.message);
        return closed.value.result?.ballots ?? -1;
      }
      case 'ping':
        return null;
      default:
        return request satisfies never;
    }
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
