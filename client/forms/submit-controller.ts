import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { Ack } from '../../shared/realtime/ack';
import type { AppError } from '../../shared/result';
import { errorMessage } from '../http/call';
import type { Catalogue } from '../i18n/catalogue';
import type { Said } from '../i18n/said';

/** What became of one submit: done with the work's value, ignored (one was already running), or failed (`error` says why). */
export type Submitted<T> = { kind: 'done'; value: T } | { kind: 'ignored' } | { kind: 'failed' };

export interface SubmitOptions {
  /** The words when the server cannot be reached; the app's own by default. */
  unreachable?: (t: Catalogue) => string;
}

/** The last submit's words: none yet (or forgotten), its failure, or what it did. */
type Outcome = { kind: 'none' } | { kind: 'error'; say: Said } | { kind: 'notice'; say: Said };
const none: Outcome = { kind: 'none' };

/** A refusal answered as a value (a socket acknowledgement), carried to the one place that keeps failures. */
class Refused extends Error {
  constructor(readonly say: Said) {
    super('refused');
  }
}

/**
 * One form's (or panel's) way to send: busy while its request is out, so a second click
 * or Enter sends nothing; the outcome of the last submit kept until the next one starts —
 * its failure (the server's reason key worded through the catalogue) or what it did — as
 * words said in the page's language at each render. The host re-renders on each change;
 * its buttons read `busy`, its alert region `renderError`, its status region `renderNotice`.
 */
export class SubmitController implements ReactiveController {
  #busy = false;
  #outcome: Outcome = none;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: SubmitOptions = {},
  ) {
    host.addController(this);
  }

  /** Nothing to open or close with the host: a submit that outlives it only settles its own state. */
  hostConnected(): void {}

  /** A submit is running: its buttons are disabled and another submit is ignored. */
  get busy(): boolean {
    return this.#busy;
  }

  /** Why the last submit failed, in the language of each render; null once another starts. */
  get error(): Said | null {
    return this.#outcome.kind === 'error' ? this.#outcome.say : null;
  }

  /** What the last submit did, when its form says so (`tell`); null once another starts. */
  get notice(): Said | null {
    return this.#outcome.kind === 'notice' ? this.#outcome.say : null;
  }

  /**
   * Runs `work` unless a submit is already running: busy meanwhile, the last outcome
   * cleared first, a thrown failure (a refused or unreachable call) kept as the error.
   * The work starts in this same tick, so what it changes first shows with `busy`.
   */
  async run<T>(work: () => Promise<T>): Promise<Submitted<T>> {
    if (this.#busy) return { kind: 'ignored' };
    this.#set(true, none);
    try {
      const value = await work();
      this.#set(false, this.#outcome);
      return { kind: 'done', value };
    } catch (error) {
      this.#set(false, { kind: 'error', say: this.#said(error) });
      return { kind: 'failed' };
    }
  }

  /** Runs a request answered with an acknowledgement (a socket event); a refusal is a failure worded by `say`. */
  ask<T extends object>(request: () => Promise<Ack<T>>, say: (error: AppError) => Said): Promise<Submitted<{ ok: true } & T>> {
    return this.run(async () => {
      const answer = await request();
      if (!answer.ok) throw new Refused(say(answer.error));
      return answer;
    });
  }

  /** Shows a failure the form found itself, before anything was sent. */
  fail(say: Said): void {
    this.#set(this.#busy, { kind: 'error', say });
  }

  /** Shows a failure thrown beside the submits (a load of what the form shows), worded as theirs are. */
  report(error: unknown): void {
    this.fail(this.#said(error));
  }

  /** Says what the submit did (during its work or once it is done), until the next one starts. */
  tell(say: Said): void {
    this.#set(this.#busy, { kind: 'notice', say });
  }

  /** Forgets the last outcome (the form closed, or now shows something else). */
  clear(): void {
    if (this.#outcome.kind !== 'none') this.#set(this.#busy, none);
  }

  /** The failure's paragraph, for the host's alert region (which stays in the page, so that it is announced). */
  renderError(t: Catalogue) {
    const error = this.error;
    return error ? html`<p class="message error">${error(t)}</p>` : nothing;
  }

  /** What the last submit did, for the host's status region. */
  renderNotice(t: Catalogue) {
    const notice = this.notice;
    return notice ? html`<p class="message success">${notice(t)}</p>` : nothing;
  }

  #said(error: unknown): Said {
    if (error instanceof Refused) return error.say;
    const unreachable = this.options.unreachable ?? ((t: Catalogue) => t.app.networkError);
    return (t) => errorMessage(error, unreachable(t));
  }

  #set(busy: boolean, outcome: Outcome): void {
    this.#busy = busy;
    this.#outcome = outcome;
    this.host.requestUpdate();
  }
}
