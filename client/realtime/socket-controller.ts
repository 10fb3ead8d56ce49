import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/realtime/protocol';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

export interface SocketControllerOptions {
  /** Attach event listeners; called once per socket, before it connects. */
  setup?(socket: ClientSocket): void;
  /** Called on every (re)connection. */
  onConnect?(socket: ClientSocket): void;
  /** The server refused or dropped the connection and will not be retried by Socket.IO itself. */
  onRefused?(): void;
  /** The server ended the session (`session:ended`). */
  onSessionEnded?(reason: string): void;
  /** Makes the socket, not yet connected; by default to this page's own origin (see `sameOriginSocket`). */
  open?(): ClientSocket;
}

/** Same origin, WebSocket only, authenticated by the session cookie; connected by the controller. */
export const sameOriginSocket = (): ClientSocket => io({ transports: ['websocket'], withCredentials: true, autoConnect: false });

/** Seconds before retrying a connection the server refused (Socket.IO does not retry those). */
const retryAfterRefusalMs = 5_000;

/**
 * Owns the Socket.IO connection of one signed-in view: same origin, WebSocket
 * only, authenticated by the session cookie. Connects when the host connects,
 * disconnects when it goes away.
 */
export class SocketController implements ReactiveController {
  status: ConnectionStatus = 'connecting';
  #socket: ClientSocket | null = null;
  #retry: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: SocketControllerOptions = {},
  ) {
    host.addController(this);
  }

  /** The live socket, or null while the host is not connected. */
  get socket(): ClientSocket | null {
    return this.#socket;
  }

  hostConnected(): void {
    const socket = (this.options.open ?? sameOriginSocket)();
    this.#socket = socket;
    socket.on('connect', () => {
      this.#setStatus('connected');
      this.options.onConnect?.(socket);
    });
    socket.on('disconnect', () => {
      this.#setStatus(socket.active ? 'connecting' : 'disconnected');
      if (!socket.active) this.#refused(socket);
    });
    socket.on('connect_error', () => {
      // active: a network failure Socket.IO retries; inactive: the server's middleware said no
      this.#setStatus(socket.active ? 'connecting' : 'disconnected');
      if (!socket.active) this.#refused(socket);
    });
    socket.on('session:ended', (reason) => this.options.onSessionEnded?.(reason));
    this.options.setup?.(socket);
    this.#setStatus('connecting');
    socket.connect();
  }

  hostDisconnected(): void {
    clearTimeout(this.#retry);
    const socket = this.#socket;
    this.#socket = null;
    socket?.removeAllListeners();
    socket?.disconnect();
  }

  #refused(socket: ClientSocket): void {
    if (socket !== this.#socket) return; // our own disconnect in hostDisconnected
    this.options.onRefused?.();
    clearTimeout(this.#retry);
    this.#retry = setTimeout(() => {
      if (socket === this.#socket && !socket.connected) socket.connect();
    }, retryAfterRefusalMs);
  }

  #setStatus(status: ConnectionStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.host.requestUpdate();
  }
}
