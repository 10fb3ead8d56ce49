import type { ReactiveController, ReactiveElement } from 'lit';
import { api } from '../../shared/api/endpoints';
import type { Ack } from '../../shared/realtime/ack';
import type { PollWithMine } from '../../shared/realtime/polls';
import type { AppError } from '../../shared/result';
import type { PollMine, PollResult, PollView } from '../../shared/schemas/polls';
import { call } from '../http/call';
import { ask, type TimedSocket } from '../realtime/ask';
import { RoomMembership } from '../realtime/room-membership';
import { laterView, timeoutError } from './poll-format';

/** One poll and the viewer's part in it (null until known, e.g. for a poll that just opened). */
export interface PollEntry {
  poll: PollView;
  mine: PollMine | null;
}

export type FeedPhase = { kind: 'connecting' } | { kind: 'ready' } | { kind: 'reconnecting' } | { kind: 'failed'; error: AppError };

export interface PollFeedOptions {
  /** A poll opened (heard live, not on the first load). */
  onOpened?(poll: PollView): void;
  /** A poll closed with its result (heard live, not on the first load). */
  onClosed?(poll: PollView, result: PollResult): void;
  onCancelled?(poll: PollView): void;
  /**
   * Whether the page itself holds the meeting's room (`meeting:join` on the same
   * connection): then leaving the room is the page's business, and `poll:unwatch`
   * (which leaves the same room) must not be sent.
   */
  roomHeld?(): boolean;
}


/**
 * Follows the polls of one meeting on the page's shared live connection
 * (liveContext): `poll:watch` when the connection is up and again after each
 * reconnect (the answer carries every poll with the viewer's part), then
 * `poll:state` and `poll:result` as they come. Holds the actions (open, close,
 * cancel, cast), each answering the server's acknowledgement.
 */
export class PollFeedController implements ReactiveController {
  phase: FeedPhase = { kind: 'connecting' };
  readonly #entries = new Map<string, PollEntry>();
  readonly #room: RoomMembership<{ polls: PollWithMine[] }>;

  constructor(
    private readonly host: ReactiveElement,
    private readonly meetingIdOf: () => string,
    private readonly options: PollFeedOptions = {},
  ) {
    host.addController(this);
    this.#room = new RoomMembership(host, {
      id: meetingIdOf,
      join: (socket, meetingId) => socket.emitWithAck('poll:watch', { meetingId }),
      // `poll:unwatch` leaves the meeting's room: not while the page itself holds it.
      leave: (socket, meetingId) => !options.roomHeld?.() && socket.emit('poll:unwatch', { meetingId }, () => {}),
      listen: (socket, on) => {
        if (on) socket.on('poll:state', this.#onState).on('poll:result', this.#onResult);
        else socket.off('poll:state', this.#onState).off('poll:result', this.#onResult);
      },
      joined: ({ polls }) => this.#load(polls),
      failed: (error) =>
        this.#setPhase(this.#entries.size > 0 && error === timeoutError ? { kind: 'reconnecting' } : { kind: 'failed', error }),
      dropped: () => this.#setPhase(this.#entries.size > 0 || this.phase.kind === 'ready' ? { kind: 'reconnecting' } : { kind: 'connecting' }),
    });
  }

