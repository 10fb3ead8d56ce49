import { Task } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../../shared/api/endpoints';
import { call, errorMessage, said } from '../http/call';
import { LocaleController } from '../i18n/i18n';
import { formatDateTime } from '../i18n/format';
import { roleLabel } from '../i18n/labels';
import { sharedStyles } from '../styles/shared-styles';
import type { Said } from '../i18n/said';

/** Ministry staff: invitations not yet accepted (who, role, expiry), to revoke or resend. */
@customElement('fw-pending-invitations')
export class PendingInvitations extends LitElement {
  static override styles = [sharedStyles];

  @state() private message = '';
  @state() private error: Said | null = null;

  readonly #i18n = new LocaleController(this);
  readonly #list = new Task(this, { task: async () => (await call(api.pendingInvitations)).invitations, args: () => [] });

  override render() {
    const { t, locale } = this.#i18n;
    const v = t.notifications.invitations;
    return html`<section class="panel" aria-labelledby="pending-title">
      <h2 id="pending-title">${v.title}</h2>
      ${this.#list.render({
        error: (e) => html`<p class="message error">${errorMessage(e, t.app.networkError)}</p>`,
        complete: (list) =>
          list.length === 0
            ? html`<p class="muted">${v.none}</p>`
            : html`<table>
                <thead>
                  <tr><th scope="col">${v.who}</th><th scope="col">${v.role}</th><th scope="col">${v.expires}</th><th></th></tr>
                </thead>
                <tbody>
                  ${list.map(
                    (i) => html`<tr>
                      <td>${i.name ? `${i.name} · ` : ''}${i.email}</td>
                      <td>${roleLabel(t, i)}</td>
                      <td><time datetime=${i.expiresAt}>${formatDateTime(i.expiresAt, locale)}</time></td>
                      <td>
                        <button type="button" class="secondary small" @click=${() => this.#resend(i.id)}>${v.resend}</button>
                        <button type="button" class="secondary small warn" @click=${() => this.#revoke(i.id, i.email)}>${v.revoke}</button>
                      </td>
                    </tr>`,
                  )}
                </tbody>
              </table>`,
      })}
      <div role="status">${this.message ? html`<p class="message success">${this.message}</p>` : nothing}</div>
      <div role="alert">${this.error ? html`<p class="message error">${this.error(this.#i18n.t)}</p>` : nothing}</div>
    </section>`;
  }

  async #resend(id: string) {
    await this.#act(async () => {
      const { link } = await call(api.resendInvitation, { params: { id } });
      this.message = `${this.#i18n.t.notifications.invitations.resent} ${link}`;
    });
  }

  async #revoke(id: string, email: string) {
    if (!confirm(this.#i18n.t.notifications.invitations.confirmRevoke(email))) return;
    await this.#act(async () => {
      await call(api.revokeInvitation, { params: { id } });
      this.message = '';
    });
  }

  async #act(action: () => Promise<void>) {
    this.error = null;
    try {
      await action();
      await this.#list.run();
    } catch (error) {
      this.error = said(error);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-pending-invitations': PendingInvitations;
  }
}
