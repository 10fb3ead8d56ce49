import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { CallOutput } from '../../shared/api/endpoint';
import { api } from '../../shared/api/endpoints';
import { subcommitteeIds, type SubcommitteeId, type User } from '../../shared/domain';
import { can } from '../../shared/permissions';
import { proposalStatuses } from '../../shared/proposals/workflow';
import { fieldValue, ImeSubmitGuard } from '../forms/ime-guard';
import { SubmitController } from '../forms/submit-controller';
import { call, errorMessage } from '../http/call';
import { formatDateTime } from '../i18n/format';
import { LocaleController } from '../i18n/i18n';
import '../proposals/status-badge';
import { navigate } from '../router/router-controller';
import { proposalsPath, routePath, type ProposalFilter } from '../router/routes';
import { sessionContext, type Session } from '../session/session-context';
import { sharedStyles } from '../styles/shared-styles';
import { pageStyles } from './page-styles';

type ProposalSummary = CallOutput<typeof api.listProposals>['proposals'][number];

/** Typing pauses this long before the list follows the search field. */
const searchDelayMs = 300;

/** Subcommittees this person may create proposals in: their own for a chair, all for ministry staff. */
const creatableIn = (user: User | null): SubcommitteeId[] =>
  user ? subcommitteeIds.filter((s) => can(user, { type: 'proposals.create', subcommittee: s })) : [];

/** Every proposal, filtered by subcommittee and status, searched by title; a new one in one's own subcommittee. */
@customElement('fw-proposals-page')
export class ProposalsPage extends LitElement {
  static override styles = [
    sharedStyles,
    pageStyles,
    css`
      .head {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        justify-content: space-between;
        gap: 16px;
        margin-bottom: 24px;
      }
      .head p {
        margin-top: 6px;
        color: var(--fw-text-muted);
      }
      .filters {
        display: grid;
        grid-template-columns: minmax(160px, 220px) minmax(160px, 220px) minmax(220px, 1fr) auto;
        gap: 16px;
        align-items: end;
        padding: 20px 24px;
        margin-bottom: 20px;
      }
      @media (max-width: 820px) {
        .filters {
          grid-template-columns: 1fr 1fr;
        }
      }
      .filters button {
        min-height: 48px;
      }
      /* On a phone each proposal is a card: its title, then its facts each under its name. */
      @media (max-width: 600px) {
        .filters {
          grid-template-columns: 1fr;
          padding: 16px;
        }
        .table-wrap {
          overflow: visible;
        }
        table,
        tbody,
        tr,
        td {
          display: block;
          width: 100%;
        }
        thead {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip: rect(0 0 0 0);
        }
        tr.proposal {
          background: var(--fw-surface);
          border: 1px solid var(--fw-border);
          border-radius: var(--fw-radius);
          padding: 12px 16px;
          margin-bottom: 12px;
        }
        tr.proposal td {
          border: none;
          padding: 4px 0;
        }
        tr.proposal td.title {
          font-size: 1.0625rem;
          padding-bottom: 8px;
        }
        tr.proposal td[data-label]::before {
          content: attr(data-label) ' · ';
          color: var(--fw-text-muted);
          font-size: 0.875rem;
        }
      }
      .create {
        margin-bottom: 24px;
        max-width: 720px;
      }
      .create h2 {
        margin-bottom: 4px;
      }
      .create .row {
        display: flex;
        gap: 12px;
        flex-wrap: wrap;
      }
      .summary {
        margin-bottom: 8px;
        color: var(--fw-text-muted);
      }
      td.title a {
        font-weight: 600;
        text-decoration: none;
      }
      td.title a:hover {
        text-decoration: underline;
      }
      td.when {
        white-space: nowrap;
        font-variant-numeric: tabular-nums;
        color: var(--fw-text-muted);
        font-size: 0.9375rem;
      }
      td.sub,
      td.author {
        white-space: nowrap;
      }
      [role='alert'] > .message {
        margin-bottom: 16px;
      }
    `,
  ];

  @property({ attribute: false }) filter: ProposalFilter = { subcommittee: null, status: null, q: '' };
  @consume({ context: sessionContext, subscribe: true }) session?: Session;
  @state() private creating = false;

