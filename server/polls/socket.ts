import type { Ack } from '../../shared/realtime/protocol';
import type { PollWithMine } from '../../shared/realtime/polls';
import type { Result } from '../../shared/result';
import type { Logger } from '../logger';
import type { ForumServer, ForumSocket, SocketModule } from '../realtime/socket-server';
import { validated } from '../realtime/validated';
import type { PollEvents, PollService } from './poll-service';
import { CountPacer } from './count-pacer';
import type { PollRecord } from './poll-store';
import type { MeetingPort } from './ports';

/** Sockets of users who voted in a poll: they may see its counts when the poll shows them after voting. */
export const votedRoom = (pollId: string): string => `poll:${pollId}:voted`;

const answer = <T extends object>(result: Result<T>): Ack<T> => (result.ok ? { ok: true, ...result.value } : { ok: false, error: result.error });

/** The poll events of one connection (docs/realtime.md, Polls). */
export function pollSocketModule(service: PollService, meetings: MeetingPort, logger: Logger): SocketModule {
  return (socket: ForumSocket) => {
    const user = () => socket.data.user;

    socket.on(
      'poll:watch',
      validated(socket, 'poll:watch', logger, async ({ meetingId }): Promise<Ack<{ polls: PollWithMine[] }>> => {
        if (!(await service.meetingExists(meetingId))) return { ok: false, error: { code: 'not_found', message: 'No such meeting.', reason: 'missing.meeting' } };
        await socket.join(meetings.room(meetingId));
        const polls = await service.forMeeting(user(), meetingId);
        const voted = polls.filter((p) => p.mine.voted || p.mine.castFor.some((c) => c.voted));
        if (voted.length > 0) await socket.join(voted.map((p) => votedRoom(p.poll.id)));
        return { ok: true, polls };
      }),
    );
    socket.on(
      'poll:unwatch',
      validated(socket, 'poll:unwatch', logger, async ({ meetingId }) => {
        await socket.leave(meetings.room(meetingId));
        return { ok: true };
      }),
    );
    socket.on(
      'poll:open',
      validated(socket, 'poll:open', logger, async ({ pollId }) => answer(wrap(await service.open(user(), pollId)))),
    );
    socket.on(
      'poll:close',
      validated(socket, 'poll:close', logger, async ({ pollId }) => answer(wrap(await service.close(user(), pollId)))),
    );
    socket.on(
      'poll:cancel',
      validated(socket, 'poll:cancel', logger, async ({ pollId }) => answer(wrap(await service.cancel(user(), pollId)))),
    );
    socket.on(
      'poll:cast',
      validated(socket, 'poll:cast', logger, async (payload) => answer(await service.cast(user(), payload))),
    );
  };
}

const wrap = <T>(result: Result<T>): Result<{ poll: T }> => (result.ok ? { ok: true, value: { poll: result.value } } : result);

/**
 * Tells meeting rooms about polls. Status changes go out at once; ballot counts
 * are paced per poll (count-pacer.ts: a thousand ballots must not become a million
 * messages), and sends for one poll are kept in order.
 */
export class PollBroadcaster implements PollEvents {
  /** The polls whose counts wait for the pacer, as last announced. */
  private readonly counted = new Map<string, PollRecord>();
  private readonly pacer: CountPacer;
  private readonly chains = new Map<string, Promise<void>>();

  constructor(
    private readonly io: ForumServer,
    private readonly service: PollService,
    private readonly meetings: MeetingPort,
    private readonly logger: Logger,
  ) {
    this.pacer = new CountPacer((pollId) => {
      const poll = this.counted.get(pollId);
      this.counted.delete(pollId);
      if (poll) this.enqueue(pollId, () => this.sendState(poll));
    });
  }

  changed(poll: PollRecord, urgent: boolean): void {
    if (urgent) {
      this.pacer.cancel(poll.id);
      this.counted.delete(poll.id);
      this.enqueue(poll.id, () => this.sendState(poll));
      return;
    }
    this.counted.set(poll.id, poll);
    this.pacer.changed(poll.id);
  }

  closed(poll: PollRecord): void {
    this.enqueue(poll.id, async () => {
      const view = await this.service.view(poll.id, 'public');
      this.io.to(this.meetings.room(poll.meetingId)).emit('poll:result', { pollId: poll.id, meetingId: poll.meetingId, result: view.result!, poll: view });
    });
  }

  voted(poll: PollRecord, userIds: string[]): void {
    // One call for a group of ballots: with several instances, one message between them.
    this.io.in(userIds.map((id) => `user:${id}`)).socketsJoin(votedRoom(poll.id));
  }

  /**
   * After a Redis outage the rooms on this instance missed what other instances broadcast:
   * each poll of a meeting with sockets here goes to those sockets again (local: every
   * instance does the same for its own).
   */
  resendLocal(): void {
    const prefix = this.meetings.room('');
    for (const room of this.io.of('/').adapter.rooms.keys()) {
      if (!room.startsWith(prefix)) continue;
      this.enqueueMeeting(room.slice(prefix.length));
    }
  }

  private enqueueMeeting(meetingId: string): void {
    void this.service
      .pollsOf(meetingId)
      .then((polls) => polls.forEach((poll) => this.enqueue(poll.id, () => this.sendState(poll, this.io.local))))
      .catch((error: unknown) => this.logger.warn({ err: error, meetingId }, 'polls not sent again'));
  }

  stop(): void {
    this.pacer.stop();
    this.counted.clear();
  }

  private enqueue(pollId: string, send: () => Promise<void>): void {
    const next = (this.chains.get(pollId) ?? Promise.resolve())
      .then(send)
      .catch((error: unknown) => this.logger.warn({ err: error, pollId }, 'poll broadcast failed'));
    this.chains.set(pollId, next);
    void next.then(() => {
      if (this.chains.get(pollId) === next) this.chains.delete(pollId);
    });
  }

  private async sendState(poll: PollRecord, to: Pick<ForumServer, 'to'> = this.io): Promise<void> {
    const room = this.meetings.room(poll.meetingId);
    const [everyone, voters] = await Promise.all([this.service.view(poll.id, 'public'), this.service.view(poll.id, 'voted')]);
    if (everyone.status === 'draft') return; // drafts are not the room's business yet
    if (everyone.counts === null && voters.counts !== null) {
      to.to(room).except(votedRoom(poll.id)).emit('poll:state', everyone);
      to.to(votedRoom(poll.id)).emit('poll:state', voters);
    } else {
      to.to(room).emit('poll:state', everyone);
    }
  }
}
