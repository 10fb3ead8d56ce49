import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { api } from '../../shared/api/endpoints';
import type { Notification } from '../../shared/schemas/notifications';
import { call, said } from '../http/call';
import { LocaleController } from '../i18n/i18n';
import { formatDateTime } from '../i18n/format';
import { navigate } from '../router/router-controller';
import { mustRefetch } from '../realtime/reconnect';
import { SocketController } from '../realtime/socket-controller';
import { sharedStyles } from '../styles/shared-styles';
import './notification-preferences';
import type { Said } from '../i18n/said';

/**
 * The header's bell: the unread count, live over Socket.IO, and a list (newest first)
 * to open, mark read or mark all read. The list is the store's, so a reload keeps it.
 */
@customElement('fw-notification-bell')
export class NotificationBell extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        position: relative;
        display: inline-block;
      }
      .bell {
        position: relative;
        min-height: 40px;
        padding: 0 12px;
      }
      .count {
        display: inline-block;
        min-width: 1.4em;
        margin-left: 4px;
        padding: 0 5px;
        border-radius: 999px;
        background: var(--fw-danger, #b42318);
        color: #fff;
        font-size: 0.8125rem;
        font-weight: 700;
      }
      .panel {
        position: absolute;
        right: 0;
        top: calc(100% + 6px);
        z-index: 20;
        width: min(420px, 90vw);
        max-height: 70vh;
        overflow: auto;
        padding: 12px;
        background: var(--fw-surface, #fff);
        border: 1px solid var(--fw-border);
        border-radius: 10px;
        box-shadow: 0 8px 24px rgb(0 0 0 / 0.15);
      }
      .head {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: 8px;
        margin-bottom: 8px;
      }
      li {
        display: flex;
        gap: 8px;
        align-items: flex-start;
        padding: 8px 4px;
        border-top: 1px solid var(--fw-border);
      }
      li.unread a {
        font-weight: 700;
      }
      li a {
        flex: 1;
      }
      time {
        display: block;
        font-size: 0.8125rem;
        color: var(--fw-text-muted);
      }
    `,
  ];

  @state() private unread = 0;
  @state() private items: Notification[] = [];
  @state() private open = false;
  @state() private settings = false;
  @state() private error: Said | null = null;

  readonly #i18n = new LocaleController(this);

  constructor() {
    super();
    new SocketController(this, {
      setup: (socket) => {
        socket.on('notification:new', ({ notification, unread }) => {
          this.items = [notification, ...this.items.filter((n) => n.id !== notification.id)];
          this.unread = unread;
        });
        socket.on('notification:unread', ({ unread }) => {
          this.unread = unread;
          if (this.open) void this.#load();
        });
      },
      // A recovered connection got what it missed; otherwise whatever arrived meanwhile is in the store.
      onConnect: (socket) => {
        if (mustRefetch(socket)) void this.#load();
      },
    });
  }

  override render() {
    const { t, locale } = this.#i18n;
    const b = t.notifications.bell;
    return html`<button type="button" class="secondary bell" id="bell" aria-expanded=${String(this.open)} aria-label=${b.label(this.unread)} @click=${this.#toggle}>
        <span aria-hidden="true">🔔</span>${this.unread > 0 ? html`<span class="count" aria-hidden="true">${this.unread}</span>` : nothing}
      </button>
      ${this.open
        ? html`<div class="panel" role="region" aria-label=${b.title}>
            <div class="head">
              <strong>${b.title}</strong>
              <span>
                <button type="button" class="secondary small" id="mark-all" ?disabled=${this.unread === 0} @click=${this.#markAll}>${b.markAllRead}</button>
                <button type="button" class="secondary small" aria-expanded=${String(this.settings)} @click=${() => (this.settings = !this.settings)}>${b.preferences}</button>
              </span>
            </div>
            ${this.settings ? html`<fw-notification-preferences></fw-notification-preferences>` : nothing}
            <div role="alert">${this.error ? html`<p class="message error">${this.error(this.#i18n.t)}</p>` : nothing}</div>
            ${this.items.length === 0
              ? html`<p class="muted">${b.empty}</p>`
              : html`<ul class="plain">
                  ${repeat(
                    this.items,
                    (n) => n.id,
                    (n) => html`<li class=${n.readAt ? 'read' : 'unread'}>
                      <a href=${n.link} @click=${(e: Event) => this.#follow(e, n)}>
                        ${n.title[locale]}
                        <time datetime=${n.createdAt}>${formatDateTime(n.createdAt, locale)}</time>
                      </a>
                      ${n.readAt ? nothing : html`<button type="button" class="secondary small" @click=${() => this.#markRead(n)}>${b.markRead}</button>`}
                    </li>`,
                  )}
                </ul>`}
          </div>`
        : nothing}`;
  }

  readonly #toggle = () => {
    this.open = !this.open;
    if (this.open) void this.#load();
  };

  async #load() {
    try {
      const { notifications, unread } = await call(api.notifications, { query: {} });
      this.items = notifications;
      this.unread = unread;
      this.error = null;
    } catch (error) {
      this.error = said(error);
    }
  }

  async #markRead(n: Notification) {
    try {
      const { unread } = await call(api.markNotificationRead, { params: { id: n.id } });
      this.unread = unread;
      this.items = this.items.map((x) => (x.id === n.id ? { ...x, readAt: new Date().toISOString() } : x));
    } catch (error) {
      this.error = said(error);
    }
  }

  readonly #markAll = async () => {
    try {
      this.unread = (await call(api.markAllNotificationsRead)).unread;
      const now = new Date().toISOString();
      this.items = this.items.map((x) => ({ ...x, readAt: x.readAt ?? now }));
    } catch (error) {
      this.error = said(error);
    }
  };

  #follow(event: Event, n: Notification) {
    event.preventDefault();
    this.open = false;
    if (!n.readAt) void this.#markRead(n);
    navigate(n.link);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-notification-bell': NotificationBell;
  }
}
