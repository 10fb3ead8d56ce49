import { LitElement, css, html } from 'lit';
import type { User } from '../../shared/domain';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { api } from '../../shared/api/endpoints';
import { can } from '../../shared/permissions';
import type { Meeting } from '../../shared/schemas/meetings';
import { fieldValue, ImeSubmitGuard } from '../forms/ime-guard';
import { SubmitController } from '../forms/submit-controller';
import { roleLabel } from '../i18n/labels';
import { call } from '../http/call';
import { LocaleController } from '../i18n/i18n';
import { sharedStyles } from '../styles/shared-styles';
import { seoulDateToday, seoulIso, seoulParts } from './format';
import { panelStyles } from './meeting-styles';
import { canSome } from '../../shared/permissions/some';

export const meetingCreatedEvent = 'fw-meeting-created';
export const meetingFormCancelEvent = 'fw-meeting-form-cancel';
export const meetingUpdatedEvent = 'fw-meeting-updated';

let nextRow = 0;

/** The presenter select's choice for "type a name" (never a user id: ids have no spaces). */
const typedChoice = 'typed name';

/** A row's presenter as the API takes it: a user, a typed name, or none. */
function presenterOf(form: FormData, row: number): { userId: string } | { name: string } | null {
  const choice = fieldValue(form, `item-presenter-${row}`);
  if (choice === typedChoice) {
    const name = fieldValue(form, `item-presenter-name-${row}`);
    return name ? { name } : null;
  }
  return choice ? { userId: choice } : null;
}

/**
 * Ministry staff schedule a meeting: title, date and time (Korean time), place,
 * online link and the first agenda items (title, planned minutes, presenter and the
 * proposal each is about, so no item needs a second dialog). Given
 * a `meeting`, the same form edits its details (the agenda is edited in the room).
 */
@customElement('fw-meeting-form')
export class MeetingForm extends LitElement {
  static override styles = [
    sharedStyles,
    panelStyles,
    css`
      form {
        gap: 16px;
      }
      .row {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(200px, 1fr));
        gap: 16px;
        align-items: start;
      }
      fieldset {
        border: 1px solid var(--fw-border);
        border-radius: 10px;
        padding: 12px 16px 16px;
        margin: 0;
        display: grid;
        gap: 10px;
      }
      legend {
        font-weight: 700;
        padding: 0 6px;
      }
      ol {
        display: grid;
        gap: 8px;
      }
      li {
        display: grid;
        grid-template-columns: 2em minmax(0, 1fr) 110px auto;
        gap: 8px;
        align-items: center;
      }
      /* the item's presenter and proposal, on a line of their own under its title */
      li .links {
        grid-column: 2 / -1;
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(180px, 1fr));
        gap: 8px;
      }
      li select {
        min-height: 42px;
      }
      li .num {
        font-weight: 800;
        color: var(--fw-primary-dark);
      }
      li input {
        min-height: 42px;
        padding: 6px 10px;
      }
      .optional {
        font-weight: 400;
        color: var(--fw-text-muted);
      }
    `,
  ];

  /** The meeting to edit; null schedules a new one. */
  @property({ attribute: false }) meeting: Meeting | null = null;
  @state() private rows: number[] = [nextRow++];
  @state() private people: User[] = [];
  /** Everyone who may present (all but observers), and the proposals an item may be about. */
  @state() private presenters: User[] = [];
  @state() private proposals: { id: string; title: string }[] = [];
  /** Rows whose presenter is typed in (a guest), not picked. */
  @state() private typedPresenter = new Set<number>();

