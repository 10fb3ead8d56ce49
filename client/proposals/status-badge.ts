import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ProposalStatus } from '../../shared/proposals/workflow';
import { LocaleController } from '../i18n/i18n';

/** A proposal's status in the glossary's words: 초안, 제출됨, 논의 중, 채택, 부결, 철회, 전략 반영. */
@customElement('fw-status-badge')
export class StatusBadge extends LitElement {
  static override styles = css`
    :host {
      display: inline-block;
      vertical-align: middle;
    }
    span {
      display: inline-block;
      padding: 2px 10px;
      border-radius: 999px;
      border: 1px solid;
      font-size: 0.8125rem;
      font-weight: 700;
      line-height: 1.6;
      white-space: nowrap;
    }
    :host([status='draft']) span {
      background: #f2f4f7;
      color: #344054;
      border-color: #d0d5dd;
    }
    :host([status='submitted']) span {
      background: var(--fw-primary-soft);
      color: var(--fw-primary-dark);
      border-color: #b7c8f5;
    }
    :host([status='under_discussion']) span {
      background: #fff7e6;
      color: #8a4b00;
      border-color: #f3d19c;
    }
    :host([status='adopted']) span {
      background: var(--fw-success-soft);
      color: var(--fw-success);
      border-color: #abefc6;
    }
    :host([status='rejected']) span {
      background: var(--fw-danger-soft);
      color: var(--fw-danger);
      border-color: #fecdca;
    }
    :host([status='withdrawn']) span {
      background: #fff;
      color: #4d5562;
      border-color: #c9ced6;
    }
    :host([status='incorporated']) span {
      background: var(--fw-navy);
      color: #fff;
      border-color: var(--fw-navy);
    }
  `;

  @property({ reflect: true }) status: ProposalStatus = 'draft';

  readonly #i18n = new LocaleController(this);

  override render() {
    return html`<span>${this.#i18n.t.proposals.statuses[this.status]}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-status-badge': StatusBadge;
  }
}
