import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveElement } from 'lit';
import type { Ack } from '../../shared/realtime/ack';
import type { AppError } from '../../shared/result';
import { liveContext } from './live-context';
import { ackTimeoutMs, timedOut, type TimedSocket } from './ask';
import type { ClientSocket } from './socket-controller';

/** After a join that got no answer (or failed for a passing reason), try again. */
const rejoinAfterMs = 3_000;

/** What a controller following one room tells its membership. */
export interface Room<T extends object> {
  /** The room's id as the page asks for it now ('' for none). */
  id(): string;
  /** Sends the join; the answer carries the room's full state. */
  join(socket: TimedSocket, id: string): Promise<Ack<T>>;
  leave(socket: ClientSocket, id: string): void;
  /** Adds (`on`) or removes the controller's listeners for the room's events. */
  listen(socket: ClientSocket, on: boolean): void;
  joined(answer: T): void;
  /** The join failed; it is tried again later unless the room is not there or not allowed. */
  failed(error: AppError): void;
  /** The connection dropped; the next connect joins again. */
  dropped(): void;
}

/**
 * This page's membership of one room (a meeting, its polls) on the page's shared live
 * connection (liveContext): listens while attached, joins when the connection is up
 * and again after every reconnect, retries a join that got no answer, and leaves when
 * the host goes away or the room changes.
 */
export class RoomMembership<T extends object> implements ReactiveController {
  /** The room this connection has joined (or is joining); '' for none. */
  joined = '';
  #socket: ClientSocket | null = null;
  #request = 0;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #hostConnected = false;

  constructor(
    host: ReactiveElement,
    private readonly room: Room<T>,
  ) {
    // Before the consumer, so that hostDisconnected leaves while the socket is still known.
    host.addController(this);
    new ContextConsumer(host, {
      context: liveContext,
      subscribe: true,
      callback: (presence) => this.#attach(presence?.socket ?? null),
    });
  }

  /** The connection, while attached (actions are sent on it). */
  get socket(): ClientSocket | null {
    return this.#socket;
  }

  /** The page asks for another room than the one joined. */
  get moved(): boolean {
    return this.#socket !== null && this.room.id() !== this.joined;
  }

  hostConnected(): void {
    this.#hostConnected = true;
  }

  hostDisconnected(): void {
    this.#hostConnected = false;
    this.#attach(null);
  }

  /** Leaves the room joined, if any, and joins the one the page asks for. */
  rejoin(): void {
    this.#leave();
    this.join();
  }

  /** Joins the room the page asks for (again, e.g. to refresh what the answer carries). */
  join(): void {
    const socket = this.#socket;
    const id = this.room.id();
    clearTimeout(this.#retry);
    if (!socket?.connected || !id) return;
    this.joined = id;
    const request = ++this.#request;
    const current = () => request === this.#request && socket === this.#socket;
    this.room.join(socket.timeout(ackTimeoutMs), id).then(
      (answer) => {
        if (!current()) return;
        if (answer.ok) this.room.joined(answer);
        else this.#fail(answer.error);
      },
      () => current() && this.#fail(timedOut),
    );
  }

  #fail(error: AppError): void {
    this.room.failed(error);
    // Not found or forbidden will not change by asking again; anything else may.
    if (error.code !== 'not_found' && error.code !== 'forbidden') this.#retry = setTimeout(() => this.join(), rejoinAfterMs);
  }

  #leave(): void {
    const socket = this.#socket;
    const id = this.joined;
    this.#request++;
    clearTimeout(this.#retry);
    this.joined = '';
    if (socket?.connected && id) this.room.leave(socket, id);
  }

  #attach(socket: ClientSocket | null): void {
    if (!this.#hostConnected) socket = null;
    if (socket === this.#socket) return;
    const old = this.#socket;
    if (old) {
      this.#leave();
      old.off('connect', this.#onConnect);
      old.off('disconnect', this.#onDisconnect);
      this.room.listen(old, false);
    }
    clearTimeout(this.#retry);
    this.#socket = socket;
    if (!socket) return;
    socket.on('connect', this.#onConnect);
    socket.on('disconnect', this.#onDisconnect);
    this.room.listen(socket, true);
    if (socket.connected) this.join();
  }

  /** Recovered or not (realtime/reconnect.ts): the room's state and this connection's membership are per instance. */
  readonly #onConnect = () => this.join();

  readonly #onDisconnect = () => {
    // The server forgets a dropped connection's rooms; the next connect joins again.
    this.#request++;
    clearTimeout(this.#retry);
    this.room.dropped();
  };
}
