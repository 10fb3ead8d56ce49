import type { MeetingStatus } from '../../shared/meetings/state-machine';
import type { z } from 'zod';
import type { Ack } from '../../shared/realtime/ack';
import { meetingSchemas } from '../../shared/realtime/meetings';
import { err, type Result } from '../../shared/result';
import type { Logger } from '../logger';
import type { ForumSocket } from '../realtime/socket-server';
import { validated } from '../realtime/validated';
import type { MeetingService } from './meeting-service';
import type { RoomAudience, VersionedMeetingState } from '../../shared/schemas/meetings';
import { audienceIn, audienceRoom, meetingRoom, type MeetingRoom } from './room';

type Event = keyof typeof meetingSchemas;
type Payload<E extends Event> = z.output<(typeof meetingSchemas)[E]>;

const toAck = <T extends object>(result: Result<T>): Ack<T> => (result.ok ? { ok: true, ...result.value } : result);
const notJoined = () => err('conflict', 'Join the meeting first (meeting:join).', 'meeting.not_joined');
const gone = () => err('not_found', 'No such meeting.', 'missing.meeting');

/** Full states of a room, from the broadcaster that numbers its deltas. */
export interface RoomSnapshots {
  snapshot(meetingId: string, audience: RoomAudience, fresh: boolean): Promise<VersionedMeetingState | null>;
}

/** The meeting events of one connection (docs/realtime.md, Meetings). */
export function meetingSocketModule(service: MeetingService, room: MeetingRoom, snapshots: RoomSnapshots, logger: Logger) {
  return (socket: ForumSocket) => {
    /**
     * The meetings this connection joined. The audience it is in for each is the audience room it
     * is in: a role change moves it there (MeetingBroadcaster.regroup).
     */
    const joined = new Set<string>();
    const audience = (meetingId: string) => audienceIn(socket.rooms, meetingId);
    const user = () => socket.data.user;
    const on = <E extends Event, T extends object>(event: E, handler: (payload: Payload<E>) => Promise<Result<T>>) => {
      const listener = validated(socket, event, logger, async (payload) => toAck(await handler(payload as Payload<E>)));
      socket.on(event as 'meeting:join', listener);
    };
    /** For events that only make sense from inside the room. */
    const inside = <E extends Event, T extends object>(event: E, handler: (payload: Payload<E>) => Promise<Result<T>>) =>
      on(event, async (payload: Payload<E>) => (joined.has(payload.meetingId) ? handler(payload) : notJoined()));

    on('meeting:join', async ({ meetingId }) => {
      await socket.join(meetingRoom(meetingId));
      const entered = await room.join(user(), socket.id, meetingId);
      if (!entered.ok) {
        if (!joined.has(meetingId)) await socket.leave(meetingRoom(meetingId));
        return entered;
      }
      const now = entered.value.audience;
      const before = audience(meetingId);
      if (before && before !== now) await socket.leave(audienceRoom(meetingId, before));
      // In the audience's room before the state is built, so that no change falls between the two.
      await socket.join(audienceRoom(meetingId, now));
      joined.add(meetingId);
      const snapshot = await snapshots.snapshot(meetingId, now, true);
      return snapshot ? { ok: true, value: snapshot } : gone();
    });
    on('meeting:leave', async ({ meetingId }) => {
      const from = audience(meetingId);
      if (!joined.delete(meetingId) || !from) return notJoined();
      await socket.leave(meetingRoom(meetingId));
      await socket.leave(audienceRoom(meetingId, from));
      await room.leave(user(), socket.id, meetingId);
      return { ok: true, value: {} };
    });
    inside('meeting:sync', async ({ meetingId }) => {
      const snapshot = await snapshots.snapshot(meetingId, audience(meetingId)!, false);
      return snapshot ? { ok: true, value: snapshot } : gone();
    });
    inside('meeting:presence', ({ meetingId, location, idle }) => room.update(user(), socket.id, meetingId, location, idle));

    const status = (r: Result<{ status: MeetingStatus }>) => (r.ok ? { ok: true as const, value: { status: r.value.status } } : r);
    on('meeting:start', async ({ meetingId }) => status(await service.start(user(), meetingId)));
    on('meeting:end', async ({ meetingId }) => status(await service.end(user(), meetingId)));
    on('meeting:setCurrentItem', ({ meetingId, itemId }) => service.setCurrentItem(user(), meetingId, itemId));

    inside('meeting:raiseHand', ({ meetingId }) => room.raiseHand(user(), meetingId));
    on('meeting:lowerHand', ({ meetingId, userId }) => room.lowerHand(user(), meetingId, userId));
    on('meeting:giveFloor', ({ meetingId, userId }) => room.giveFloor(user(), meetingId, userId));
    on('meeting:endFloor', ({ meetingId }) => room.endFloor(user(), meetingId));
    inside('meeting:checkIn', ({ meetingId }) => room.checkIn(user(), meetingId));
    inside('meeting:follow', ({ meetingId, following }) => room.follow(user(), meetingId, following));
    inside('meeting:present', ({ meetingId, view }) => room.present(user(), meetingId, view));

    socket.on('disconnect', () => {
      for (const meetingId of joined) {
        void room.leave(user(), socket.id, meetingId).catch((error) => logger.warn({ err: error, meetingId }, 'meeting leave failed'));
      }
      joined.clear();
    });
  };
}
