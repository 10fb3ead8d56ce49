import { consume } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { can } from '../../shared/permissions';
import '../admin/audit-log';
import '../admin/invite-form';
import '../admin/quarantine-list';
import '../admin/user-roles';
import '../mail/mail-status';
import '../admin/pending-invitations';
import { LocaleController } from '../i18n/i18n';
import { adminSections, routePath, type AdminSection } from '../router/routes';
import { sessionContext, type Session } from '../session/session-context';
import { sharedStyles } from '../styles/shared-styles';
import { pageStyles } from './page-styles';

/** Ministry staff only: invitations, users and roles, the audit log, quarantined document changes. */
@customElement('fw-admin-page')
export class AdminPage extends LitElement {
  static override styles = [
    sharedStyles,
    pageStyles,
    css`
      h1 {
        margin-bottom: 20px;
      }
      h2 {
        margin-bottom: 20px;
      }
      nav ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0;
        list-style: none;
        margin: 0 0 32px;
        padding: 0;
        border-bottom: 1px solid var(--fw-border);
      }
      nav a {
        display: inline-block;
        padding: 12px 20px;
        color: var(--fw-text-muted);
        font-weight: 600;
        text-decoration: none;
        border-bottom: 3px solid transparent;
        margin-bottom: -1px;
      }
      nav a:hover {
        color: var(--fw-primary-dark);
      }
      nav a[aria-current='page'] {
        color: var(--fw-primary);
        border-bottom-color: var(--fw-primary);
      }
    `,
  ];

  @property() section: AdminSection = 'invite';
  @consume({ context: sessionContext, subscribe: true }) session?: Session;

  readonly #i18n = new LocaleController(this);

  override render() {
    const { t } = this.#i18n;
    const user = this.session?.user;
    if (!user || !can(user, { type: 'audit.read' })) {
      return html`<div class="page">
        <h1>${t.admin.title}</h1>
        <p class="message error" role="alert">${t.admin.forbidden}</p>
      </div>`;
    }
    return html`<div class="page">
      <h1>${t.admin.title}</h1>
      <nav aria-label=${t.admin.sectionsNav}>
        <ul>
          ${adminSections.map(
            (s) => html`<li>
              <a href=${routePath({ page: 'admin', section: s })} aria-current=${s === this.section ? 'page' : nothing}>${t.admin.sections[s]}</a>
            </li>`,
          )}
        </ul>
      </nav>
      <section aria-labelledby="section-title">
        <h2 id="section-title">${t.admin.sections[this.section]}</h2>
        ${this.#renderSection()}
      </section>
    </div>`;
  }

  #renderSection() {
    switch (this.section) {
      case 'invite':
        return html`<fw-mail-status></fw-mail-status><fw-invite-form></fw-invite-form><fw-pending-invitations></fw-pending-invitations>`;
      case 'users':
        return html`<fw-user-roles></fw-user-roles>`;
      case 'audit':
        return html`<fw-audit-log></fw-audit-log>`;
      case 'quarantine':
        return html`<fw-quarantine-list></fw-quarantine-list>`;
      default: {
        const unknown: never = this.section;
        throw new Error(`unhandled admin section ${String(unknown)}`);
      }
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-admin-page': AdminPage;
  }
}
