import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatDateTime } from '../i18n/format';
import { LocaleController } from '../i18n/i18n';
import { sharedStyles } from '../styles/shared-styles';
import type { ProposalDetail } from './proposal-controller';
import './status-badge';

/** Who moved the proposal along its workflow, and when; oldest first, from its creation. */
@customElement('fw-status-history')
export class StatusHistory extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      ol {
        list-style: none;
        margin: 0;
        padding: 0 0 0 18px;
        border-left: 2px solid var(--fw-border);
        display: grid;
        gap: 16px;
      }
      li {
        position: relative;
      }
      li::before {
        content: '';
        position: absolute;
        left: -25px;
        top: 7px;
        width: 12px;
        height: 12px;
        border-radius: 50%;
        background: var(--fw-surface);
        border: 2px solid var(--fw-primary);
      }
      .move {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 6px;
      }
      .arrow {
        color: var(--fw-text-muted);
      }
      .who {
        font-size: 0.875rem;
        color: var(--fw-text-muted);
        margin-top: 4px;
      }
      .note {
        margin-top: 6px;
        padding: 8px 12px;
        border-radius: 8px;
        background: var(--fw-bg);
        white-space: pre-wrap;
      }
    `,
  ];

  @property({ attribute: false }) history: ProposalDetail['history'] = [];

  readonly #i18n = new LocaleController(this);

  override render() {
    const { t, locale } = this.#i18n;
    return html`<ol>
      ${this.history.map(
        (h) => html`<li>
          <p class="move">
            ${h.from === null
              ? html`<strong>${t.proposals.detail.historyCreated}</strong> <fw-status-badge status=${h.to}></fw-status-badge>`
              : html`<fw-status-badge status=${h.from}></fw-status-badge><span class="arrow" aria-hidden="true">→</span
                  ><span class="visually-hidden">→</span><fw-status-badge status=${h.to}></fw-status-badge>`}
          </p>
          <p class="who">${h.actorName ?? t.proposals.detail.system} · <time datetime=${h.at}>${formatDateTime(h.at, locale)}</time></p>
          ${h.note ? html`<p class="note">${h.note}</p>` : nothing}
        </li>`,
      )}
    </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-status-history': StatusHistory;
  }
}
