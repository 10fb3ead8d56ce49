import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { PollView } from '../../shared/schemas/polls';
import { formatDateTime } from '../i18n/format';
import { LocaleController } from '../i18n/i18n';
import { sharedStyles } from '../styles/shared-styles';
import './poll-ballots';
import { exportPath } from './poll-ballots';
import './poll-result';
import { pollStyles } from './poll-styles';

/**
 * A finished poll: its result chart, when it closed, the CSV export and the
 * ballots (who voted what, for a named poll). A cancelled poll says so.
 */
@customElement('fw-poll-record')
export class PollRecord extends LitElement {
  static override styles = [
    sharedStyles,
    pollStyles,
    css`
      .links {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 18px;
        align-items: center;
      }
      .links .button {
        min-height: 40px;
        padding: 0 14px;
      }
    `,
  ];

  @property({ attribute: false }) poll: PollView | null = null;
  /** Whether to offer the export and the ballots (not to observers). */
  @property({ type: Boolean }) canExport = false;
  /** Link back to the poll's meeting (on a proposal page). */
  @property({ type: Boolean }) meetingLink = false;

  readonly #i18n = new LocaleController(this);

  override render() {
    const poll = this.poll;
    if (!poll) return nothing;
    const { t, locale } = this.#i18n;
    const titleId = `record-${poll.id}`;
    const closed = poll.status === 'closed';
    return html`<article class="poll ${poll.status}" aria-labelledby=${titleId}>
      <header>
        <div class="title-row">
          <span class="badge ${poll.status}">${t.polls.statuses[poll.status]}</span>
          <h3 id=${titleId}>${poll.title}</h3>
        </div>
        <ul class="meta">
          <li>${t.polls.kinds[poll.kind]}</li>
          <li>${t.polls.ballots[poll.ballot]}</li>
          ${poll.closedAt ? html`<li><time datetime=${poll.closedAt}>${t.polls.result.closedAt(formatDateTime(poll.closedAt, locale))}</time></li>` : nothing}
        </ul>
      </header>
      ${closed ? html`<fw-poll-result .poll=${poll}></fw-poll-result>` : html`<p class="muted">${t.polls.result.cancelled}</p>`}
      ${closed && this.canExport
        ? html`<div class="links">
            <a class="button secondary" href=${exportPath(poll.id)} download aria-label=${t.polls.past.csvOf(poll.title)}>${t.polls.past.csv}</a>
            ${this.meetingLink ? html`<a href=${`/meetings/${encodeURIComponent(poll.meetingId)}`}>${t.polls.past.meetingLink}</a>` : nothing}
          </div>
          <fw-poll-ballots .poll=${poll}></fw-poll-ballots>`
        : this.meetingLink
          ? html`<div class="links"><a href=${`/meetings/${encodeURIComponent(poll.meetingId)}`}>${t.polls.past.meetingLink}</a></div>`
          : nothing}
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-poll-record': PollRecord;
  }
}
