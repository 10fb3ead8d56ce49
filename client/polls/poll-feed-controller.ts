import { ContextConsumer } from '@lit/context';
import { ask, type TimedSocket } from '../realtime/ask';
import type { ReactiveController, ReactiveElement } from 'lit';
import { api } from '../../shared/api/endpoints';
import type { Ack } from '../../shared/realtime/ack';
import type { PollWithMine } from '../../shared/realtime/polls';
import type { AppError } from '../../shared/result';
import type { PollMine, PollResult, PollView } from '../../shared/schemas/polls';
import { call } from '../http/call';
import { presenceContext } from '../presence/presence-context';
import type { ClientSocket } from '../realtime/socket-controller';
import { laterView, timeoutError } from './poll-format';

const ackTimeoutMs = 8_000;
/** After a watch that got no answer (or failed for a passing reason), try again. */
const rewatchAfterMs = 3_000;

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
 * (presenceContext): `poll:watch` when the connection is up and again after each
 * reconnect (the answer carries every poll with the viewer's part), then
 * `poll:state` and `poll:result` as they come. Holds the actions (open, close,
 * cancel, cast), each answering the server's acknowledgement.
 */
export class PollFeedController implements ReactiveController {
  phase: FeedPhase = { kind: 'connecting' };
  readonly #entries = new Map<string, PollEntry>();
  #socket: ClientSocket | null = null;
  #watched = '';
  #request = 0;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #connected = false;

  constructor(
    private readonly host: ReactiveElement,
    private readonly meetingIdOf: () => string,
    private readonly options: PollFeedOptions = {},
  ) {
    // Before the consumer, so that hostDisconnected still knows the socket when it leaves.
    host.addController(this);
    new ContextConsumer(host, {
      context: presenceContext,
      subscribe: true,
      callback: (presence) => this.#attach(presence?.socket ?? null),
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
    return this.#socket?.connected === true;
  }

  hostConnected(): void {
    this.#connected = true;
  }

  hostUpdate(): void {
    const id = this.meetingIdOf();
    if (this.#socket && id !== this.#watched) {
      this.#unwatch();
      this.#entries.clear();
      this.phase = { kind: 'connecting' };
      this.#watch();
    }
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#attach(null);
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
    const meetingId = this.#watched;
    return this.#ask((s) => s.emitWithAck('meeting:checkIn', { meetingId }));
  }

  /** A poll made over HTTP (a draft), shown before the room hears of it. */
  add(entry: PollEntry): void {
    this.#set({ poll: laterView(this.#entries.get(entry.poll.id)?.poll, entry.poll), mine: entry.mine });
  }

  /** Asks again for every poll and the viewer's part (after a delegation changed). */
  refresh(): void {
    this.#watch();
  }

  // --- the connection ---

  async #transition(event: 'poll:open' | 'poll:close' | 'poll:cancel', pollId: string): Promise<Ack<{ poll: PollView }>> {
    const answer = await this.#ask((s) => s.emitWithAck(event, { pollId }));
    if (answer.ok) this.#receive(answer.poll);
    return answer;
  }

  #ask<T extends object>(send: (socket: TimedSocket) => Promise<Ack<T>>): Promise<Ack<T>> {
    return ask(this.#socket, send);
  }

  #attach(socket: ClientSocket | null): void {
    if (!this.#connected) socket = null;
    if (socket === this.#socket) return;
    const old = this.#socket;
    if (old) {
      this.#unwatch();
      old.off('connect', this.#onConnect);
      old.off('disconnect', this.#onDisconnect);
      old.off('poll:state', this.#onState);
      old.off('poll:result', this.#onResult);
    }
    clearTimeout(this.#retry);
    this.#socket = socket;
    if (!socket) return;
    socket.on('connect', this.#onConnect);
    socket.on('disconnect', this.#onDisconnect);
    socket.on('poll:state', this.#onState);
    socket.on('poll:result', this.#onResult);
    if (socket.connected) this.#watch();
  }

  readonly #onConnect = () => this.#watch();

  readonly #onDisconnect = () => {
    // The server forgets a dropped connection's rooms; the next connect watches again.
    this.#request++;
    clearTimeout(this.#retry);
    this.#setPhase(this.#entries.size > 0 || this.phase.kind === 'ready' ? { kind: 'reconnecting' } : { kind: 'connecting' });
  };

  #watch(): void {
    const socket = this.#socket;
    const meetingId = this.meetingIdOf();
    clearTimeout(this.#retry);
    if (!socket?.connected || !meetingId) return;
    this.#watched = meetingId;
    const request = ++this.#request;
    socket.timeout(ackTimeoutMs).emit('poll:watch', { meetingId }, (err, answer) => {
      if (request !== this.#request || socket !== this.#socket) return;
      if (err || !answer.ok) {
        const error = err || answer.ok ? timeoutError : answer.error;
        this.#setPhase(this.#entries.size > 0 && error === timeoutError ? { kind: 'reconnecting' } : { kind: 'failed', error });
        if (error.code !== 'not_found' && error.code !== 'forbidden') this.#retry = setTimeout(() => this.#watch(), rewatchAfterMs);
        return;
      }
      this.#load(answer.polls);
    });
  }

  #unwatch(): void {
    const socket = this.#socket;
    const meetingId = this.#watched;
    this.#request++;
    clearTimeout(this.#retry);
    this.#watched = '';
    if (socket?.connected && meetingId && !this.options.roomHeld?.()) socket.emit('poll:unwatch', { meetingId }, () => {});
  }

  #load(polls: PollWithMine[]): void {
    // A fresh answer replaces what was known: polls may have changed while disconnected.
    this.#entries.clear();
    for (const { poll, mine } of polls) this.#entries.set(poll.id, { poll, mine });
    this.#setPhase({ kind: 'ready' });
  }

  readonly #onState = (view: PollView) => {
    if (view.meetingId !== this.#watched) return;
    this.#receive(view);
  };

  readonly #onResult = ({ poll }: { pollId: string; meetingId: string; result: PollResult; poll: PollView }) => {
    if (poll.meetingId !== this.#watched) return;
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
    const meetingId = this.#watched;
    try {
      const { poll, mine } = await call(api.poll, { params: { id: pollId } });
      if (meetingId !== this.#watched) return;
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
