import { consume } from '@lit/context';
import { LitElement, html, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import '../pages/not-found-page';
import { PresenceController } from '../presence/presence-controller';
import { routeLocation, type Route } from '../router/routes';
import { sessionContext, type Session } from '../session/session-context';

/**
 * Pages load on first visit: the editor (Tiptap, Yjs) alone is most of the client, and
 * the home page should not wait for it, nor a meeting room for the home page's panels
 * (action items, meetings, subcommittees). Each of a meeting's views
 * loads only its own page, so the room never downloads the projector and the
 * projector never downloads the editor. The element upgrades when its module arrives.
 */
function loadPage(route: Route): Promise<unknown> | undefined {
  switch (route.page) {
    case 'home':
      return import('../pages/home-page');
    case 'admin':
      return import('../pages/admin-page');
    case 'proposals':
      return import('../pages/proposals-page');
    case 'proposal':
      return import('../pages/proposal-page');
    case 'meetings':
      return import('../pages/meetings-page');
    case 'meeting':
      return route.view === 'projector' ? import('../pages/meeting-projector-page') : import('../pages/meeting-room-page');
    case 'strategy':
      return import('../pages/strategy-page');
    case 'search':
      return import('../pages/search-page');
    default:
      return undefined;
  }
}

/**
 * The signed-in part of the app. It exists only while someone is signed in, so
 * the live connection (presence) opens with it and closes when it goes.
 */
@customElement('fw-workspace')
export class WorkspaceShell extends LitElement {
  @property({ attribute: false }) route: Route = { page: 'home' };
  @consume({ context: sessionContext, subscribe: true }) session?: Session;

  readonly #presence = new PresenceController(this, routeLocation(this.route), {
    onSessionEnded: () => this.session?.ended(),
    onRefused: () => void this.session?.verify(),
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('route')) return;
    this.#presence.setLocation(routeLocation(this.route));
    void loadPage(this.route);
  }

  // Light DOM is enough here: the pages carry their own styles.
  protected override createRenderRoot() {
    return this;
  }

  override render() {
    switch (this.route.page) {
      case 'home':
        return html`<fw-home-page></fw-home-page>`;
      case 'admin':
        return html`<fw-admin-page .section=${this.route.section}></fw-admin-page>`;
      case 'proposals':
        return html`<fw-proposals-page .filter=${this.route.filter}></fw-proposals-page>`;
      case 'proposal':
        return html`<fw-proposal-page proposal-id=${this.route.id}></fw-proposal-page>`;
      case 'meetings':
        return html`<fw-meetings-page></fw-meetings-page>`;
      case 'meeting':
        return this.route.view === 'projector'
          ? html`<fw-meeting-projector-page meeting-id=${this.route.id}></fw-meeting-projector-page>`
          : html`<fw-meeting-room-page meeting-id=${this.route.id} view=${this.route.view}></fw-meeting-room-page>`;
      case 'strategy':
        return html`<fw-strategy-page></fw-strategy-page>`;
      case 'search':
        return html`<fw-search-page .q=${this.route.q}></fw-search-page>`;
      case 'invite':
      case 'notFound':
        return html`<fw-not-found-page></fw-not-found-page>`;
      default: {
        const unknown: never = this.route;
        throw new Error(`unhandled route ${JSON.stringify(unknown)}`);
      }
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-workspace': WorkspaceShell;
  }
}
