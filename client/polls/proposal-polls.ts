import { consume } from '@lit/context';
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../shared/api/endpoints';
import { can } from '../../shared/permissions';
import type { PollView } from '../../shared/schemas/polls';
import { call, errorMessage } from '../http/call';
import { LocaleController } from '../i18n/i18n';
import { sessionContext, type Session } from '../session/session-context';
import { sharedStyles } from '../styles/shared-styles';
import './poll-record';

/**
 * The votes on one proposal (small section of the proposal page): each finished
 * poll with its result, export and ballots, and a link to its meeting. Read again
 * when the proposal's status changes (a closing vote moves it).
 */
@customElement('fw-proposal-polls')
export class ProposalPolls extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      section {
        display: grid;
        gap: 12px;
        margin-top: 24px;
      }
      h2 {
        font-size: 1.125rem;
      }
    `,
  ];

  @property({ attribute: 'proposal-id' }) proposalId = '';
  /** The proposal's status; a change (e.g. adopted by a vote) reloads the list. */
  @property() status = '';
  @consume({ context: sessionContext, subscribe: true }) session?: Session;

  @state() private polls: PollView[] | null = null;
  @state() private error = '';

  readonly #i18n = new LocaleController(this);
  #request = 0;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('proposalId') || changed.has('status')) void this.#load();
  }

  override render() {
    const { t } = this.#i18n;
    const polls = this.polls?.filter((p) => p.status === 'closed' || p.status === 'cancelled') ?? null;
    if (polls !== null && polls.length === 0 && !this.error) return nothing;
    const user = this.session?.user;
    return html`<section aria-labelledby="proposal-polls-heading">
      <h2 id="proposal-polls-heading">${t.polls.past.proposalHeading}</h2>
      ${this.error ? html`<p class="message error" role="alert">${this.error}</p>` : nothing}
      ${polls === null
        ? html`<p class="muted" role="status">${t.polls.loading}</p>`
        : [...polls]
            .reverse()
            .map((poll) => html`<fw-poll-record .poll=${poll} ?canExport=${!!user && can(user, { type: 'polls.export' })} meetingLink></fw-poll-record>`)}
    </section>`;
  }

  async #load(): Promise<void> {
    const request = ++this.#request;
    if (!this.proposalId) return;
    try {
      const { polls } = await call(api.proposalPolls, { params: { id: this.proposalId } });
      if (request !== this.#request) return;
      this.polls = polls;
      this.error = '';
    } catch (error) {
      if (request === this.#request) this.error = errorMessage(error, this.#i18n.t.polls.errors.offline);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-proposal-polls': ProposalPolls;
  }
}
