import { Task } from '@lit/task';
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { api } from '../../shared/api/endpoints';
import type { CallOutput } from '../../shared/api/endpoint';
import { call, errorMessage } from '../http/call';
import { formatDateTime } from '../i18n/format';
import { LocaleController } from '../i18n/i18n';
import { sharedStyles } from '../styles/shared-styles';
import { adminStyles } from './admin-styles';

type Quarantined = CallOutput<typeof api.quarantine>['updates'][number];

/** Document updates moved out of their log because they would not apply on load, newest first. */
@customElement('fw-quarantine-list')
export class QuarantineList extends LitElement {
  static override styles = [
    sharedStyles,
    adminStyles,
    css`
      td.when {
        white-space: nowrap;
        font-variant-numeric: tabular-nums;
      }
      td code {
        font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
        font-size: 0.875rem;
      }
      td.error {
        font-size: 0.875rem;
        color: var(--fw-text-muted);
        max-width: 420px;
        overflow-wrap: anywhere;
      }
    `,
  ];

  readonly #i18n = new LocaleController(this);
  readonly #list = new Task(this, { task: async () => (await call(api.quarantine)).updates, args: () => [] });

  override render() {
    const { t } = this.#i18n;
    return html`<p class="muted">${t.admin.quarantine.intro}</p>
      ${this.#list.render({
        pending: () => html`<p class="status" role="status">${t.app.loading}</p>`,
        error: (error) => html`<p class="message error" role="alert">${errorMessage(error, t.app.networkError)}</p>`,
        complete: (updates) => this.#renderList(updates),
      })}`;
  }

  #renderList(updates: Quarantined[]) {
    const q = this.#i18n.t.admin.quarantine;
    if (updates.length === 0) return html`<p class="muted" role="status">${q.empty}</p>`;
    return html`<div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">${q.document}</th>
            <th scope="col">${q.storedAt}</th>
            <th scope="col">${q.quarantinedAt}</th>
            <th scope="col">${q.size}</th>
            <th scope="col">${q.error}</th>
          </tr>
        </thead>
        <tbody>
          ${repeat(updates, (u) => u.seq, (u) => this.#renderRow(u))}
        </tbody>
      </table>
    </div>`;
  }

  #renderRow(u: Quarantined) {
    const { t, locale } = this.#i18n;
    return html`<tr>
      <td><code>${u.docName}</code></td>
      <td class="when"><time datetime=${u.storedAt}>${formatDateTime(u.storedAt, locale)}</time></td>
      <td class="when"><time datetime=${u.quarantinedAt}>${formatDateTime(u.quarantinedAt, locale)}</time></td>
      <td>${t.admin.quarantine.bytes(u.bytes)}</td>
      <td class="error">${u.error}</td>
    </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-quarantine-list': QuarantineList;
  }
}
