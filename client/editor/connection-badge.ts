import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LocaleController } from '../i18n/i18n';
import type { CollabStatus } from './collab-connection';

/** The state of a live document's connection: connected, reconnecting, offline, refused. */
@customElement('fw-connection-badge')
export class ConnectionBadge extends LitElement {
  static override styles = css`
    :host {
      display: inline-block;
    }
    .badge {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      padding: 4px 12px;
      border-radius: 999px;
      font-size: 0.875rem;
      font-weight: 600;
      white-space: nowrap;
      background: #fff7e6;
      color: #8a4b00;
      border: 1px solid #f3d19c;
    }
    .dot {
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: currentColor;
    }
    :host([status='connected']) .badge {
      background: var(--fw-success-soft);
      color: var(--fw-success);
      border-color: #abefc6;
    }
    :host([status='offline']) .badge {
      background: #f2f4f7;
      color: #344054;
      border-color: #d0d5dd;
    }
    :host([status='refused']) .badge {
      background: var(--fw-danger-soft);
      color: var(--fw-danger);
      border-color: #fecdca;
    }
    :host([status='connecting']) .dot,
    :host([status='reconnecting']) .dot {
      animation: pulse 1.2s ease-in-out infinite;
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
    @keyframes pulse {
      50% {
        opacity: 0.25;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .dot {
        animation: none !important;
      }
    }
  `;

  @property({ reflect: true }) status: CollabStatus = 'connecting';
  /** The server's own words when it refused the connection. */
  @property() reason = '';

  readonly #i18n = new LocaleController(this);

  override render() {
    const { t } = this.#i18n;
    const detail = this.status === 'refused' && this.reason ? `${t.editor.connectionDetail.refused} ${this.reason}` : t.editor.connectionDetail[this.status];
    return html`<span class="badge" role="status" title=${detail}>
      <span class="dot" aria-hidden="true"></span>${t.editor.connection[this.status]}<span class="visually-hidden">: ${detail}</span>
    </span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-connection-badge': ConnectionBadge;
  }
}
