import { ContextConsumer } from '@lit/context';
import { ask, timedOut, type TimedSocket } from '../realtime/ask';
import type { ReactiveController, ReactiveElement } from 'lit';
import type { Ack } from '../../shared/realtime/ack';
import type { AppError } from '../../shared/result';
import type { MeetingState, PresenterState } from '../../shared/schemas/meetings';
import { presenceContext } from '../presence/presence-context';
import type { ClientSocket } from '../realtime/socket-controller';

const ackTimeoutMs = 8_000;
/** After a join that got no answer (or failed for a passing reason), try again. */
const rejoinAfterMs = 3_000;

/** Where the room's connection stands; the last state stays on screen while reconnecting. */
export type MeetingPhase =
  | { kind: 'connecting' }
  | { kind: 'joined' }
  | { kind: 'reconnecting' }
  | { kind: 'failed'; error: AppError };

/** Failures that happen on this side: no connection, no answer in time. */
export { offline, timedOut } from '../realtime/ask';


export interface MeetingControllerOptions {
  /** A state arrived (on join, on every change); `previous` is null on the first. */
  onState?(state: MeetingState, previous: MeetingState | null): void;
  /** Joined (or joined again after a reconnect), after the state is in. */
  onJoined?(): void;
  /** The presenter's view changed (`meeting:presenter`). */
  onPresenter?(presenter: PresenterState | null): void;
}

/**
 * Owns this page's membership of one meeting room on the page's shared live
 * connection (presenceContext): joins when the connection is up and again after
 * every reconnect (the join's acknowledgement carries the full state), keeps the
 * latest `meeting:state` and presenter, the offset of the server's clock, and
 * leaves when the host goes away or the meeting changes.
 */
export class MeetingController implements ReactiveController {
  state: MeetingState | null = null;
  phase: MeetingPhase = { kind: 'connecting' };
  /** Server clock minus this browser's clock, from the latest state's `serverNow`. */
  offsetMs = 0;

  #socket: ClientSocket | null = null;
  /** The meeting this connection has joined (or is joining). */
  #joined = '';
  #request = 0;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #connected = false;

  constructor(
    private readonly host: ReactiveElement,
    private readonly meetingIdOf: () => string,
    private readonly options: MeetingControllerOptions = {},
  ) {
    // Before the consumer, so that hostDisconnected leaves while the socket is still known.
    host.addController(this);
    new ContextConsumer(host, {
      context: presenceContext,
      subscribe: true,
      callback: (presence) => this.#attach(presence?.socket ?? null),
    });
  }

  /** The meeting's id as the page asks for it. */
  get meetingId(): string {
    return this.meetingIdOf();
  }

  /** The server's clock now, in epoch ms. */
  serverNow(): number {
    return Date.now() + this.offsetMs;
  }

  hostConnected(): void {
    this.#connected = true;
  }

  hostUpdate(): void {
    // The page moved to another meeting: leave the old room, join the new one.
    const id = this.meetingIdOf();
    if (this.#socket && id !== this.#joined) {
      this.#leave();
      this.state = null;
      this.phase = { kind: 'connecting' };
      this.#join();
    }
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#attach(null);
  }

  // --- actions (each answers the server's acknowledgement) ---