  readonly #i18n = new LocaleController(this);
  readonly #searchIme = new ImeSubmitGuard();
  readonly #createIme = new ImeSubmitGuard();
  readonly #creation = new SubmitController(this);
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #list = new Task(this, {
    task: async ([subcommittee, status, q]) =>
      (await call(api.listProposals, { query: { subcommittee: subcommittee ?? undefined, status: status ?? undefined, q: q || undefined } })).proposals,
    args: () => [this.filter.subcommittee, this.filter.status, this.filter.q] as const,
  });

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#searchTimer);
  }

  protected override updated(changed: PropertyValues<this>): void {
    // The address changed from outside (a link, back): show its search, unless the person is typing in the field.
    const search = this.renderRoot.querySelector<HTMLInputElement>('#q');
    if (changed.has('filter') && search && search.value.trim() !== this.filter.q && this.shadowRoot?.activeElement !== search) {
      search.value = this.filter.q;
    }
  }

  override render() {
    const { t } = this.#i18n;
    const creatable = creatableIn(this.session?.user ?? null);
    return html`<div class="page">
      <div class="head">
        <div>
          <h1>${t.proposals.title}</h1>
          <p>${t.proposals.intro}</p>
        </div>
        ${creatable.length > 0 && !this.creating
          ? html`<button type="button" @click=${this.#openCreate}>${t.proposals.create.open}</button>`
          : nothing}
      </div>
      ${this.creating ? this.#renderCreate(creatable) : nothing}
      ${this.#renderFilters()}
      ${this.#list.render({
        pending: () => (this.#list.value ? this.#renderList(this.#list.value) : html`<p class="status" role="status">${t.app.loading}</p>`),
        error: (error) => html`<div role="alert">
          <p class="message error">${t.app.loadFailed} ${errorMessage(error, t.app.networkError)}</p>
          <button type="button" class="secondary" @click=${() => this.#list.run()}>${t.app.retry}</button>
        </div>`,
        complete: (proposals) => this.#renderList(proposals),
      })}
    </div>`;
  }

  #renderFilters() {
    const { t } = this.#i18n;
    const f = this.filter;
    return html`<form
      class="card filters"
      role="search"
      aria-label=${t.proposals.filters}
      @submit=${this.#submitSearch}
      @keydown=${this.#searchIme.keydown}
      @keyup=${this.#searchIme.keyup}
    >
      <div class="field">
        <label for="subcommittee">${t.proposals.subcommittee}</label>
        <select id="subcommittee" @change=${(e: Event) => this.#setFilter({ subcommittee: (e.target as HTMLSelectElement).value as SubcommitteeId || null })}>
          <option value="" ?selected=${!f.subcommittee}>${t.proposals.all}</option>
          ${subcommitteeIds.map((s) => html`<option value=${s} ?selected=${f.subcommittee === s}>${t.subcommittees[s]}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="status">${t.proposals.status}</label>
        <select id="status" @change=${(e: Event) => this.#setFilter({ status: ((e.target as HTMLSelectElement).value || null) as ProposalFilter['status'] })}>
          <option value="" ?selected=${!f.status}>${t.proposals.all}</option>
          ${proposalStatuses.map((s) => html`<option value=${s} ?selected=${f.status === s}>${t.proposals.statuses[s]}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="q">${t.proposals.search}</label>
        <input id="q" name="q" type="search" autocomplete="off" maxlength="200" placeholder=${t.proposals.searchHint} value=${f.q} @input=${this.#onSearchInput} @compositionend=${this.#scheduleSearch} />
      </div>
      <button type="button" class="secondary" @click=${this.#reset}>${t.proposals.reset}</button>
    </form>`;
  }

  #renderList(proposals: ProposalSummary[]) {
    const { t, locale } = this.#i18n;
    if (proposals.length === 0) return html`<p class="status">${t.proposals.empty}</p>`;
    const h = t.proposals.table;
    return html`<p class="summary" role="status">${t.proposals.count(proposals.length)}</p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">${h.title}</th>
              <th scope="col">${h.subcommittee}</th>
              <th scope="col">${h.status}</th>
              <th scope="col">${h.author}</th>
              <th scope="col">${h.updated}</th>
            </tr>
          </thead>
          <tbody>
            ${repeat(
              proposals,
              (p) => p.id,
              (p) => html`<tr class="proposal">
                <td class="title"><a href=${routePath({ page: 'proposal', id: p.id })}>${p.title}</a></td>
                <td class="sub" data-label=${h.subcommittee}>${t.subcommittees[p.subcommittee]}</td>
                <td data-label=${h.status}><fw-status-badge status=${p.status}></fw-status-badge></td>
                <td class="author" data-label=${h.author}>${p.authorName}</td>
                <td class="when" data-label=${h.updated}><time datetime=${p.updatedAt}>${formatDateTime(p.updatedAt, locale)}</time></td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  #renderCreate(creatable: SubcommitteeId[]) {
    const { t } = this.#i18n;
    const c = t.proposals.create;
    const only = creatable.length === 1 ? creatable[0] : undefined;
    const preset = this.filter.subcommittee && creatable.includes(this.filter.subcommittee) ? this.filter.subcommittee : null;
    const { busy } = this.#creation;
    return html`<section class="card create" aria-labelledby="create-title">
      <form @submit=${this.#create} @keydown=${this.#createKeydown} @keyup=${this.#createIme.keyup}>
        <div>
          <h2 id="create-title">${c.title}</h2>
          ${only ? html`<p class="hint">${c.inOwn(t.subcommittees[only])}</p>` : nothing}
        </div>
        <div class="field">
          <label for="new-title">${c.name}</label>
          <input id="new-title" name="title" required maxlength="200" autocomplete="off" />
        </div>
        ${only
          ? html`<input type="hidden" name="subcommittee" value=${only} />`
          : html`<div class="field">
              <label for="new-subcommittee">${c.subcommittee}</label>
              <select id="new-subcommittee" name="subcommittee" required>
                <option value="" ?selected=${!preset}>${c.choose}</option>
                ${creatable.map((s) => html`<option value=${s} ?selected=${preset === s}>${t.subcommittees[s]}</option>`)}
              </select>
            </div>`}
        <div role="alert">${this.#creation.renderError(t)}</div>
        <div class="row">
          <button type="submit" ?disabled=${busy}>${busy ? c.submitting : c.submit}</button>
          <button type="button" class="secondary" @click=${() => (this.creating = false)}>${c.cancel}</button>
        </div>
      </form>
    </section>`;
  }

  #setFilter(change: Partial<ProposalFilter>): void {
    navigate(proposalsPath({ ...this.filter, ...change }), { replace: true });
  }

  /** Searches as the person types, but not on every jamo of a Korean syllable being composed. */
  readonly #onSearchInput = (event: InputEvent) => {
    if (event.isComposing) return;
    this.#scheduleSearch();
  };

  readonly #scheduleSearch = () => {
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => this.#applySearch(), searchDelayMs);
  };

  #applySearch(): void {
    const q = this.renderRoot.querySelector<HTMLInputElement>('#q')?.value.trim() ?? '';
    if (q !== this.filter.q) this.#setFilter({ q });
  }

  readonly #submitSearch = (event: SubmitEvent) => {
    event.preventDefault();
    if (this.#searchIme.composing(event)) return;
    clearTimeout(this.#searchTimer);
    this.#applySearch();
  };

  readonly #reset = () => {
    clearTimeout(this.#searchTimer);
    const search = this.renderRoot.querySelector<HTMLInputElement>('#q');
    if (search) search.value = '';
    navigate(proposalsPath(), { replace: true });
  };

  async #openCreate() {
    this.creating = true;
    this.#creation.clear();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#new-title')?.focus();
  }

  readonly #createKeydown = (event: KeyboardEvent) => {
    this.#createIme.keydown(event);
    if (event.key === 'Escape') this.creating = false;
  };

  async #create(event: SubmitEvent) {
    event.preventDefault();
    if (this.#createIme.composing(event)) return;
    const form = new FormData(event.target as HTMLFormElement);
    const title = fieldValue(form, 'title');
    const subcommittee = fieldValue(form, 'subcommittee') as SubcommitteeId;
    if (!title || !subcommittee) return;
    await this.#creation.run(async () => {
      const { proposal } = await call(api.createProposal, { body: { title, subcommittee } });
      this.creating = false;
      navigate(routePath({ page: 'proposal', id: proposal.id }));
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-proposals-page': ProposalsPage;
  }
}
