import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { User } from '../../shared/domain';
import type { AgendaItem } from '../../shared/schemas/meetings';
import { fieldValue, ImeSubmitGuard } from '../forms/ime-guard';
import { LocaleController } from '../i18n/i18n';
import { roleLabel } from '../i18n/labels';
import { sharedStyles } from '../styles/shared-styles';
import { panelStyles } from './meeting-styles';

/** What the form gives: the body of POST or PATCH /api/meetings/{id}/agenda. */
export interface AgendaItemValue {
  title: string;
  plannedMinutes: number;
  presenter: { userId: string } | { name: string } | null;
  proposalId: string | null;
}

export const agendaSubmitEvent = 'fw-agenda-submit';
export const agendaCancelEvent = 'fw-agenda-cancel';

const OTHER = '__other';

/** Add or edit one agenda item: title, planned minutes, presenter (a user or a typed name), linked proposal. */
@customElement('fw-agenda-form')
export class AgendaForm extends LitElement {
  static override styles = [
    sharedStyles,
    panelStyles,
    css`
      form {
        gap: 12px;
        padding: 14px;
        border: 1px solid var(--fw-border);
        border-radius: 10px;
        background: var(--fw-bg);
      }
      input,
      select {
        min-height: 42px;
        padding: 6px 10px;
      }
      .row {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 12px;
      }
      @media (max-width: 520px) {
        .row {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];

  /** The item being edited; null to add one. */
  @property({ attribute: false }) item: AgendaItem | null = null;
  @property({ attribute: false }) users: User[] = [];
  @property({ attribute: false }) proposals: { id: string; title: string }[] = [];
  @property({ type: Boolean }) busy = false;
  @state() private presenterChoice = '';

  readonly #i18n = new LocaleController(this);
  readonly #ime = new ImeSubmitGuard();

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('item')) {
      const p = this.item?.presenter;
      this.presenterChoice = !p ? '' : p.userId ? p.userId : OTHER;
    }
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLInputElement>('input[name="title"]')?.focus();
  }

  override render() {
    const { t } = this.#i18n;
    const f = t.meetings.agenda.form;
    const item = this.item;
    const presenterName = item?.presenter && !item.presenter.userId ? item.presenter.name : '';
    const knownUser = this.users.some((u) => u.id === item?.presenter?.userId);
    return html`<form @submit=${this.#submit} @keydown=${this.#keydown} @keyup=${this.#ime.keyup}>
      <div class="field">
        <label for="title">${f.title}</label>
        <input id="title" name="title" required maxlength="200" autocomplete="off" .value=${item?.title ?? ''} />
      </div>
      <div class="row">
        <div class="field">
          <label for="minutes">${f.minutes}</label>
          <input id="minutes" name="minutes" type="number" min="1" max="600" step="1" required .value=${String(item?.plannedMinutes ?? 10)} />
        </div>
        <div class="field">
          <label for="presenter">${f.presenter}</label>
          <select id="presenter" name="presenter" @change=${(e: Event) => (this.presenterChoice = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${this.presenterChoice === ''}>${f.presenterNone}</option>
            ${item?.presenter?.userId && !knownUser
              ? html`<option value=${item.presenter.userId} selected>${item.presenter.name}</option>`
              : nothing}
            ${this.users.map(
              (u) => html`<option value=${u.id} ?selected=${this.presenterChoice === u.id}>${u.name} · ${roleLabel(t, u)}</option>`,
            )}
            <option value=${OTHER} ?selected=${this.presenterChoice === OTHER}>${f.presenterOther}</option>
          </select>
        </div>
      </div>
      ${this.presenterChoice === OTHER
        ? html`<div class="field">
            <label for="presenter-name">${f.presenterName}</label>
            <input id="presenter-name" name="presenterName" required maxlength="80" autocomplete="off" .value=${presenterName} />
          </div>`
        : nothing}
      <div class="field">
        <label for="proposal">${f.proposal}</label>
        <select id="proposal" name="proposal">
          <option value="" ?selected=${!item?.proposalId}>${f.proposalNone}</option>
          ${item?.proposalId && !this.proposals.some((p) => p.id === item.proposalId)
            ? html`<option value=${item.proposalId} selected>${item.proposalId}</option>`
            : nothing}
          ${this.proposals.map((p) => html`<option value=${p.id} ?selected=${item?.proposalId === p.id}>${p.title}</option>`)}
        </select>
      </div>
      <div class="actions">
        <button type="submit" class="small" ?disabled=${this.busy}>${item ? f.save : f.add}</button>
        <button type="button" class="secondary small" @click=${this.#cancel}>${f.cancel}</button>
      </div>
    </form>`;
  }

  readonly #keydown = (event: KeyboardEvent) => {
    this.#ime.keydown(event);
    if (event.key === 'Escape') {
      event.preventDefault();
      this.#cancel();
    }
  };

  readonly #cancel = () => {
    this.dispatchEvent(new CustomEvent(agendaCancelEvent, { bubbles: true, composed: true }));
  };

  readonly #submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (this.#ime.composing(event) || this.busy) return;
    const form = new FormData(event.target as HTMLFormElement);
    const choice = fieldValue(form, 'presenter');
    const value: AgendaItemValue = {
      title: fieldValue(form, 'title'),
      plannedMinutes: Number(fieldValue(form, 'minutes')) || 10,
      presenter: choice === '' ? null : choice === OTHER ? { name: fieldValue(form, 'presenterName') } : { userId: choice },
      proposalId: fieldValue(form, 'proposal') || null,
    };
    this.dispatchEvent(new CustomEvent<AgendaItemValue>(agendaSubmitEvent, { detail: value, bubbles: true, composed: true }));
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-agenda-form': AgendaForm;
  }
}
