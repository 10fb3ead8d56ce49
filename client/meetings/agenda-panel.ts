import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { api } from '../../shared/api/endpoints';
import type { User } from '../../shared/domain';
import { elapsedMs, isLive } from '../../shared/meetings/state-machine';
import type { AgendaItem, Meeting } from '../../shared/schemas/meetings';
import { SubmitController } from '../forms/submit-controller';
import { call } from '../http/call';
import { LocaleController } from '../i18n/i18n';
import { sharedStyles } from '../styles/shared-styles';
import { saidAck } from './ack-message';
import { agendaCancelEvent, agendaSubmitEvent, type AgendaItemValue } from './agenda-form';
import './agenda-form';
import { formatDuration } from './format';
import type { MeetingController } from './meeting-controller';
import { panelStyles } from './meeting-styles';
import { proposalPath } from './paths';
import type { MeetingAbilities } from './permissions';
import { TickController } from '../components/tick-controller';
import { canSome } from '../../shared/permissions/some';

type Editing = { kind: 'none' } | { kind: 'add' } | { kind: 'edit'; itemId: string };

/** The current item's running time against its plan. */
export function itemClock(meeting: Meeting, offsetMs: number, now = Date.now()) {
  const item = meeting.agenda.find((i) => i.id === meeting.currentItemId) ?? null;
  const elapsed = item ? elapsedMs(meeting.currentItemStartedAt, now, offsetMs) : 0;
  const planned = (item?.plannedMinutes ?? 0) * 60_000;
  return { item, elapsed, planned, over: item !== null && elapsed > planned };
}

/**
 * "안건": the ordered agenda with the current item marked and timed. Those who run the
 * meeting move the current item ("현재 안건으로"); ministry staff add, edit, reorder
 * and remove items.
 */
@customElement('fw-agenda-panel')
export class AgendaPanel extends LitElement {
  static override styles = [
    sharedStyles,
    panelStyles,
    css`
      ol.agenda {
        display: grid;
        gap: 8px;
      }
      li.item {
        padding: 10px 12px;
        border: 1px solid var(--fw-border);
        border-radius: 10px;
        background: var(--fw-surface);
      }
      li.item:focus {
        outline: 3px solid var(--fw-focus);
        outline-offset: 2px;
      }
      li.item.current {
        border: 2px solid var(--fw-primary);
        background: var(--fw-primary-soft);
      }
      .top {
        display: flex;
        gap: 8px;
        align-items: baseline;
      }
      .num {
        font-weight: 800;
        color: var(--fw-primary-dark);
        min-width: 1.6em;
      }
      .title {
        font-weight: 700;
        flex: 1;
      }
      .now {
        font-size: 0.75rem;
        font-weight: 800;
        color: #fff;
        background: var(--fw-primary);
        border-radius: 999px;
        padding: 1px 8px;
        white-space: nowrap;
      }
      .info {
        display: flex;
        flex-wrap: wrap;
        gap: 2px 10px;
        margin: 2px 0 0 calc(1.6em + 8px);
        font-size: 0.875rem;
        color: var(--fw-text-muted);
      }
      .clock {
        margin: 8px 0 0 calc(1.6em + 8px);
      }
      .clock .timer {
        font-size: 1.25rem;
      }
      .bar {
        height: 6px;
        border-radius: 3px;
        background: #d7e0f5;
        overflow: hidden;
        margin-top: 4px;
      }
      .bar span {
        display: block;
        height: 100%;
        background: var(--fw-primary);
      }
      .bar.over span {
        background: var(--fw-danger);
      }
      .item .actions {
        margin: 8px 0 0 calc(1.6em + 8px);
        gap: 4px;
      }
      .item .actions .edit {
        min-height: 32px;
        min-width: 32px;
        padding: 0 8px;
        font-size: 0.8125rem;
      }
      .item .actions .run {
        flex-basis: 100%;
        justify-content: center;
      }
      .add {
        margin-top: 12px;
      }
    `,
  ];

  @property({ attribute: false }) meeting: Meeting | null = null;
  @property({ attribute: false }) room: MeetingController | null = null;
  @property({ attribute: false }) abilities: MeetingAbilities | null = null;
  /** Titles of linked proposals, by id, when known. */
  @property({ attribute: false }) proposalTitles: ReadonlyMap<string, string> = new Map();
  /** No buttons at all (the observers' live view, the projector). */
  @property({ type: Boolean, attribute: 'read-only' }) readOnly = false;
  @state() private editing: Editing = { kind: 'none' };
  @state() private users: User[] = [];
  @state() private proposals: { id: string; title: string }[] = [];

