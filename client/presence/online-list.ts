import { consume } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { OnlineUser } from '../../shared/schemas/presence';
import { LocaleController } from '../i18n/i18n';
import { locationLabel, roleLabel } from '../i18n/labels';
import { sessionContext, type Session } from '../session/session-context';
import { sharedStyles } from '../styles/shared-styles';
import { liveContext, type LiveState } from '../realtime/live-context';
import { presenceDotStyles } from './presence-styles';

/** "접속 중": who is online now, live; active people first. */
@customElement('fw-online-list')
export class OnlineList extends LitElement {
  static override styles = [
    sharedStyles,
    presenceDotStyles,
    css`
      section {
        padding: 24px;
      }
      header {
        display: flex;
        align-items: baseline;
        justify-content: space-between;
        margin-bottom: 12px;
      }
      .count {
        color: var(--fw-text-muted);
        font-weight: 600;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li {
        display: grid;
        grid-template-columns: auto 1fr;
        column-gap: 12px;
        padding: 12px 0;
        border-top: 1px solid var(--fw-border);
      }
      .name {
        font-weight: 700;
      }
      .you {
        font-weight: 400;
        color: var(--fw-text-muted);
      }
      .meta {
        font-size: 0.875rem;
        color: var(--fw-text-muted);
      }
      .state {
        font-size: 0.875rem;
        color: var(--fw-success);
        font-weight: 600;
      }
      .idle .state {
        color: var(--fw-away);
      }
      .connection {
        font-size: 0.875rem;
        color: var(--fw-text-muted);
        margin-bottom: 8px;
      }
      .connection:empty {
        margin: 0;
      }
    `,
  ];

  @consume({ context: liveContext, subscribe: true }) presence?: LiveState;
  @consume({ context: sessionContext, subscribe: true }) session?: Session;

  readonly #i18n = new LocaleController(this);

  override render() {
    const { t, locale } = this.#i18n;
    const status = this.presence?.status ?? 'connecting';
    const online = [...(this.presence?.online ?? [])].sort(
      (a, b) => Number(a.idle) - Number(b.idle) || a.name.localeCompare(b.name, locale),
    );
    return html`<section class="card" aria-labelledby="online-title">
      <header>
        <h2 id="online-title">${t.presence.title}</h2>
        <span class="count">${t.presence.count(online.length)}</span>
      </header>
      <p class="connection" role="status">${status === 'connected' ? nothing : status === 'connecting' ? t.presence.connecting : t.presence.disconnected}</p>
      ${online.length === 0
        ? html`<p class="muted">${t.presence.empty}</p>`
        : html`<ul>
            ${repeat(online, (u) => u.userId, (u) => this.#renderUser(u))}
          </ul>`}
    </section>`;
  }

  #renderUser(u: OnlineUser) {
    const { t } = this.#i18n;
    const self = u.userId === this.session?.user?.id;
    return html`<li class=${u.idle ? 'idle' : 'active'}>
      <span class="dot" aria-hidden="true"></span>
      <div>
        <p class="name">${u.name}${self ? html` <span class="you">(${t.presence.you})</span>` : nothing}</p>
        <p class="meta">${roleLabel(t, u)}</p>
        <p class="meta"><span class="state">${u.idle ? t.presence.idle : t.presence.active}</span> · ${locationLabel(t, u.location)}</p>
      </div>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-online-list': OnlineList;
  }
}
