import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CallOutput } from '../../shared/api/endpoint';
import { api } from '../../shared/api/endpoints';
import { ApiError, call } from '../http/call';

export type ProposalDetail = CallOutput<typeof api.proposal>['proposal'];

/** How often an open proposal is fetched again, so that a status change by someone else (which locks the text) shows. */
const refreshMs = 10_000;

export type ProposalState =
  | { kind: 'loading' }
  | { kind: 'ready'; proposal: ProposalDetail }
  | { kind: 'notFound' }
  | { kind: 'error'; error: unknown };

/**
 * One proposal with its history and what this person may do with it. Fetched when
 * the id changes, again every few seconds while the tab is visible (nothing pushes
 * status changes to the page), and replaced by the answer of every change made here.
 */
export class ProposalController implements ReactiveController {
  state: ProposalState = { kind: 'loading' };
  #id = '';
  #timer: ReturnType<typeof setInterval> | undefined;
  /** Answers to older requests are dropped. */
  #request = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly idOf: () => string,
  ) {
    host.addController(this);
  }

  get proposal(): ProposalDetail | null {
    return this.state.kind === 'ready' ? this.state.proposal : null;
  }

  hostConnected(): void {
    this.#timer = setInterval(() => {
      if (document.visibilityState === 'visible' && this.#id) void this.reload();
    }, refreshMs);
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
    clearInterval(this.#timer);
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

  readonly #onVisible = () => {
    if (document.visibilityState === 'visible' && this.#id) void this.reload();
  };

  #setState(state: ProposalState): void {
    this.state = state;
    this.host.requestUpdate();
  }
}
