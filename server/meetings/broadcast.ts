import type { User } from '../../shared/domain';
import { applyMeetingDelta, changedFields, meetingChanges, stateFor } from '../../shared/meetings/room-state';
import { RoomAudience, type MeetingState, type PresenterState, type VersionedMeetingState } from '../../shared/schemas/meetings';
import type { ClusterBus } from '../cluster/bus';
import type { BusMessage } from '../cluster/messages';
import type { Ephemeral, Unsubscribe } from '../ephemeral/ephemeral';
import type { Logger } from '../logger';
import type { PresenceService } from '../presence/presence-service';
import type { ForumServer } from '../realtime/socket-server';
import { audienceIn, audienceRoom, meetingRoom, type CurrentItem, type RoomEvents } from './room';

const ROOM_PREFIX = 'meeting:';
/** One of a person's sockets on this instance, as Socket.IO hands them out by room. */
type MemberSocket = Awaited<ReturnType<ReturnType<ForumServer['in']>['fetchSockets']>>[number];
/** Presence changes come in bursts (a room filling up); one build per this many ms is enough. */
const PRESENCE_COALESCE_MS = 200;

interface Slot {
  running: boolean;
  /** Full builds asked for, counted; `built` is the count the last finished build covers. */
  requested: number;
  built: number;
  /** A move of the current item was announced and is not yet sent (a full build that starts later covers it). */
  moved: boolean;
  /** Those waiting for a build that started after they asked (a join's full state). */
  waiters: { upTo: number; resolve: () => void }[];
  timer: NodeJS.Timeout | undefined;
  /** What this instance last built for the room (as participants see it); null before the first build. */
  last: MeetingState | null;
  /** Where each audience's stream of deltas stands on this instance. */
  versions: Record<RoomAudience, number>;
}

const newSlot = (): Slot => ({
  running: false,
  requested: 0,
  built: 0,
  moved: false,
  waiters: [],
  timer: undefined,
  last: null,
  versions: { participants: 0, observers: 0 },
});

/**
 * Sends each meeting room what changed. A change is announced on the ephemeral
 * pub/sub; every instance then builds the state, compares it with the last one it
 * built and sends each audience of its own sockets in the room (`io.local`) one
 * delta, so several instances each reach theirs once and Socket.IO encodes each
 * delta once per audience, not per socket. Each audience's deltas are numbered
 * (per meeting and instance); a join, or a client that saw a number skipped, gets
 * the full state with the number it stands at (`snapshot`). Builds for one meeting
 * never overlap and the latest always wins. A sweep every third of the presence TTL
 * notices entries that expired silently (a crashed browser or server).
 *
 * An agenda move, the change a meeting makes most while a large audience follows, is not
 * a build: the current item alone is read again (the latest wins as with builds, in the
 * same queue) and its changed fields go out as they are, without reading who is present
 * or comparing the whole state. The full state is built for joins, for every other change
 * and for the sweeps.
 */
export class MeetingBroadcaster implements RoomEvents {
  private io: ForumServer | undefined;
  private readonly slots = new Map<string, Slot>();
  private readonly stops: (Unsubscribe | (() => void))[] = [];

  constructor(
    private readonly d: {
      ephemeral: Ephemeral;
      /** Changes announced to and by the other instances (the `meeting` topic). */
      bus: ClusterBus;
      presence: PresenceService;
      logger: Logger;
      build(meetingId: string): Promise<MeetingState | null>;
      /** The meeting's current item as stored now; null when the meeting is gone. */
      currentItem(meetingId: string): Promise<CurrentItem | null>;
      /** The audience a person's role gives them in a meeting now; null when it is gone. */
      audienceFor(user: User, meetingId: string): Promise<RoomAudience | null>;
      now(): number;
      forget(meetingId: string): void;
      sweepMs: number;
    },
  ) {}

  async start(io: ForumServer): Promise<void> {
    this.io = io;
    this.stops.push(
      this.d.bus.on('meeting', (message) => this.receive(message)),
      this.d.presence.onChanged((scope) => {
        if (scope.startsWith(ROOM_PREFIX)) this.schedule(scope.slice(ROOM_PREFIX.length), true);
      }),
    );
    // What other instances announced during a Redis outage never arrived: build every room again.
    this.stops.push(this.d.ephemeral.onReconnected(() => this.rebuild()));
    const timer = setInterval(() => this.rebuild(true), this.d.sweepMs);
    timer.unref();
    this.stops.push(() => clearInterval(timer));
  }

