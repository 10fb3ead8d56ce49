import { Task } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { api } from '../../shared/api/endpoints';
import { call, errorMessage } from '../http/call';
import { LocaleController } from '../i18n/i18n';
import { sharedStyles } from '../styles/shared-styles';

/** On the admin page: whether e-mail is on (SMTP_URL), what waits, and what failed and why. */
@customElement('fw-mail-status')
export class MailStatusPanel extends LitElement {
  static override styles = [sharedStyles];

  readonly #i18n = new LocaleController(this);
  readonly #status = new Task(this, { task: async () => (await call(api.mailStatus)).mail, args: () => [] });

  override render() {
    const { t } = this.#i18n;
    const m = t.notifications.mail;
    return this.#status.render({
      error: (e) => html`<p class="message error">${errorMessage(e, t.app.networkError)}</p>`,
      complete: (s) => html`<section class="panel" id="mail-status" aria-label=${m.on}>
        <p class=${s.enabled ? 'message success' : 'message error'}>${s.enabled ? m.on : m.off}</p>
        ${s.enabled ? html`<p>${m.pending(s.pending)} · ${m.failures(s.failed)}</p>` : nothing}
        ${s.problems.length > 0
          ? html`<ul>
              ${s.problems.map((p) => html`<li><strong>${p.to}</strong> — ${p.subject} (${p.attempts}): ${p.lastError ?? ''}</li>`)}
            </ul>`
          : nothing}
      </section>`,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-mail-status': MailStatusPanel;
  }
}
