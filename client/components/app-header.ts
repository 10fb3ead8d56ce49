import { consume } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { can } from '../../shared/permissions';
import { LocaleController } from '../i18n/i18n';
import { roleLabel } from '../i18n/labels';
import { navigate } from '../router/router-controller';
import type { Route } from '../router/routes';
import { sessionContext, type Session } from '../session/session-context';
import { sharedStyles } from '../styles/shared-styles';
import './lang-switch';
import '../notifications/notification-bell';
import '../search/search-field';
import { said } from '../http/call';
import type { Said } from '../i18n/said';

/** Ministry name and language switch on a navy strip; product name, menu and the signed-in user below. */
@customElement('fw-app-header')
export class AppHeader extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .strip {
        background: var(--fw-navy);
        color: #fff;
        font-size: 0.875rem;
      }
      .bar {
        max-width: var(--fw-max-width);
        margin: 0 auto;
        padding: 8px 24px;
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 16px;
      }
      .main {
        background: var(--fw-surface);
        border-bottom: 1px solid var(--fw-border);
      }
      .main .bar {
        padding-top: 14px;
        padding-bottom: 14px;
        flex-wrap: wrap;
      }
      .product {
        font-size: 1.25rem;
        font-weight: 800;
        color: var(--fw-navy);
        text-decoration: none;
        letter-spacing: -0.01em;
      }
      .product:hover {
        color: var(--fw-primary);
      }
      nav ul {
        display: flex;
        gap: 4px;
        list-style: none;
        margin: 0;
        padding: 0;
      }
      nav a {
        display: inline-block;
        padding: 8px 14px;
        border-radius: var(--fw-radius);
        color: var(--fw-text);
        font-weight: 600;
        text-decoration: none;
      }
      nav a:hover {
        background: var(--fw-primary-soft);
        color: var(--fw-primary-dark);
      }
      nav a[aria-current='page'] {
        color: var(--fw-primary);
        box-shadow: inset 0 -3px 0 var(--fw-primary);
        border-radius: var(--fw-radius) var(--fw-radius) 0 0;
      }
      .left {
        display: flex;
        align-items: center;
        gap: 32px;
        flex-wrap: wrap;
      }
      .user {
        display: flex;
        align-items: center;
        gap: 16px;
        /* On a row of its own (the English menu is wider), still at the right edge. */
        margin-left: auto;
      }
      .who {
        text-align: right;
        line-height: 1.35;
      }
      .who strong {
        display: block;
      }
      .who span {
        font-size: 0.875rem;
        color: var(--fw-text-muted);
      }
      button.secondary {
        min-height: 40px;
        padding: 0 16px;
      }
      .error {
        font-size: 0.875rem;
        color: var(--fw-danger);
      }
      fw-search-field {
        margin-left: auto;
      }
      fw-search-field + .user {
        margin-left: 0;
      }
      /* On a phone the field takes a row of its own rather than pushing the page wider. */
      @media (max-width: 600px) {
        fw-search-field {
          flex: 1 1 100%;
          margin-left: 0;
        }
      }
    `,
  ];

  @property({ attribute: false }) route: Route = { page: 'home' };
  @consume({ context: sessionContext, subscribe: true }) session?: Session;
  @state() private signOutError: Said | null = null;

  readonly #i18n = new LocaleController(this);

  override render() {
    const { t } = this.#i18n;
    const user = this.session?.user ?? null;
    return html`
      <header>
        <!-- the skip link (forum-app's light DOM) is the banner's first stop: inside a landmark, as every piece of content should be -->
        <slot name="skip"></slot>
        <div class="strip">
          <div class="bar">
            <span>${t.app.ministry}</span>
            <fw-lang-switch></fw-lang-switch>
          </div>
        </div>
        <div class="main">
          <div class="bar">
            <div class="left">
              <a class="product" href="/">${t.app.productName}</a>
              ${user
                ? html`<nav aria-label=${t.header.mainNav}>
                    <ul>
                      <li><a href="/" aria-current=${this.route.page === 'home' ? 'page' : nothing}>${t.header.home}</a></li>
                      <li>
                        <a href="/proposals" aria-current=${this.route.page === 'proposals' || this.route.page === 'proposal' ? 'page' : nothing}
                          >${t.header.proposals}</a
                        >
                      </li>
                      <li>
                        <a href="/meetings" aria-current=${this.route.page === 'meetings' || this.route.page === 'meeting' ? 'page' : nothing}
                          >${t.header.meetings}</a
                        >
                      </li>
                      <li><a href="/strategy" aria-current=${this.route.page === 'strategy' ? 'page' : nothing}>${t.header.strategy}</a></li>
                      ${can(user, { type: 'audit.read' })
                        ? html`<li>
                            <a href="/admin" aria-current=${this.route.page === 'admin' ? 'page' : nothing}>${t.header.admin}</a>
                          </li>`
                        : nothing}
                    </ul>
                  </nav>`
                : nothing}
            </div>
            ${user
              ? html`<fw-search-field .q=${this.route.page === 'search' ? this.route.q : ''}></fw-search-field>
                <div class="user">
                  <fw-notification-bell></fw-notification-bell>
                  <p class="who">
                    <span class="visually-hidden">${t.header.signedInAs}</span>
                    <strong>${user.name}</strong>
                    <span>${roleLabel(t, user)}</span>
                  </p>
                  <button type="button" class="secondary" @click=${this.#signOut}>${t.header.signOut}</button>
                </div>`
              : nothing}
          </div>
          <div role="alert">${this.signOutError ? html`<p class="bar error">${this.signOutError(this.#i18n.t)}</p>` : nothing}</div>
        </div>
      </header>
    `;
  }

  async #signOut() {
    this.signOutError = null;
    try {
      await this.session?.signOut();
      navigate('/');
    } catch (error) {
      this.signOutError = said(error);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-app-header': AppHeader;
  }
}