  /** The meeting's polls, oldest first. */
  get polls(): PollEntry[] {
    return [...this.#entries.values()].sort((a, b) => a.poll.createdAt.localeCompare(b.poll.createdAt) || a.poll.id.localeCompare(b.poll.id));
  }

  entry(pollId: string): PollEntry | undefined {
    return this.#entries.get(pollId);
  }

  /** Whether the live connection is up (actions need it). */
  get online(): boolean {
    return this.#room.socket?.connected === true;
  }

  hostUpdate(): void {
    if (!this.#room.moved) return;
    this.#entries.clear();
    this.phase = { kind: 'connecting' };
    this.#room.rejoin();
  }

  // --- actions ---

  open = (pollId: string) => this.#transition('poll:open', pollId);
  close = (pollId: string) => this.#transition('poll:close', pollId);
  cancel = (pollId: string) => this.#transition('poll:cancel', pollId);

  /** Casts a ballot (for oneself, or for the chairperson `onBehalfOf` as their delegate). */
  async cast(pollId: string, choices: string[], onBehalfOf?: string): Promise<Ack<{ changed: boolean }>> {
    const payload = onBehalfOf ? { pollId, choices, onBehalfOf } : { pollId, choices };
    const answer = await this.#ask((s) => s.emitWithAck('poll:cast', payload));
    if (!answer.ok) return answer;
    const current = this.#entries.get(pollId);
    if (current) {
      const mine = current.mine && this.#markVoted(current.mine, answer.poll, choices, onBehalfOf);
      this.#set({ poll: laterView(current.poll, answer.poll), mine });
    }
    return { ok: true, changed: answer.changed };
  }

  /** Checks this person in to the meeting (the page's connection must have joined it). */
  async checkIn(): Promise<Ack> {
    const meetingId = this.#room.joined;
    return this.#ask((s) => s.emitWithAck('meeting:checkIn', { meetingId }));
  }

  /** A poll made over HTTP (a draft), shown before the room hears of it. */
  add(entry: PollEntry): void {
    this.#set({ poll: laterView(this.#entries.get(entry.poll.id)?.poll, entry.poll), mine: entry.mine });
  }

  /** Asks again for every poll and the viewer's part (after a delegation changed). */
  refresh(): void {
    this.#room.join();
  }

  // --- the connection ---

  async #transition(event: 'poll:open' | 'poll:close' | 'poll:cancel', pollId: string): Promise<Ack<{ poll: PollView }>> {
    const answer = await this.#ask((s) => s.emitWithAck(event, { pollId }));
    if (answer.ok) this.#receive(answer.poll);
    return answer;
  }

  #ask<T extends object>(send: (socket: TimedSocket) => Promise<Ack<T>>): Promise<Ack<T>> {
    return ask(this.#room.socket, send);
  }

  #load(polls: PollWithMine[]): void {
    // A fresh answer replaces what was known: polls may have changed while disconnected.
    this.#entries.clear();
    for (const { poll, mine } of polls) this.#entries.set(poll.id, { poll, mine });
    this.#setPhase({ kind: 'ready' });
  }

  readonly #onState = (view: PollView) => {
    if (view.meetingId !== this.#room.joined) return;
    this.#receive(view);
  };

  readonly #onResult = ({ poll }: { pollId: string; meetingId: string; result: PollResult; poll: PollView }) => {
    if (poll.meetingId !== this.#room.joined) return;
    this.#receive(poll);
  };

  /** A newer view of a poll: merge it, tell the host what changed, learn the viewer's part of a newly opened poll. */
  #receive(view: PollView): void {
    const previous = this.#entries.get(view.id);
    const poll = laterView(previous?.poll, view);
    this.#set({ poll, mine: previous?.mine ?? null });
    const was = previous?.poll.status;
    if (was === poll.status) return;
    switch (poll.status) {
      case 'open':
        // Eligibility is fixed at the open; the viewer's part comes over HTTP (poll:state is the same for everyone).
        void this.#fetchMine(poll.id);
        this.options.onOpened?.(poll);
        break;
      case 'closed':
        if (poll.result) this.options.onClosed?.(poll, poll.result);
        break;
      case 'cancelled':
        this.options.onCancelled?.(poll);
        break;
      case 'draft':
        break;
      default: {
        const unknown: never = poll.status;
        throw new Error(`unknown poll status ${String(unknown)}`);
      }
    }
  }

  async #fetchMine(pollId: string): Promise<void> {
    const meetingId = this.#room.joined;
    try {
      const { poll, mine } = await call(api.poll, { params: { id: pollId } });
      if (meetingId !== this.#room.joined) return;
      this.#set({ poll: laterView(this.#entries.get(pollId)?.poll, poll), mine });
    } catch {
      // The next watch (reconnect, refresh) brings it; the poll stays shown meanwhile.
    }
  }

  #markVoted(mine: PollMine, poll: PollView, choices: string[], onBehalfOf: string | undefined): PollMine {
    if (onBehalfOf) return { ...mine, castFor: mine.castFor.map((c) => (c.userId === onBehalfOf ? { ...c, voted: true } : c)) };
    return { ...mine, voted: true, choices: poll.ballot === 'named' ? choices : null };
  }

  #set(entry: PollEntry): void {
    this.#entries.set(entry.poll.id, entry);
    this.host.requestUpdate();
  }

  #setPhase(phase: FeedPhase): void {
    this.phase = phase;
    this.host.requestUpdate();
  }
}