  readonly #i18n = new LocaleController(this);
  readonly #ime = new ImeSubmitGuard();
  readonly #sending = new SubmitController(this);

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLInputElement>('#m-title')?.focus();
    // Who may chair: anyone but observers; the list is optional, so a failure leaves "none".
    call(api.users).then(
      ({ users }) => {
        this.people = users.filter((u) => can(u, { type: 'meetings.chair' }));
        this.presenters = users.filter((u) => canSome(u, 'meetings.participate'));
      },
      () => {},
    );
    if (!this.meeting) {
      call(api.listProposals, { query: {} }).then(
        ({ proposals }) => (this.proposals = proposals.map((p) => ({ id: p.id, title: p.title }))),
        () => {},
      );
    }
  }

  override render() {
    const { t } = this.#i18n;
    const c = t.meetings.create;
    const m = this.meeting;
    const when = m ? seoulParts(m.startsAt) : { date: seoulDateToday(), time: '14:00' };
    const { busy } = this.#sending;
    return html`<form class="panel" aria-labelledby="form-title" @submit=${this.#submit} @keydown=${this.#keydown} @keyup=${this.#ime.keyup}>
      <h2 id="form-title">${m ? c.editTitle : c.title}</h2>
      <div class="field">
        <label for="m-title">${c.name}</label>
        <input id="m-title" name="title" required maxlength="200" autocomplete="off" .value=${m?.title ?? ''} />
      </div>
      <div class="row">
        <div class="field">
          <label for="m-date">${c.date}</label>
          <input id="m-date" name="date" type="date" required .value=${when.date} />
        </div>
        <div class="field">
          <label for="m-time">${c.time}</label>
          <input id="m-time" name="time" type="time" required .value=${when.time} />
        </div>
      </div>
      <div class="row">
        <div class="field">
          <label for="m-place">${c.place} <span class="optional">(${c.optional})</span></label>
          <input id="m-place" name="place" maxlength="200" autocomplete="off" .value=${m?.place ?? ''} />
        </div>
        <div class="field">
          <label for="m-link">${c.onlineLink} <span class="optional">(${c.optional})</span></label>
          <input id="m-link" name="onlineLink" type="url" inputmode="url" placeholder="https://" aria-describedby="m-link-hint" .value=${m?.onlineLink ?? ''} />
          <span class="hint" id="m-link-hint">${c.onlineHint}</span>
        </div>
      </div>
      <div class="field">
        <label for="m-chair">${c.chair} <span class="optional">(${c.optional})</span></label>
        <select id="m-chair" name="chairId" aria-describedby="m-chair-hint">
          <option value="">${c.chairNone}</option>
          ${this.people.filter((u) => can(u, { type: 'meetings.chair' })).map((u) => html`<option value=${u.id} ?selected=${m?.chair?.id === u.id}>${u.name} · ${roleLabel(t, u)}</option>`)}
        </select>
        <span class="hint" id="m-chair-hint">${c.chairHint}</span>
      </div>
      ${m ? '' : this.#agendaRows()}
      <div role="alert">${this.#sending.renderError(t)}</div>
      <div class="actions">
        <button type="submit" ?disabled=${busy}>${m ? (busy ? c.saving : c.save) : busy ? c.submitting : c.submit}</button>
        <button type="button" class="secondary" @click=${this.#cancel}>${c.cancel}</button>
      </div>
    </form>`;
  }

  #agendaRows() {
    const c = this.#i18n.t.meetings.create;
    return html`<fieldset>
        <legend>${c.agenda}</legend>
        <p class="hint">${c.agendaHint}</p>
        <ol class="plain">
          ${repeat(
            this.rows,
            (row) => row,
            (row, i) => html`<li>
              <span class="num" aria-hidden="true">${i + 1}.</span>
              <input name=${`item-title-${row}`} maxlength="200" autocomplete="off" aria-label=${c.itemTitle(i + 1)} />
              <input name=${`item-minutes-${row}`} type="number" min="1" max="600" value="15" aria-label=${c.itemMinutes(i + 1)} />
              <button type="button" class="secondary small" aria-label=${c.removeItem(i + 1)} @click=${() => this.#removeRow(row)}>×</button>
              ${this.#links(row, i + 1)}
            </li>`,
          )}
        </ol>
        <div><button type="button" class="secondary small" @click=${this.#addRow}>${c.addItem}</button></div>
      </fieldset>`;
  }

  /** An item's presenter (a person, or a typed name) and the proposal it is about. */
  #links(row: number, n: number) {
    const { t } = this.#i18n;
    const c = t.meetings.create;
    const f = t.meetings.agenda.form;
    const typed = this.typedPresenter.has(row);
    return html`<div class="links">
      <select name=${`item-presenter-${row}`} aria-label=${c.itemPresenter(n)} @change=${(e: Event) => this.#pickPresenter(row, (e.target as HTMLSelectElement).value)}>
        <option value="">${f.presenter}: ${f.presenterNone}</option>
        ${this.presenters.map((u) => html`<option value=${u.id}>${u.name} · ${roleLabel(t, u)}</option>`)}
        <option value=${typedChoice} ?selected=${typed}>${f.presenterOther}</option>
      </select>
      ${typed ? html`<input name=${`item-presenter-name-${row}`} required maxlength="80" autocomplete="off" aria-label=${c.itemPresenterName(n)} placeholder=${f.presenterName} />` : ''}
      <select name=${`item-proposal-${row}`} aria-label=${c.itemProposal(n)} @change=${(e: Event) => this.#pickProposal(row, (e.target as HTMLSelectElement).value)}>
        <option value="">${f.proposal}: ${f.proposalNone}</option>
        ${this.proposals.map((p) => html`<option value=${p.id}>${p.title}</option>`)}
      </select>
    </div>`;
  }

  #pickPresenter(row: number, value: string) {
    const typed = new Set(this.typedPresenter);
    if (value === typedChoice) typed.add(row);
    else typed.delete(row);
    this.typedPresenter = typed;
  }

  /** Picking a proposal for an untitled item names the item after it. */
  #pickProposal(row: number, id: string) {
    const title = this.renderRoot.querySelector<HTMLInputElement>(`input[name="item-title-${row}"]`);
    const proposal = this.proposals.find((p) => p.id === id);
    if (title && proposal && title.value.trim() === '') title.value = proposal.title;
  }

  readonly #keydown = (event: KeyboardEvent) => {
    this.#ime.keydown(event);
    if (event.key === 'Escape') this.#cancel();
  };

  readonly #addRow = async () => {
    const row = nextRow++;
    this.rows = [...this.rows, row];
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`input[name="item-title-${row}"]`)?.focus();
  };

  async #removeRow(row: number): Promise<void> {
    const index = this.rows.indexOf(row);
    this.rows = this.rows.filter((r) => r !== row);
    await this.updateComplete;
    const inputs = this.renderRoot.querySelectorAll<HTMLInputElement>('input[name^="item-title-"]');
    (inputs[Math.min(index, inputs.length - 1)] ?? this.renderRoot.querySelector<HTMLButtonElement>('fieldset > div > button'))?.focus();
  }

  readonly #cancel = () => {
    this.dispatchEvent(new CustomEvent(meetingFormCancelEvent, { bubbles: true, composed: true }));
  };

  readonly #submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (this.#ime.composing(event)) return;
    const form = new FormData(event.target as HTMLFormElement);
    const agenda = this.rows
      .map((row) => ({
        title: fieldValue(form, `item-title-${row}`),
        plannedMinutes: Number(fieldValue(form, `item-minutes-${row}`)) || 10,
        presenter: presenterOf(form, row),
        proposalId: fieldValue(form, `item-proposal-${row}`) || null,
      }))
      .filter((item) => item.title !== '');
    const details = {
      title: fieldValue(form, 'title'),
      startsAt: seoulIso(fieldValue(form, 'date'), fieldValue(form, 'time')),
      place: fieldValue(form, 'place') || null,
      onlineLink: fieldValue(form, 'onlineLink') || null,
      chairId: fieldValue(form, 'chairId') || null,
    };
    await this.#sending.run(async () => {
      if (this.meeting) {
        const { meeting } = await call(api.updateMeeting, { params: { id: this.meeting.id }, body: details });
        this.dispatchEvent(new CustomEvent<Meeting>(meetingUpdatedEvent, { detail: meeting, bubbles: true, composed: true }));
        return;
      }
      const { meeting } = await call(api.createMeeting, { body: { ...details, agenda } });
      this.dispatchEvent(new CustomEvent<Meeting>(meetingCreatedEvent, { detail: meeting, bubbles: true, composed: true }));
    });
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-meeting-form': MeetingForm;
  }
}
