import type { MeetingState, PresenterState } from '../../shared/schemas/meetings';
import type { Ephemeral, Unsubscribe } from '../ephemeral/ephemeral';
import type { Logger } from '../logger';
import type { PresenceService } from '../presence/presence-service';
import type { ForumServer } from '../realtime/socket-server';
import { meetingRoom, type RoomEvents } from './room';

const CHANNEL = 'meetings:changed';
const ROOM_PREFIX = 'meeting:';
/** Presence changes come in bursts (a room filling up); one state per this many ms is enough. */
const PRESENCE_COALESCE_MS = 200;

type Message = { from: string; meetingId: string } & ({ kind: 'state' } | { kind: 'presenter'; presenter: PresenterState | null });

interface Slot {
  running: boolean;
  again: boolean;
  timer: NodeJS.Timeout | undefined;
  /** What this instance last sent the room, without the clock. */
  last: string;
}

/**
 * Sends each meeting room its state. A change is announced on the ephemeral
 * pub/sub; every instance then builds the state and sends it to its own sockets
 * in the room (`io.local`), so several instances each reach theirs once. Builds
 * for one meeting never overlap and the latest always wins; a state identical to
 * the last one sent is not sent again. A sweep every third of the presence TTL
 * notices entries that expired silently (a crashed browser or server).
 */
export class MeetingBroadcaster implements RoomEvents {
  private io: ForumServer | undefined;
  private readonly slots = new Map<string, Slot>();
  private readonly stops: (Unsubscribe | (() => void))[] = [];

  constructor(
    private readonly d: {
      ephemeral: Ephemeral;
      presence: PresenceService;
      instance: string;
      logger: Logger;
      build(meetingId: string): Promise<MeetingState | null>;
      forget(meetingId: string): void;
      sweepMs: number;
    },
  ) {}

  async start(io: ForumServer): Promise<void> {
    this.io = io;
    this.stops.push(
      await this.d.ephemeral.subscribe(CHANNEL, (raw) => this.receive(raw)),
      await this.d.presence.onChanged((scope) => {
        if (scope.startsWith(ROOM_PREFIX)) this.schedule(scope.slice(ROOM_PREFIX.length), true);
      }),
    );
    // What other instances announced during a Redis outage never arrived: build every room again.
    this.stops.push(this.d.ephemeral.onReconnected(() => this.resend()));
    const timer = setInterval(() => {
      for (const room of io.of('/').adapter.rooms.keys()) {
        if (room.startsWith(ROOM_PREFIX)) this.schedule(room.slice(ROOM_PREFIX.length), true);
      }
    }, this.d.sweepMs);
    timer.unref();
    this.stops.push(() => clearInterval(timer));
  }

  async stop(): Promise<void> {
    for (const slot of this.slots.values()) clearTimeout(slot.timer);
    await Promise.all(this.stops.splice(0).map((stop) => stop()));
  }

  /** Sends every room on this instance its full state, even if equal to the last one sent. */
  resend(): void {
    for (const room of this.io?.of('/').adapter.rooms.keys() ?? []) {
      if (!room.startsWith(ROOM_PREFIX)) continue;
      const meetingId = room.slice(ROOM_PREFIX.length);
      const slot = this.slots.get(meetingId);
      if (slot) slot.last = '';
      this.schedule(meetingId, false);
    }
  }

  changed(meetingId: string): void {
    this.schedule(meetingId, false);
    this.publish({ from: this.d.instance, meetingId, kind: 'state' });
  }

  presenter(meetingId: string, presenter: PresenterState | null): void {
    this.io?.local.to(meetingRoom(meetingId)).emit('meeting:presenter', { meetingId, presenter });
    this.publish({ from: this.d.instance, meetingId, kind: 'presenter', presenter });
  }

  private publish(message: Message) {
    this.d.ephemeral.publish(CHANNEL, JSON.stringify(message)).catch((err) => this.d.logger.warn({ err }, 'meeting change not published'));
  }

  private receive(raw: string) {
    let message: Message;
    try {
      message = JSON.parse(raw) as Message;
    } catch {
      return;
    }
    if (message.from === this.d.instance) return;
    if (message.kind === 'presenter') {
      this.io?.local.to(meetingRoom(message.meetingId)).emit('meeting:presenter', { meetingId: message.meetingId, presenter: message.presenter });
    } else this.schedule(message.meetingId, false);
  }

  private hasLocal(meetingId: string) {
    return (this.io?.of('/').adapter.rooms.get(meetingRoom(meetingId))?.size ?? 0) > 0;
  }

  /** Builds and sends now, or (for presence) within PRESENCE_COALESCE_MS. */
  private schedule(meetingId: string, coalesce: boolean) {
    if (!this.hasLocal(meetingId)) {
      if (this.slots.delete(meetingId)) this.d.forget(meetingId);
      return;
    }
    let slot = this.slots.get(meetingId);
    if (!slot) this.slots.set(meetingId, (slot = { running: false, again: false, timer: undefined, last: '' }));
    if (!coalesce) return this.run(meetingId, slot);
    if (slot.timer) return;
    slot.timer = setTimeout(() => {
      slot.timer = undefined;
      this.run(meetingId, slot);
    }, PRESENCE_COALESCE_MS);
  }

  private run(meetingId: string, slot: Slot) {
    if (slot.running) {
      slot.again = true;
      return;
    }
    slot.running = true;
    void (async () => {
      do {
        slot.again = false;
        const state = await this.d.build(meetingId);
        if (!state) continue;
        const signature = JSON.stringify({ ...state, serverNow: 0 });
        if (signature === slot.last) continue;
        slot.last = signature;
        this.io?.local.to(meetingRoom(meetingId)).emit('meeting:state', state);
      } while (slot.again);
    })()
      .catch((err) => this.d.logger.warn({ err, meetingId }, 'meeting state not sent'))
      .finally(() => {
        slot.running = false;
      });
  }
}
