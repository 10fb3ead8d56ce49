import type { MeetingStatus } from '../../shared/meetings/state-machine';
import type { User } from '../../shared/domain';
import type { MeetingState } from '../../shared/schemas/meetings';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { DocKind } from '../documents';
import type { ClusterBus } from '../cluster/bus';
import type { Ephemeral } from '../ephemeral/ephemeral';
import type { Logger } from '../logger';
import type { PresenceService } from '../presence/presence-service';
import type { ForumServer, SocketModule } from '../realtime/socket-server';
import type { Store } from '../store/store';
import { MeetingBroadcaster } from './broadcast';
import { LiveMeetingState } from './live-state';
import { MeetingService, type MeetingServiceDeps } from './meeting-service';
import { MeetingMinutes, minutesDocKind, type MinutesDocuments } from './minutes';
import { MeetingRoom, meetingRoom } from './room';
import { meetingSocketModule } from './socket';

export { meetingRoutes } from './routes';
export { meetingRoom } from './room';
export { writePollResult } from './minutes';

/** The meetings domain, assembled. */
export interface Meetings {
  service: MeetingService;
  room: MeetingRoom;
  /** `minutes:<meetingId>` documents. */
  docKind: DocKind;
  socketModule: SocketModule;
  /** What other domains (polls) ask of meetings. */
  port: {
    meeting(id: string): Promise<{ id: string; status: MeetingStatus; chairId: string | null; agendaProposalIds: string[] } | null>;
    isCheckedIn(meetingId: string, userId: string): Promise<boolean>;
    room(meetingId: string): string;
  };
  /** The minutes documents, for the action items read out of them and written into them. */
  minutes: MeetingMinutes;
  /** Tells every instance that a meeting changed (its room receives the new state). */
  changed(meetingId: string): void;
  /** A person's role changed: their connections here move to the audience it gives (MeetingBroadcaster.regroup). */
  regroup(user: User): Promise<void>;
  /** Starts sending states to meeting rooms (once Socket.IO exists). */
  start(io: ForumServer): Promise<void>;
  stop(): Promise<void>;
}

export function createMeetings(d: {
  store: Store;
  ephemeral: Ephemeral;
  bus: ClusterBus;
  presence: PresenceService;
  documents: MinutesDocuments;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  presenceTtlMs: number;
  /** See MeetingServiceDeps.beforeEnd. */
  beforeEnd?: MeetingServiceDeps['beforeEnd'];
  announce?: MeetingServiceDeps['announce'];
}): Meetings {
  const live = new LiveMeetingState(d.ephemeral);
  const minutes = new MeetingMinutes(d.documents, d.store.meetings);
  // The broadcaster builds states through the room, which is created below; it runs only after start().
  const broadcaster: MeetingBroadcaster = new MeetingBroadcaster({
    ephemeral: d.ephemeral,
    bus: d.bus,
    presence: d.presence,
    logger: d.logger,
    build: (meetingId): Promise<MeetingState | null> => room.state(meetingId),
    currentItem: (meetingId) => room.currentItem(meetingId),
    audienceFor: (user, meetingId) => room.audienceFor(user, meetingId),
    now: () => d.clock.now(),
    forget: (meetingId) => room.forget(meetingId),
    sweepMs: Math.max(250, Math.floor(d.presenceTtlMs / 3)),
  });
  const service: MeetingService = new MeetingService({
    store: d.store,
    minutes,
    live,
    audit: d.audit,
    clock: d.clock,
    events: broadcaster,
    presentUserIds: async (meetingId) => (await d.presence.online(meetingRoom(meetingId))).map((u) => u.userId),
    beforeEnd: d.beforeEnd,
    announce: d.announce,
  });
  const room: MeetingRoom = new MeetingRoom({ store: d.store, service, minutes, live, presence: d.presence, audit: d.audit, clock: d.clock, events: broadcaster });
  return {
    service,
    room,
    docKind: minutesDocKind(d.store.meetings),
    socketModule: meetingSocketModule(service, room, broadcaster, d.logger),
    minutes,
    changed: (meetingId) => {
      room.forget(meetingId);
      broadcaster.changed(meetingId);
    },
    port: {
      async meeting(id) {
        const m = await d.store.meetings.get(id);
        if (!m) return null;
        const agenda = await d.store.meetings.agenda(id);
        return { id: m.id, status: m.status, chairId: m.chairId, agendaProposalIds: agenda.flatMap((i) => (i.proposalId ? [i.proposalId] : [])) };
      },
      async isCheckedIn(meetingId, userId) {
        return d.store.meetings.isCheckedIn(meetingId, userId);
      },
      room: meetingRoom,
    },
    regroup: (user) => broadcaster.regroup(user),
    start: (io) => broadcaster.start(io),
    stop: () => broadcaster.stop(),
  };
}