  start = () => this.#ask((s) => s.emitWithAck('meeting:start', { meetingId: this.#joined }));
  end = () => this.#ask((s) => s.emitWithAck('meeting:end', { meetingId: this.#joined }));
  setCurrentItem = (itemId: string | null) => this.#ask((s) => s.emitWithAck('meeting:setCurrentItem', { meetingId: this.#joined, itemId }));
  raiseHand = () => this.#ask((s) => s.emitWithAck('meeting:raiseHand', { meetingId: this.#joined }));
  lowerHand = (userId?: string) =>
    this.#ask((s) => s.emitWithAck('meeting:lowerHand', userId ? { meetingId: this.#joined, userId } : { meetingId: this.#joined }));
  giveFloor = (userId: string) => this.#ask((s) => s.emitWithAck('meeting:giveFloor', { meetingId: this.#joined, userId }));
  endFloor = () => this.#ask((s) => s.emitWithAck('meeting:endFloor', { meetingId: this.#joined }));
  checkIn = () => this.#ask((s) => s.emitWithAck('meeting:checkIn', { meetingId: this.#joined }));
  follow = (following: boolean) => this.#ask((s) => s.emitWithAck('meeting:follow', { meetingId: this.#joined, following }));
  present = (view: { location: string; scrollRatio: number } | null) =>
    this.#ask((s) => s.emitWithAck('meeting:present', { meetingId: this.#joined, view }));
  /** Where in the room this person is and whether idle (shown to the others). */
  presence = (location: string, idle: boolean) => this.#ask((s) => s.emitWithAck('meeting:presence', { meetingId: this.#joined, location, idle }));

  #ask<T extends object>(send: (socket: TimedSocket) => Promise<Ack<T>>): Promise<Ack<T>> {
    return ask(this.phase.kind === 'joined' ? this.#socket : null, send);
  }

  // --- the connection ---

  #attach(socket: ClientSocket | null): void {
    if (!this.#connected) socket = null;
    if (socket === this.#socket) return;
    const old = this.#socket;
    if (old) {
      this.#leave();
      old.off('connect', this.#onConnect);
      old.off('disconnect', this.#onDisconnect);
      old.off('meeting:state', this.#onState);
      old.off('meeting:presenter', this.#onPresenter);
    }
    clearTimeout(this.#retry);
    this.#socket = socket;
    if (!socket) return;
    socket.on('connect', this.#onConnect);
    socket.on('disconnect', this.#onDisconnect);
    socket.on('meeting:state', this.#onState);
    socket.on('meeting:presenter', this.#onPresenter);
    if (socket.connected) this.#join();
  }

  readonly #onConnect = () => {
    this.#joined = '';
    this.#join();
  };

  readonly #onDisconnect = () => {
    // The server forgets a dropped connection's rooms; the next connect joins again.
    this.#request++;
    clearTimeout(this.#retry);
    this.#setPhase(this.state ? { kind: 'reconnecting' } : { kind: 'connecting' });
  };

  #join(): void {
    const socket = this.#socket;
    const meetingId = this.meetingIdOf();
    clearTimeout(this.#retry);
    if (!socket?.connected || !meetingId) return;
    this.#joined = meetingId;
    const request = ++this.#request;
    socket.timeout(ackTimeoutMs).emit('meeting:join', { meetingId }, (err, answer) => {
      if (request !== this.#request || socket !== this.#socket) return;
      if (err || !answer.ok) {
        const error = err ? timedOut : answer.ok ? timedOut : answer.error;
        this.#setPhase(this.state && error === timedOut ? { kind: 'reconnecting' } : { kind: 'failed', error });
        // Not found or forbidden will not change by asking again; anything else may.
        if (error.code !== 'not_found' && error.code !== 'forbidden') this.#retry = setTimeout(() => this.#join(), rejoinAfterMs);
        return;
      }
      this.phase = { kind: 'joined' };
      this.#setState(answer.state);
      this.options.onJoined?.();
    });
  }

  #leave(): void {
    const socket = this.#socket;
    const meetingId = this.#joined;
    this.#request++;
    this.#joined = '';
    if (socket?.connected && meetingId) socket.emit('meeting:leave', { meetingId }, () => {});
  }

  readonly #onState = (state: MeetingState) => {
    if (state.meeting.id !== this.#joined || this.phase.kind !== 'joined') return;
    this.#setState(state);
  };

  readonly #onPresenter = ({ meetingId, presenter }: { meetingId: string; presenter: PresenterState | null }) => {
    if (meetingId !== this.#joined || !this.state) return;
    this.state = { ...this.state, follow: { ...this.state.follow, presenter } };
    this.options.onPresenter?.(presenter);
    this.host.requestUpdate();
  };

  #setState(state: MeetingState): void {
    const previous = this.state;
    this.state = state;
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
