import { LitElement, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { errorMessage } from '../http/call';
import '../components/app-header';
import { LocaleController, localeState } from '../i18n/i18n';
import '../pages/invite-page';
import '../pages/sign-in-page';
import { RouterController } from '../router/router-controller';
import type { Route } from '../router/routes';
import { SessionController } from '../session/session-controller';
import './workspace-shell';

/**
 * The root: finds out who is signed in, follows the address, and shows the
 * sign-in page, an invitation, or the workspace.
 */
@customElement('forum-app')
export class ForumApp extends LitElement {
  /**
   * Light DOM, styled from styles/global.css: the live editor on some pages must not be
   * inside any shadow root (ProseMirror and y-prosemirror need the document's selection
   * and range API), and every page is rendered below this element.
   */
  protected override createRenderRoot() {
    this.replaceChildren(); // the boot message from index.html
    return this;
  }

  readonly #i18n = new LocaleController(this);
  readonly #session = new SessionController(this);
  readonly #router = new RouterController(this, () => this.#focusMainAfterUpdate());

  override render() {
    const { t } = this.#i18n;
    // The remembered language's strings are on their way: no page in another language meanwhile.
    if (localeState.settling) return nothing;
    // The projector view fills the room's screen: no header, no footer.
    if (this.#router.route.page === 'meeting' && this.#router.route.view === 'projector') {
      return html`<main id="main" tabindex="-1">${this.#renderMain(this.#router.route)}</main>`;
    }
    return html`
      <fw-app-header .route=${this.#router.route}>
        <a class="skip" slot="skip" href="#main" @click=${this.#skipToMain}>${t.app.skipToContent}</a>
      </fw-app-header>
      <main id="main" tabindex="-1">${this.#renderMain(this.#router.route)}</main>
      <footer><p>${t.app.footer}</p></footer>
    `;
  }

  protected override updated(): void {
    const page = this.#pageTitle(this.#router.route);
    document.title = page ? this.#i18n.t.app.documentTitle(page) : this.#i18n.t.app.productName;
  }

  #renderMain(route: Route) {
    const { t } = this.#i18n;
    const status = this.#session.status;
    if (route.page === 'invite') return html`<fw-invite-page .token=${route.token}></fw-invite-page>`;
    switch (status.kind) {
      case 'checking':
        return html`<p class="status" role="status">${t.app.loading}</p>`;
      case 'unreachable':
        return html`<div class="status unreachable" role="alert">
          <p class="message error">${errorMessage(status.error, t.app.networkError)}</p>
          <button type="button" @click=${() => this.#session.check()}>${t.app.retry}</button>
        </div>`;
      case 'ready':
        if (!this.#session.user) {
          return html`<fw-sign-in-page .notice=${status.notice === 'ended' ? t.app.sessionEnded : ''}></fw-sign-in-page>`;
        }
        return html`<fw-workspace .route=${route}></fw-workspace>`;
      default: {
        const unknown: never = status;
        throw new Error(`unhandled session status ${JSON.stringify(unknown)}`);
      }
    }
  }

  /** The page's name for the tab title; null on the home page, where the product name says it. */
  #pageTitle(route: Route): string | null {
    const { t } = this.#i18n;
    if (route.page === 'invite') return t.invite.title;
    if (!this.#session.user) return t.signIn.title;
    switch (route.page) {
      case 'home':
        return null;
      case 'admin':
        return `${t.admin.sections[route.section]} · ${t.admin.title}`;
      case 'proposals':
      case 'proposal':
        return t.proposals.title;
      case 'meetings':
        return t.meetings.title;
      case 'meeting':
        return route.view === 'projector' ? t.meetings.projector.label : t.meetings.title;
      case 'strategy':
        return t.strategy.title;
      case 'search':
        return t.search.title;
      case 'notFound':
        return t.app.notFoundTitle;
    }
  }

  #skipToMain(event: Event) {
    // focus it as well: a fragment link alone does not move keyboard focus in every browser
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>('main')?.focus();
  }

  /** After moving to another page, start keyboard and screen-reader users at its content. */
  async #focusMainAfterUpdate() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('main')?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'forum-app': ForumApp;
  }
}
