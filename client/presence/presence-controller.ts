import { ContextProvider } from '@lit/context';
import type { ReactiveController, ReactiveElement } from 'lit';
import type { OnlineUser } from '../../shared/schemas/presence';
import { ackTimeoutMs } from '../realtime/ask';
import { liveContext } from '../realtime/live-context';
import { SocketController, type ClientSocket } from '../realtime/socket-controller';
import { IdleController } from './idle-controller';

export interface PresenceOptions {
  onSessionEnded(reason: string): void;
  onRefused(): void;
}

/**
 * Keeps the server told where this person is and whether they are idle (on
 * connect and on each change; the server keeps a connected socket's entry alive
 * itself, and every update is broadcast to everyone, so there is no heartbeat), and
 * provides the live "online now" list (liveContext) to the host's subtree.
 */
export class PresenceController implements ReactiveController {
  readonly #socket: SocketController;
  readonly #idle: IdleController;
  readonly #provider: ContextProvider<typeof liveContext>;
  #location: string;
  #online: OnlineUser[] = [];

  constructor(host: ReactiveElement, location: string, options: PresenceOptions) {
    this.#location = location;
    this.#provider = new ContextProvider(host, { context: liveContext, initialValue: { online: [], status: 'connecting', socket: null } });
    this.#socket = new SocketController(host, {
      setup: (socket) => socket.on('presence:online', (online) => this.#setOnline(online)),
      onConnect: (socket) => this.#send(socket),
      onRefused: options.onRefused,
      onSessionEnded: options.onSessionEnded,
    });
    this.#idle = new IdleController(host, () => this.#sendNow());
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#online = [];
  }

  hostUpdated(): void {
    // the socket's status lives in its controller; mirror it into the context
    this.#publish();
  }

  /** Where the person is now (`home`, `admin`, …); told to the server at once. */
  setLocation(location: string): void {
    if (location === this.#location) return;
    this.#location = location;
    this.#sendNow();
  }

  #sendNow(): void {
    const socket = this.#socket.socket;
    if (socket?.connected) this.#send(socket);
  }

  #send(socket: ClientSocket): void {
    socket.timeout(ackTimeoutMs).emit('presence:update', { location: this.#location, idle: this.#idle.idle }, (err, answer) => {
      // Presence is best effort: the next heartbeat tries again.
      if (err) console.warn('presence:update was not acknowledged', err);
      else if (!answer.ok) console.warn('presence:update refused', answer.error);
    });
  }

  #setOnline(online: OnlineUser[]): void {
    this.#online = online;
    this.#publish();
  }

  #publish(): void {
    const current = this.#provider.value;
    const status = this.#socket.status;
    const socket = this.#socket.socket;
    if (current.online === this.#online && current.status === status && current.socket === socket) return;
    this.#provider.setValue({ online: this.#online, status, socket });
  }
}