  async stop(): Promise<void> {
    for (const slot of this.slots.values()) clearTimeout(slot.timer);
    await Promise.all(this.stops.splice(0).map((stop) => stop()));
  }

  /** Builds every room on this instance again; what changed is sent as usual. */
  rebuild(coalesce = false): void {
    for (const room of this.io?.of('/').adapter.rooms.keys() ?? []) {
      if (room.startsWith(ROOM_PREFIX)) this.schedule(room.slice(ROOM_PREFIX.length), coalesce);
    }
  }

  changed(meetingId: string): void {
    this.schedule(meetingId, false);
    void this.d.bus.publish('meeting', { kind: 'state', meetingId });
  }

  moved(meetingId: string): void {
    this.scheduleMove(meetingId);
    void this.d.bus.publish('meeting', { kind: 'moved', meetingId });
  }

  presenter(meetingId: string, presenter: PresenterState | null): void {
    this.io?.local.to(meetingRoom(meetingId)).emit('meeting:presenter', { meetingId, presenter });
    void this.d.bus.publish('meeting', { kind: 'presenter', meetingId, presenter });
  }

  /**
   * The room's full state as `audience` sees it, and the version its deltas go on from.
   * `fresh`: from a build that starts after this call (a join: the newcomer's own
   * presence is in it); otherwise the last one built. The caller's socket is already in
   * the audience's room, so every later change reaches it as a delta.
   */
  async snapshot(meetingId: string, audience: RoomAudience, fresh: boolean): Promise<VersionedMeetingState | null> {
    const slot = this.slotOf(meetingId);
    if (fresh || !slot.last) {
      const upTo = ++slot.requested;
      const built = new Promise<void>((resolve) => slot.waiters.push({ upTo, resolve }));
      void this.loop(meetingId, slot);
      await built;
    }
    // The clock is read now: the client takes its offset from it, and the last build may be a while ago.
    return slot.last && { state: { ...stateFor(slot.last, audience), serverNow: this.d.now() }, version: slot.versions[audience] };
  }

  /**
   * A person's role changed (the control plane, on every instance): each of their sockets here
   * that joined a meeting moves to the audience room the role now gives, and is sent that
   * audience's full state with the version its deltas go on from (`meeting:state`), so no delta
   * of the old audience reaches it and its numbering goes on without a gap.
   */
  async regroup(user: User): Promise<void> {
    for (const socket of (await this.io?.local.in(`user:${user.id}`).fetchSockets()) ?? []) {
      const meetingIds = [...socket.rooms].filter((room) => room.startsWith(ROOM_PREFIX)).map((room) => room.slice(ROOM_PREFIX.length));
      for (const meetingId of meetingIds) await this.move(socket, user, meetingId);
    }
  }

  private async move(socket: MemberSocket, user: User, meetingId: string) {
    const to = await this.d.audienceFor(user, meetingId);
    // Read after the await: the socket may have left the room meanwhile (poll watchers never joined an audience).
    const from = audienceIn(socket.rooms, meetingId);
    if (!from || !to || from === to) return;
    socket.leave(audienceRoom(meetingId, from));
    // In the new room before the state is read (no await between): each later delta is numbered on from it.
    socket.join(audienceRoom(meetingId, to));
    const full = await this.snapshot(meetingId, to, false);
    if (full) socket.emit('meeting:state', { meetingId, ...full });
  }

  private receive(message: BusMessage<'meeting'>) {
    switch (message.kind) {
      case 'presenter':
        this.io?.local.to(meetingRoom(message.meetingId)).emit('meeting:presenter', { meetingId: message.meetingId, presenter: message.presenter });
        return;
      case 'moved':
        return this.scheduleMove(message.meetingId);
      case 'state':
        return this.schedule(message.meetingId, false);
      default: {
        const unknown: never = message;
        throw new Error(`unhandled meeting message ${JSON.stringify(unknown)}`);
      }
    }
  }

  /** Whether a socket on this instance has joined the meeting (poll watchers alone need no state). */
  private hasLocal(meetingId: string) {
    const rooms = this.io?.of('/').adapter.rooms;
    return RoomAudience.options.some((audience) => (rooms?.get(audienceRoom(meetingId, audience))?.size ?? 0) > 0);
  }

