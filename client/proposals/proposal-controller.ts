import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveElement } from 'lit';
import type { ProposalChanged } from '../../shared/realtime/proposals';
import { liveContext } from '../realtime/live-context';
import { mustRefetch } from '../realtime/reconnect';
import type { ClientSocket } from '../realtime/socket-controller';
import type { CallOutput } from '../../shared/api/endpoint';
import { api } from '../../shared/api/endpoints';
import { ApiError, call } from '../http/call';

export type ProposalDetail = CallOutput<typeof api.proposal>['proposal'];


export type ProposalState =
  | { kind: 'loading' }
  | { kind: 'ready'; proposal: ProposalDetail }
  | { kind: 'notFound' }
  | { kind: 'error'; error: unknown };

/**
 * One proposal with its history and what this person may do with it. Fetched when
 * the id changes, when the server says it changed (`proposal:changed` on the page's
 * live connection: a status change locks the text at once), when the connection
 * comes back and when the tab becomes visible; replaced by the answer of every change
 * made here.
 */
export class ProposalController implements ReactiveController {
  state: ProposalState = { kind: 'loading' };
  #id = '';
  /** Answers to older requests are dropped. */
  #request = 0;
  #socket: ClientSocket | null = null;

  constructor(
    private readonly host: ReactiveElement,
    private readonly idOf: () => string,
  ) {
    host.addController(this);
    new ContextConsumer(host, {
      context: liveContext,
      subscribe: true,
      callback: (presence) => this.#attach(presence?.socket ?? null),
    });
  }

  get proposal(): ProposalDetail | null {
    return this.state.kind === 'ready' ? this.state.proposal : null;
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.#onVisible);
    this.#id = '';
  }

  hostUpdate(): void {
    const id = this.idOf();
    if (id === this.#id) return;
    this.#id = id;
    this.state = { kind: 'loading' };
    if (id) void this.reload();
  }

  hostDisconnected(): void {
    this.#attach(null);
    document.removeEventListener('visibilitychange', this.#onVisible);
    this.#request++;
  }

  async reload(): Promise<void> {
    const id = this.#id;
    const request = ++this.#request;
    try {
      const { proposal } = await call(api.proposal, { params: { id } });
      if (request === this.#request) this.set(proposal);
    } catch (error) {
      if (request !== this.#request) return;
      if (error instanceof ApiError && error.status === 404) this.#setState({ kind: 'notFound' });
      // A failed refresh keeps what is shown; only a first load shows the error.
      else if (this.state.kind !== 'ready') this.#setState({ kind: 'error', error });
    }
  }

  /** The proposal as a change made here returned it. */
  set(proposal: ProposalDetail): void {
    if (proposal.id !== this.#id) return;
    this.#request++;
    this.#setState({ kind: 'ready', proposal });
  }

  #attach(socket: ClientSocket | null): void {
    if (socket === this.#socket) return;
    this.#socket?.off('proposal:changed', this.#onChanged);
    this.#socket?.off('connect', this.#onConnect);
    this.#socket = socket;
    socket?.on('proposal:changed', this.#onChanged);
    socket?.on('connect', this.#onConnect);
  }

  /** A recovered connection got the `proposal:changed` it missed; any other reloads (realtime/reconnect.ts). */
  readonly #onConnect = () => {
    if (this.#socket && mustRefetch(this.#socket)) this.#onVisible();
  };

  readonly #onChanged = (change: ProposalChanged) => {
    if (change.id === this.#id) void this.reload();
  };

  readonly #onVisible = () => {
    if (document.visibilityState === 'visible' && this.#id) void this.reload();
  };

  #setState(state: ProposalState): void {
    this.state = state;
    this.host.requestUpdate();
  }
}
