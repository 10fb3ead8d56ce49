import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { dDay } from '../i18n/format';
import { sharedStyles } from '../styles/shared-styles';

/** A D-N badge with what it counts down to. */
@customElement('fw-countdown-card')
export class CountdownCard extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .card {
        display: flex;
        align-items: center;
        gap: 20px;
        padding: 20px 24px;
      }
      .badge {
        flex: none;
        min-width: 96px;
        padding: 8px 14px;
        border-radius: 8px;
        background: var(--fw-primary);
        color: #fff;
        font-size: 1.5rem;
        font-weight: 800;
        text-align: center;
        letter-spacing: 0.01em;
        font-variant-numeric: tabular-nums;
      }
      :host([tone='navy']) .badge {
        background: var(--fw-navy);
      }
      .label {
        font-weight: 700;
        color: var(--fw-heading);
      }
      .detail {
        color: var(--fw-text-muted);
        font-size: 0.9375rem;
      }
    `,
  ];

  /** What is counted down to, e.g. "200일 프로젝트 남은 일수". */
  @property() label = '';
  @property() detail = '';
  @property({ type: Number }) daysLeft = 0;
  @property({ reflect: true }) tone: 'blue' | 'navy' = 'blue';

  override render() {
    return html`<div class="card">
      <span class="badge">${dDay(this.daysLeft)}</span>
      <div>
        <p class="label">${this.label}</p>
        <p class="detail">${this.detail}</p>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-countdown-card': CountdownCard;
  }
}
