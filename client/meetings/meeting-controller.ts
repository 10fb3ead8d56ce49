import type { ReactiveController, ReactiveElement } from 'lit';
import type { Ack } from '../../shared/realtime/ack';
import type { AppError } from '../../shared/result';
import type { MeetingDelta, MeetingState, PresenterState, VersionedMeetingState } from '../../shared/schemas/meetings';
import { ask, timedOut, type TimedSocket } from '../realtime/ask';
import { RoomMembership } from '../realtime/room-membership';
import { MeetingRoomState } from './room-state';

/** Where the room's connection stands; the last state stays on screen while reconnecting. */
export type MeetingPhase =
  | { kind: 'connecting' }
  | { kind: 'joined' }
  | { kind: 'reconnecting' }
  | { kind: 'failed'; error: AppError };

/** Failures that happen on this side: no connection, no answer in time. */
export { offline, timedOut } from '../realtime/ask';

export interface MeetingControllerOptions {
  /** The state changed (joined, a delta applied); `previous` is null on the first. */
  onState?(state: MeetingState, previous: MeetingState | null): void;
  /** Joined (or joined again after a reconnect), after the state is in. */
  onJoined?(): void;
  /** The presenter's view changed (`meeting:presenter`). */
  onPresenter?(presenter: PresenterState | null): void;
}

/**
 * One meeting room as this page follows it: joined through a RoomMembership (the
 * join's acknowledgement carries the full state, again after every reconnect), it
 * applies each `meeting:delta` to it (asking for the full state again when one was
 * missed), keeps the presenter and the offset of the server's clock, and sends the
 * room's actions.
 */
export class MeetingController implements ReactiveController {
  phase: MeetingPhase = { kind: 'connecting' };
  /** Server clock minus this browser's clock, from the latest state's `serverNow`. */
  offsetMs = 0;

  readonly #room: RoomMembership<VersionedMeetingState>;
  readonly #feed = new MeetingRoomState({ sync: () => this.#sync(), changed: (previous) => this.#changed(previous) });

  constructor(
    private readonly host: ReactiveElement,
    private readonly meetingIdOf: () => string,
    private readonly options: MeetingControllerOptions = {},
  ) {
    host.addController(this);
    this.#room = new RoomMembership(host, {
      id: meetingIdOf,
      join: (socket, meetingId) => {
        this.#feed.expect();
        return socket.emitWithAck('meeting:join', { meetingId });
      },
      leave: (socket, meetingId) => socket.emit('meeting:leave', { meetingId }, () => {}),
      listen: (socket, on) => {
        if (on) socket.on('meeting:delta', this.#onDelta).on('meeting:state', this.#onState).on('meeting:presenter', this.#onPresenter);
        else socket.off('meeting:delta', this.#onDelta).off('meeting:state', this.#onState).off('meeting:presenter', this.#onPresenter);
      },
      joined: (full) => {
        this.phase = { kind: 'joined' };
        this.#feed.reset(full);
        this.options.onJoined?.();
      },
      failed: (error) => this.#setPhase(this.state && error === timedOut ? { kind: 'reconnecting' } : { kind: 'failed', error }),
      dropped: () => this.#setPhase(this.state ? { kind: 'reconnecting' } : { kind: 'connecting' }),
    });
  }

  /** The room's state as it stands here (null until joined). */
  get state(): MeetingState | null {
    return this.#feed.state;
  }

  /** The meeting's id as the page asks for it. */
  get meetingId(): string {
    return this.meetingIdOf();
  }

  /** The server's clock now, in epoch ms. */
  serverNow(): number {
    return Date.now() + this.offsetMs;
  }

  hostUpdate(): void {
    // The page moved to another meeting: leave the old room, join the new one.
    if (!this.#room.moved) return;
    this.#feed.clear();
    this.phase = { kind: 'connecting' };
    this.#room.rejoin();
  }

  // --- actions (each answers the server's acknowledgement) ---

  start = () => this.#ask((s, meetingId) => s.emitWithAck('meeting:start', { meetingId }));
  end = () => this.#ask((s, meetingId) => s.emitWithAck('meeting:end', { meetingId }));
  setCurrentItem = (itemId: string | null) => this.#ask((s, meetingId) => s.emitWithAck('meeting:setCurrentItem', { meetingId, itemId }));
  raiseHand = () => this.#ask((s, meetingId) => s.emitWithAck('meeting:raiseHand', { meetingId }));
  lowerHand = (userId?: string) =>
    this.#ask((s, meetingId) => s.emitWithAck('meeting:lowerHand', userId ? { meetingId, userId } : { meetingId }));
  giveFloor = (userId: string) => this.#ask((s, meetingId) => s.emitWithAck('meeting:giveFloor', { meetingId, userId }));
  endFloor = () => this.#ask((s, meetingId) => s.emitWithAck('meeting:endFloor', { meetingId }));
  checkIn = () => this.#ask((s, meetingId) => s.emitWithAck('meeting:checkIn', { meetingId }));
  follow = (following: boolean) => this.#ask((s, meetingId) => s.emitWithAck('meeting:follow', { meetingId, following }));
  present = (view: { location: string; scrollRatio: number } | null) =>
    this.#ask((s, meetingId) => s.emitWithAck('meeting:present', { meetingId, view }));
  /** Where in the room this person is and whether idle (shown to the others). */
  presence = (location: string, idle: boolean) =>
    this.#ask((s, meetingId) => s.emitWithAck('meeting:presence', { meetingId, location, idle }));

  /** Sends an action about the meeting joined; `offline` unless joined. */
  #ask<T extends object>(send: (socket: TimedSocket, meetingId: string) => Promise<Ack<T>>): Promise<Ack<T>> {
    const meetingId = this.#room.joined;
    return ask(this.phase.kind === 'joined' ? this.#room.socket : null, (socket) => send(socket, meetingId));
  }

  // --- what the room hears ---

  readonly #onDelta = (delta: MeetingDelta) => {
    if (delta.meetingId === this.#room.joined) this.#feed.receive(delta);
  };

  /** Our role changed and with it our audience: its full state, from which its deltas go on. */
  readonly #onState = ({ meetingId, ...full }: VersionedMeetingState & { meetingId: string }) => {
    if (meetingId === this.#room.joined) this.#feed.reset(full);
  };

  readonly #onPresenter = ({ meetingId, presenter }: { meetingId: string; presenter: PresenterState | null }) => {
    if (meetingId !== this.#room.joined || !this.state) return;
    this.#feed.setPresenter(presenter);
    this.options.onPresenter?.(presenter);
    this.host.requestUpdate();
  };

  /** A delta was missed: the full state again; failing that, join again (its answer carries it too). */
  async #sync(): Promise<VersionedMeetingState | null> {
    const meetingId = this.#room.joined;
    const answer = await ask(this.#room.socket, (socket) => socket.emitWithAck('meeting:sync', { meetingId }));
    if (meetingId !== this.#room.joined) return null;
    if (answer.ok) return answer;
    this.#room.join();
    return null;
  }

  #changed(previous: MeetingState | null): void {
    const state = this.#feed.state;
    if (!state) return;
    this.offsetMs = state.serverNow - Date.now();
    this.options.onState?.(state, previous);
    if (previous?.follow.presenter?.at !== state.follow.presenter?.at) this.options.onPresenter?.(state.follow.presenter);
    this.host.requestUpdate();
  }

  #setPhase(phase: MeetingPhase): void {
    this.phase = phase;
    this.host.requestUpdate();
  }
}