  readonly #i18n = new LocaleController(this);
  readonly #sending = new SubmitController(this);
  #choicesLoaded = false;

  constructor() {
    super();
    new TickController(this, () => Boolean(this.meeting?.currentItemId && isLive(this.meeting.status)));
    this.addEventListener(agendaCancelEvent, () => this.#closeForm());
    this.addEventListener(agendaSubmitEvent, (e) => void this.#save((e as CustomEvent<AgendaItemValue>).detail));
  }

  override render() {
    const { t } = this.#i18n;
    const a = t.meetings.agenda;
    const m = this.meeting;
    if (!m) return nothing;
    return html`<section class="panel" aria-labelledby="agenda-title">
      <header>
        <h2 id="agenda-title">${a.title}</h2>
        <span class="count">${m.agenda.length}</span>
      </header>
      <div role="alert">${this.#sending.renderError(t)}</div>
      ${m.agenda.length === 0 ? html`<p class="muted">${a.empty}</p>` : nothing}
      <ol class="plain agenda">
        ${repeat(m.agenda, (i) => i.id, (item, index) => this.#item(m, item, index))}
      </ol>
      ${this.#canEdit() && this.editing.kind !== 'edit'
        ? this.editing.kind === 'add'
          ? html`<div class="add">${this.#form(null)}</div>`
          : html`<div class="add"><button type="button" class="secondary small" @click=${() => this.#openForm({ kind: 'add' })}>${a.add}</button></div>`
        : nothing}
    </section>`;
  }

  #canEdit(): boolean {
    return !this.readOnly && Boolean(this.abilities?.edit);
  }

  #item(m: Meeting, item: AgendaItem, index: number) {
    const { t } = this.#i18n;
    const a = t.meetings.agenda;
    const current = item.id === m.currentItemId;
    const live = isLive(m.status);
    if (this.editing.kind === 'edit' && this.editing.itemId === item.id) {
      return html`<li class="item">${this.#form(item)}</li>`;
    }
    const proposalTitle = item.proposalId ? (this.proposalTitles.get(item.proposalId) ?? a.proposal) : null;
    return html`<li class="item ${current ? 'current' : ''}" id=${`item-${item.id}`} tabindex="-1" aria-current=${current ? 'step' : nothing}>
      <p class="top">
        <span class="num">${a.itemNumber(index + 1)}</span>
        <span class="title">${item.title}</span>
        ${current ? html`<span class="now">${a.current}</span>` : nothing}
      </p>
      <p class="info">
        <span>${a.planned(item.plannedMinutes)}</span>
        ${item.presenter ? html`<span>${a.presenter(item.presenter.name)}</span>` : nothing}
        ${item.proposalId ? html`<a href=${proposalPath(item.proposalId)}>${proposalTitle}</a>` : nothing}
      </p>
      ${current && live ? this.#clock(m) : nothing}
      ${this.#itemActions(m, item, index, current, live)}
    </li>`;
  }

  #clock(m: Meeting) {
    const { t } = this.#i18n;
    const { elapsed, planned, over } = itemClock(m, this.room?.offsetMs ?? 0);
    const ratio = planned > 0 ? Math.min(1, elapsed / planned) : 0;
    return html`<div class="clock">
      <span class="visually-hidden">${t.meetings.agenda.timer}</span>
      <span class="timer ${over ? 'over' : ''}">${formatDuration(elapsed)}</span>
      <span class="meta"> / ${formatDuration(planned)}</span>
      ${over ? html`<span class="meta over"> · ${t.meetings.agenda.overtime}</span>` : nothing}
      <div class="bar ${over ? 'over' : ''}" aria-hidden="true"><span style=${`width:${(ratio * 100).toFixed(1)}%`}></span></div>
    </div>`;
  }

  #itemActions(m: Meeting, item: AgendaItem, index: number, current: boolean, live: boolean) {
    if (this.readOnly) return nothing;
    const a = this.#i18n.t.meetings.agenda;
    const runs = Boolean(this.abilities?.run) && live && !current;
    const edits = this.#canEdit() && this.editing.kind === 'none';
    if (!runs && !edits) return nothing;
    const last = m.agenda.length - 1;
    const { busy } = this.#sending;
    return html`<div class="actions">
      ${runs
        ? html`<button type="button" class="small run" aria-label=${a.setCurrentOf(item.title)} ?disabled=${busy} @click=${() => this.#setCurrent(item.id)}>
            ${a.setCurrent}
          </button>`
        : nothing}
      ${edits
        ? html`<button type="button" class="secondary edit" aria-label=${a.editOf(item.title)} @click=${() => this.#openForm({ kind: 'edit', itemId: item.id })}>
              ${a.edit}
            </button>
            <button type="button" class="secondary edit" data-move="up" aria-label=${a.moveUpOf(item.title)} title=${a.moveUp} ?disabled=${busy || index === 0} @click=${() => this.#move(item.id, -1)}>
              <span aria-hidden="true">↑</span>
            </button>
            <button type="button" class="secondary edit" data-move="down" aria-label=${a.moveDownOf(item.title)} title=${a.moveDown} ?disabled=${busy || index === last} @click=${() => this.#move(item.id, 1)}>
              <span aria-hidden="true">↓</span>
            </button>
            <button type="button" class="secondary edit" aria-label=${a.removeOf(item.title)} ?disabled=${busy} @click=${() => this.#remove(item)}>
              ${a.remove}
            </button>`
        : nothing}
    </div>`;
  }

  #form(item: AgendaItem | null) {
    return html`<fw-agenda-form .item=${item} .users=${this.users} .proposals=${this.proposals} ?busy=${this.#sending.busy}></fw-agenda-form>`;
  }

  #openForm(editing: Editing): void {
    this.#sending.clear();
    this.editing = editing;
    void this.#loadChoices();
  }

  async #closeForm(focusItem?: string): Promise<void> {
    const was = this.editing;
    this.editing = { kind: 'none' };
    await this.updateComplete;
    const id = focusItem ?? (was.kind === 'edit' ? was.itemId : null);
    if (id) this.#focusItem(id);
    else this.renderRoot.querySelector<HTMLButtonElement>('.add button')?.focus();
  }

  #focusItem(id: string, selector?: string): void {
    const li = this.renderRoot.querySelector<HTMLElement>(`#item-${CSS.escape(id)}`);
    const target = selector ? li?.querySelector<HTMLElement>(selector) : null;
    (target && !(target as HTMLButtonElement).disabled ? target : li)?.focus();
  }

  /** People and proposals for the form's choices, once. */
  async #loadChoices(): Promise<void> {
    if (this.#choicesLoaded) return;
    this.#choicesLoaded = true;
    const [users, proposals] = await Promise.allSettled([call(api.users), call(api.listProposals, { query: {} })]);
    if (users.status === 'fulfilled') this.users = users.value.users.filter((u) => canSome(u, 'meetings.participate'));
    if (proposals.status === 'fulfilled') this.proposals = proposals.value.proposals.map((p) => ({ id: p.id, title: p.title }));
    if (users.status === 'rejected' || proposals.status === 'rejected') this.#choicesLoaded = false;
  }

  async #save(value: AgendaItemValue): Promise<void> {
    const m = this.meeting;
    if (!m) return;
    const editing = this.editing;
    const saved = await this.#sending.run(() =>
      editing.kind === 'edit'
        ? call(api.updateAgendaItem, { params: { id: m.id, itemId: editing.itemId }, body: value })
        : call(api.addAgendaItem, { params: { id: m.id }, body: value }),
    );
    if (saved.kind === 'done') await this.#closeForm(saved.value.item.id);
  }

  async #move(itemId: string, by: -1 | 1): Promise<void> {
    const m = this.meeting;
    if (!m) return;
    const ids = m.agenda.map((i) => i.id);
    const from = ids.indexOf(itemId);
    const to = from + by;
    if (from < 0 || to < 0 || to >= ids.length) return;
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    const moved = await this.#sending.run(() => call(api.reorderAgenda, { params: { id: m.id }, body: { itemIds: ids } }));
    if (moved.kind !== 'done') return;
    // The new order arrives with the next state; keep the focus on the same button of the moved item.
    this.meeting = { ...m, agenda: moved.value.agenda };
    await this.updateComplete;
    this.#focusItem(itemId, `button[data-move="${by < 0 ? 'up' : 'down'}"]`);
  }

  async #remove(item: AgendaItem): Promise<void> {
    const m = this.meeting;
    if (!m || !confirm(this.#i18n.t.meetings.agenda.confirmRemove(item.title))) return;
    const removed = await this.#sending.run(() => call(api.removeAgendaItem, { params: { id: m.id, itemId: item.id } }));
    if (removed.kind !== 'done') return;
    this.meeting = { ...m, agenda: removed.value.agenda };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('li.item')?.focus();
  }

  async #setCurrent(itemId: string): Promise<void> {
    const room = this.room;
    if (!room) return;
    const moved = await this.#sending.ask(() => room.setCurrentItem(itemId), saidAck);
    if (moved.kind !== 'done') return;
    await this.updateComplete;
    // The button is gone from the item that became current: keep the focus there.
    this.#focusItem(itemId);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-agenda-panel': AgendaPanel;
  }
}
