import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { api } from '../../shared/api/endpoints';
import type { CallOutput } from '../../shared/api/endpoint';
import { call, errorMessage, said } from '../http/call';
import { fieldValue, ImeSubmitGuard } from '../forms/ime-guard';
import { formatDateTime } from '../i18n/format';
import { LocaleController } from '../i18n/i18n';
import { sharedStyles } from '../styles/shared-styles';
import { adminStyles } from './admin-styles';
import { auditCsvHref, auditQuery, knownActions, noFilters, type AuditFilters } from './audit-query';
import type { Said } from '../i18n/said';

type AuditPage = CallOutput<typeof api.audit>;
type AuditEntry = AuditPage['entries'][number];

/** The audit log, newest first, filtered by action, actor and dates, with a CSV export of the same. */
@customElement('fw-audit-log')
export class AuditLog extends LitElement {
  static override styles = [
    sharedStyles,
    adminStyles,
    css`
      fieldset {
        border: 1px solid var(--fw-border);
        border-radius: 12px;
        padding: 20px 24px 24px;
        margin: 0 0 24px;
        background: var(--fw-surface);
      }
      legend {
        font-weight: 700;
        padding: 0 6px;
        color: var(--fw-heading);
      }
      .actions {
        margin-top: 20px;
      }
      .summary {
        margin: 0 0 8px;
        color: var(--fw-text-muted);
      }
      td.when {
        white-space: nowrap;
        font-variant-numeric: tabular-nums;
      }
      td code {
        font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
        font-size: 0.875rem;
      }
      td.details {
        font-size: 0.875rem;
        color: var(--fw-text-muted);
        max-width: 420px;
      }
      .more {
        margin-top: 16px;
      }
    `,
  ];

  @state() private filters: AuditFilters = noFilters;
  /** Older pages loaded with "more", after the first. */
  @state() private older: AuditPage[] = [];
  @state() private loadingMore = false;
  @state() private moreError: Said | null = null;

  readonly #i18n = new LocaleController(this);
  readonly #ime = new ImeSubmitGuard();
  readonly #users = new Task(this, { task: async () => (await call(api.users)).users, args: () => [] });
  readonly #firstPage = new Task(this, {
    task: async ([filters]) => call(api.audit, { query: auditQuery(filters) }),
    args: () => [this.filters] as const,
  });

  override render() {
    const { t } = this.#i18n;
    return html`
      ${this.#renderFilters()}
      ${this.#firstPage.render({
        pending: () => html`<p class="status" role="status">${t.app.loading}</p>`,
        error: (error) => html`<p class="message error" role="alert">${errorMessage(error, t.app.networkError)}</p>`,
        complete: (first) => this.#renderEntries(first),
      })}
    `;
  }

  #renderFilters() {
    const { t } = this.#i18n;
    const a = t.admin.audit;
    const f = this.filters;
    return html`<form @submit=${this.#apply} @keydown=${this.#ime.keydown} @keyup=${this.#ime.keyup}>
      <fieldset>
        <legend>${a.filters}</legend>
        <div class="form-grid">
          <div class="field">
            <label for="action">${a.action}</label>
            <input id="action" name="action" list="actions" autocomplete="off" spellcheck="false" pattern="[a-z_.:\\-]+" placeholder=${a.actionHint} .value=${f.action} />
            <datalist id="actions">${knownActions.map((x) => html`<option value=${x}></option>`)}</datalist>
          </div>
          <div class="field">
            <label for="actor">${a.actor}</label>
            <select id="actor" name="actor">
              <option value="" ?selected=${f.actor === ''}>${a.anyone}</option>
              ${(this.#users.value ?? []).map((u) => html`<option value=${u.id} ?selected=${f.actor === u.id}>${u.name} (${u.email})</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="from">${a.from}</label>
            <input id="from" name="from" type="date" .value=${f.from} />
          </div>
          <div class="field">
            <label for="to">${a.to}</label>
            <input id="to" name="to" type="date" .value=${f.to} />
          </div>
        </div>
        <div class="actions">
          <button type="submit">${a.apply}</button>
          <button type="button" class="secondary" @click=${this.#reset}>${a.reset}</button>
          <a class="button secondary" href=${auditCsvHref(f)} download>${a.exportCsv}</a>
        </div>
      </fieldset>
    </form>`;
  }

  #renderEntries(first: AuditPage) {
    const { t } = this.#i18n;
    const a = t.admin.audit;
    const entries = [first, ...this.older].flatMap((p) => p.entries);
    const nextBefore = (this.older.at(-1) ?? first).nextBefore;
    if (entries.length === 0) return html`<p class="muted" role="status">${a.empty}</p>`;
    return html`<p class="summary" role="status">${a.shown(entries.length)}</p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">${a.at}</th>
              <th scope="col">${a.actor}</th>
              <th scope="col">${a.action}</th>
              <th scope="col">${a.target}</th>
              <th scope="col">${a.details}</th>
            </tr>
          </thead>
          <tbody>
            ${repeat(entries, (e) => e.id, (e) => this.#renderEntry(e))}
          </tbody>
        </table>
      </div>
      ${nextBefore !== null
        ? html`<div class="more actions">
            <button type="button" class="secondary" ?disabled=${this.loadingMore} @click=${() => this.#more(nextBefore)}>${a.more}</button>
            <span role="alert">${this.moreError ? html`<span class="message error">${this.moreError(this.#i18n.t)}</span>` : nothing}</span>
          </div>`
        : nothing}`;
  }

  #renderEntry(e: AuditEntry) {
    const { t, locale } = this.#i18n;
    return html`<tr>
      <td class="when"><time datetime=${e.at}>${formatDateTime(e.at, locale)}</time></td>
      <td>${e.actorId === null ? t.admin.audit.system : (e.actorName ?? e.actorId)}</td>
      <td><code>${e.action}</code></td>
      <td>${this.#targetLabel(e.target, e.targetTitle ?? null)}</td>
      <td class="details">${detailsText(e.details)}</td>
    </tr>`;
  }

  /** `user:<id>` as the person's name, a proposal, meeting or poll by its title (the ids stay in the CSV); others as recorded. */
  #targetLabel(target: string | null, title: string | null): string {
    if (!target) return '';
    if (title) return title;
    const [kind, id] = target.split(':');
    const user = kind === 'user' ? this.#users.value?.find((u) => u.id === id) : undefined;
    return user ? `${user.name} (${user.email})` : target;
  }

  #apply(event: SubmitEvent) {
    event.preventDefault();
    if (this.#ime.composing(event)) return;
    const form = new FormData(event.currentTarget as HTMLFormElement);
    this.older = [];
    this.moreError = null;
    this.filters = {
      action: fieldValue(form, 'action'),
      actor: fieldValue(form, 'actor'),
      from: fieldValue(form, 'from'),
      to: fieldValue(form, 'to'),
    };
  }

  async #reset() {
    this.older = [];
    this.moreError = null;
    this.filters = { ...noFilters };
    // also clear what was typed but never applied
    await this.updateComplete;
    this.renderRoot.querySelector('form')?.reset();
  }

  async #more(before: number) {
    this.loadingMore = true;
    this.moreError = null;
    const filters = this.filters;
    try {
      const page = await call(api.audit, { query: { ...auditQuery(filters), before } });
      if (filters === this.filters) this.older = [...this.older, page];
    } catch (error) {
      this.moreError = said(error);
    } finally {
      this.loadingMore = false;
    }
  }
}

/** Details as plain text, `key: value`, never markup. */
function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-audit-log': AuditLog;
  }
}