  private slotOf(meetingId: string): Slot {
    let slot = this.slots.get(meetingId);
    if (!slot) this.slots.set(meetingId, (slot = newSlot()));
    return slot;
  }

  /** The room's slot, or null (its slot and what the room kept dropped) when no socket here is in it. */
  private localSlot(meetingId: string): Slot | null {
    if (this.hasLocal(meetingId)) return this.slotOf(meetingId);
    const slot = this.slots.get(meetingId);
    clearTimeout(slot?.timer);
    if (this.slots.delete(meetingId)) this.d.forget(meetingId);
    return null;
  }

  /** Builds and sends now, or (for presence) within PRESENCE_COALESCE_MS. */
  private schedule(meetingId: string, coalesce: boolean) {
    const slot = this.localSlot(meetingId);
    if (!slot) return;
    if (!coalesce) return this.request(meetingId, slot);
    slot.timer ??= setTimeout(() => {
      slot.timer = undefined;
      this.request(meetingId, slot);
    }, PRESENCE_COALESCE_MS);
  }

  private request(meetingId: string, slot: Slot) {
    slot.requested++;
    void this.loop(meetingId, slot);
  }

  /** Sends the move in this meeting's queue, after whatever build is under way. */
  private scheduleMove(meetingId: string) {
    const slot = this.localSlot(meetingId);
    if (!slot) return;
    slot.moved = true;
    void this.loop(meetingId, slot);
  }

  /**
   * Builds (or reads the moved current item) until every request is covered; one loop per slot
   * at a time, so a build that began before a move cannot undo it: the move is read after it.
   */
  private async loop(meetingId: string, slot: Slot) {
    if (slot.running) return;
    slot.running = true;
    while (slot.built < slot.requested || slot.moved) {
      // Cleared before the read: a move announced while it runs is read again after it.
      slot.moved = false;
      if (slot.built < slot.requested) await this.buildFull(meetingId, slot);
      else await this.readMove(meetingId, slot);
    }
    // Set before any await: a request arriving from here on starts a loop of its own.
    slot.running = false;
  }

  private async buildFull(meetingId: string, slot: Slot) {
    const upTo = slot.requested;
    try {
      const state = await this.d.build(meetingId);
      if (state) this.send(meetingId, slot, state);
    } catch (err) {
      this.d.logger.warn({ err, meetingId }, 'meeting state not sent');
    }
    slot.built = upTo;
    const due = slot.waiters.filter((w) => w.upTo <= upTo);
    slot.waiters = slot.waiters.filter((w) => w.upTo > upTo);
    for (const waiter of due) waiter.resolve();
  }

  private async readMove(meetingId: string, slot: Slot) {
    try {
      const item = await this.d.currentItem(meetingId);
      if (item) this.sendMove(meetingId, slot, item);
    } catch (err) {
      this.d.logger.warn({ err, meetingId }, 'agenda move not sent');
    }
  }

  /** One delta per audience that has something to learn, numbered on from its last. */
  private send(meetingId: string, slot: Slot, state: MeetingState) {
    const before = slot.last;
    slot.last = state;
    if (!before) return;
    const changes = meetingChanges(before, state);
    for (const audience of RoomAudience.options) {
      const changed = changes[audience];
      if (!changed) continue;
      const version = ++slot.versions[audience];
      this.io?.local.to(audienceRoom(meetingId, audience)).emit('meeting:delta', { meetingId, version, serverNow: state.serverNow, ...changed });
    }
  }

  /**
   * The moved fields that differ from the last state, as one delta to each audience (both
   * see the meeting alike); the last state takes them as a client does. Nothing before the
   * first build: the joins build the state, which then holds the move.
   */
  private sendMove(meetingId: string, slot: Slot, item: CurrentItem) {
    const before = slot.last;
    const meeting = before && changedFields(before.meeting, item);
    if (!before || !meeting) return;
    const serverNow = this.d.now();
    slot.last = applyMeetingDelta(before, { meetingId, version: 0, serverNow, meeting });
    for (const audience of RoomAudience.options) {
      const version = ++slot.versions[audience];
      this.io?.local.to(audienceRoom(meetingId, audience)).emit('meeting:delta', { meetingId, version, serverNow, meeting });
    }
  }
}
