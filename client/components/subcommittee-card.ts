import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Subcommittee } from '../../shared/domain';
import { LocaleController } from '../i18n/i18n';
import { proposalsPath } from '../router/routes';
import { sharedStyles } from '../styles/shared-styles';

/** One subcommittee and its chairperson ("위원장 미정" until one has an account). */
@customElement('fw-subcommittee-card')
export class SubcommitteeCard extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        height: 100%;
      }
      article {
        position: relative;
        height: 100%;
        padding: 22px 24px;
        border-top: 4px solid var(--fw-primary);
      }
      article:hover {
        border-color: var(--fw-primary);
        box-shadow: 0 4px 16px rgba(11, 36, 71, 0.08);
      }
      h3 a {
        color: inherit;
        text-decoration: none;
      }
      /* the whole card follows the heading's link */
      h3 a::after {
        content: '';
        position: absolute;
        inset: 0;
        border-radius: 12px;
      }
      h3 a:focus-visible {
        outline: none;
      }
      h3 a:focus-visible::after {
        outline: 3px solid var(--fw-focus);
        outline-offset: 2px;
      }
      .more {
        margin-top: 12px;
        font-size: 0.875rem;
        font-weight: 600;
        color: var(--fw-primary);
      }
      h3 {
        margin-bottom: 14px;
      }
      dl {
        margin: 0;
        display: flex;
        gap: 10px;
        align-items: baseline;
      }
      dt {
        font-size: 0.875rem;
        color: var(--fw-text-muted);
      }
      dd {
        margin: 0;
        font-weight: 600;
      }
      dd.vacant {
        font-weight: 400;
        color: var(--fw-text-muted);
      }
    `,
  ];

  @property({ attribute: false }) subcommittee?: Subcommittee;

  readonly #i18n = new LocaleController(this);

  override render() {
    const s = this.subcommittee;
    if (!s) return null;
    const { t } = this.#i18n;
    return html`<article class="card">
      <h3><a href=${proposalsPath({ subcommittee: s.id })} aria-describedby="more">${t.subcommittees[s.id]}</a></h3>
      <dl>
        <dt>${t.home.chair}</dt>
        ${s.chair ? html`<dd>${s.chair.name}</dd>` : html`<dd class="vacant">${t.home.chairVacant}</dd>`}
      </dl>
      <p class="more" id="more">${t.home.subcommitteeProposals} →</p>
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-subcommittee-card': SubcommitteeCard;
  }
}
