import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { isEditable, isLive } from '../../shared/meetings/state-machine';
import { api } from '../../shared/api/endpoints';
import { SubmitController } from '../forms/submit-controller';
import { call } from '../http/call';
import type { Ack } from '../../shared/realtime/ack';
import type { MeetingState } from '../../shared/schemas/meetings';
import { LocaleController } from '../i18n/i18n';
import type { MeetingView } from '../router/routes';
import { sharedStyles } from '../styles/shared-styles';
import { saidAck } from './ack-message';
import { formatClock, formatDay, formatDuration, formatMeetingTime, seoulDateToday, seoulParts } from './format';
import { itemClock } from './agenda-panel';
import type { MeetingController } from './meeting-controller';
import { meetingStatusBadge, panelStyles } from './meeting-styles';
import { meetingIcsPath, meetingPath, meetingsPath } from './paths';
import type { MeetingAbilities } from './permissions';
import { TickController } from '../components/tick-controller';

export const followToggleEvent = 'fw-follow-toggle';
export const presentToggleEvent = 'fw-present-toggle';

/**
 * The top of a meeting room: title, status, time, place and online link; start and
 * end for those who run it; the other views; "발표자 따라가기" and presenting; and
 * the current item, announced to screen readers when it changes.
 */
@customElement('fw-meeting-header')
export class MeetingHeader extends LitElement {
  static override styles = [
    sharedStyles,
    panelStyles,
    css`
      .crumbs {
        font-size: 0.9375rem;
        margin-bottom: 6px;
      }
      .title-row {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 10px 16px;
      }
      h1 {
        font-size: 1.625rem;
      }
      dl {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 20px;
        margin: 8px 0 0;
        color: var(--fw-text-muted);
        font-size: 0.9375rem;
      }
      dl div {
        display: flex;
        gap: 6px;
      }
      dt {
        font-weight: 700;
      }
      dd {
        margin: 0;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: 12px;
        margin-top: 14px;
      }
      .current {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 6px 14px;
        margin-top: 14px;
        padding: 12px 16px;
        border-radius: 10px;
        background: var(--fw-navy);
        color: #fff;
      }
      .current .label {
        font-size: 0.875rem;
        font-weight: 700;
        color: #c9d6f2;
      }
      .current strong {
        font-size: 1.25rem;
      }
      .current .timer {
        margin-left: auto;
        font-size: 1.25rem;
      }
      .current .timer.over {
        color: #ffb4a8;
      }
      .current.none {
        background: var(--fw-bg);
        color: var(--fw-text-muted);
        border: 1px dashed var(--fw-border-strong);
      }
      button[aria-pressed='true'] {
        background: var(--fw-primary);
        color: #fff;
      }
      .following {
        font-size: 0.9375rem;
        font-weight: 600;
        color: var(--fw-primary-dark);
      }
    `,
  ];

  @property({ attribute: false }) state: MeetingState | null = null;
  @property({ attribute: false }) room: MeetingController | null = null;
  @property({ attribute: false }) abilities: MeetingAbilities | null = null;
  @property() view: MeetingView = 'room';
  @property({ type: Boolean }) following = false;
  @property({ type: Boolean }) presenting = false;
  @property({ attribute: false }) userId = '';
  /** Ministry staff editing the meeting's details (title, time, place, link, chair). */
  @state() private editing = false;

  /** The form loads on first use: only those who run meetings ever open it. */
  readonly #toggleForm = async () => {
    if (!this.editing) await import('./meeting-form');
    this.editing = !this.editing;
  };

  readonly #i18n = new LocaleController(this);
  readonly #sending = new SubmitController(this);

  constructor() {
    super();
    new TickController(this, () => Boolean(this.state?.meeting.currentItemId && isLive(this.state.meeting.status)));
  }

  override render() {
    const { t, locale } = this.#i18n;
    const r = t.meetings.room;
    const state = this.state;
    if (!state) return nothing;
    const m = state.meeting;
    const readOnlyView = this.view !== 'room';
    return html`<header>
      <nav class="crumbs" aria-label=${r.back}><a href=${meetingsPath()}>${r.back}</a></nav>
      <div class="title-row">
        <h1>${m.title}</h1>
        ${meetingStatusBadge(t, m.status)}
      </div>
      <dl>
        <div><dt>${t.meetings.list.startsAt}</dt><dd><time datetime=${m.startsAt}>${formatMeetingTime(m.startsAt, locale)}</time></dd></div>
        ${m.place ? html`<div><dt>${t.meetings.list.place}</dt><dd>${m.place}</dd></div>` : nothing}
        ${m.onlineLink
          ? html`<div><dt>${t.meetings.list.online}</dt><dd><a href=${m.onlineLink} target="_blank" rel="noopener noreferrer">${m.onlineLink}</a></dd></div>`
          : nothing}
        ${m.chair ? html`<div><dt>${r.chair}</dt><dd>${m.chair.name}</dd></div>` : nothing}
        ${m.startedAt ? html`<div><dd>${r.startedAt(formatClock(m.startedAt, locale))}</dd></div>` : nothing}
        ${m.endedAt ? html`<div><dd>${r.endedAt(formatClock(m.endedAt, locale))}</dd></div>` : nothing}
        ${m.cancelledAt ? html`<div><dd>${r.cancelledAt(formatClock(m.cancelledAt, locale))}</dd></div>` : nothing}
      </dl>
      <div class="bar">
        <div class="actions">
          ${!readOnlyView && this.abilities?.run && m.status === 'scheduled'
            ? html`<button type="button" ?disabled=${this.#sending.busy} @click=${this.#start}>${r.start}</button>`
            : nothing}
          ${!readOnlyView && this.abilities?.run && m.status === 'live'
            ? html`<button type="button" class="warn" ?disabled=${this.#sending.busy} @click=${this.#end}>${r.end}</button>`
            : nothing}
          ${isLive(m.status) ? this.#followButtons(state) : nothing}
          ${!readOnlyView && this.abilities?.cancel
            ? html`<button type="button" id="cancel-meeting" class="warn small" ?disabled=${this.#sending.busy} @click=${this.#cancel}>${r.cancel}</button>`
            : nothing}
          ${!readOnlyView && this.abilities?.edit
            ? html`<button type="button" class="secondary small" aria-expanded=${String(this.editing)} @click=${this.#toggleForm}>
                ${t.meetings.create.editOpen}
              </button>`
            : nothing}
        </div>
        <div class="actions">
          ${this.view !== 'room' && this.abilities?.participate ? html`<a class="button secondary small" href=${meetingPath(m.id)}>${r.roomView}</a>` : nothing}
          ${this.view !== 'live' && isEditable(m.status)
            ? html`<a class="button secondary small" href=${meetingPath(m.id, 'live')}>${r.liveView}</a>`
            : nothing}
          ${isEditable(m.status) ? html`<a class="button secondary small" href=${meetingPath(m.id, 'projector')}>${r.projectorView}</a>` : nothing}
          ${m.status !== 'ended'
            ? html`<a class="button secondary small" id="add-to-calendar" href=${meetingIcsPath(m.id)} download>${t.notifications.calendar.add}</a>`
            : nothing}
        </div>
      </div>
      <div role="alert">${this.#sending.renderError(t)}</div>
      ${this.editing && this.abilities?.edit
        ? html`<fw-meeting-form
            .meeting=${m}
            @fw-meeting-updated=${this.#closeForm}
            @fw-meeting-form-cancel=${this.#closeForm}
          ></fw-meeting-form>`
        : nothing}
      ${this.#current(state)}
    </header>`;
  }

  #followButtons(state: MeetingState) {
    const f = this.#i18n.t.meetings.follow;
    const presenter = state.follow.presenter;
    const someoneElse = presenter && presenter.userId !== this.userId;
    return html`<button type="button" class="secondary small" aria-pressed=${String(this.following)} @click=${() => this.#emit(followToggleEvent)}>
        ${f.toggle}
      </button>
      ${this.abilities?.present && this.view === 'room'
        ? html`<button type="button" class="secondary small" aria-pressed=${String(this.presenting)} @click=${() => this.#emit(presentToggleEvent)}>
            ${f.present}
          </button>`
        : nothing}
      <span class="following" role="status">
        ${this.presenting
          ? f.presenting
          : this.following
            ? someoneElse
              ? f.following(presenter.name)
              : f.noPresenter
            : someoneElse
              ? f.presenterIs(presenter.name)
              : nothing}
      </span>`;
  }

  #current(state: MeetingState) {
    const { t } = this.#i18n;
    const a = t.meetings.agenda;
    const m = state.meeting;
    const live = isLive(m.status);
    const { item, elapsed, planned, over } = itemClock(m, this.room?.offsetMs ?? 0);
    const index = item ? m.agenda.indexOf(item) : -1;
    // The live region stays in the page (also before the start, hidden), so that every change is announced;
    // only the item's title is in it: the ticking clock must not be read out every second.
    return html`<div class="current ${!live ? 'visually-hidden' : item ? '' : 'none'}">
      <p aria-live="polite" aria-atomic="true">
        ${!live
          ? nothing
          : item
            ? html`<span class="label">${a.current}</span> <strong>${a.itemNumber(index + 1)} ${item.title}</strong>`
            : html`<span>${a.noCurrent}</span>`}
      </p>
      ${item && live
        ? html`<p class="timer ${over ? 'over' : ''}">
            <span class="visually-hidden">${a.timer}</span>${formatDuration(elapsed)} / ${formatDuration(planned)}
          </p>`
        : nothing}
    </div>`;
  }

  // The room's state arrives with the change over the socket; the form only closes.
  readonly #closeForm = (event: Event) => {
    event.stopPropagation();
    this.editing = false;
  };

  /** Starting on another day (in Korea) than the one scheduled is asked about first: a wrong meeting is easily clicked. */
  readonly #start = () => {
    const m = this.state?.meeting;
    if (!m) return;
    const { locale } = this.#i18n;
    const scheduled = seoulParts(m.startsAt).date;
    const today = seoulDateToday(Date.now() + (this.room?.offsetMs ?? 0));
    if (scheduled !== today && !confirm(this.#i18n.t.meetings.room.confirmStartOtherDay(m.title, formatDay(scheduled, locale), formatDay(today, locale)))) return;
    void this.#act(() => this.room!.start());
  };

  readonly #end = () => {
    const m = this.state?.meeting;
    if (!m || !confirm(this.#i18n.t.meetings.room.confirmEnd(m.title))) return;
    void this.#act(() => this.room!.end());
  };

  // The room's state arrives with the change over the socket (the meeting's room hears every change).
  readonly #cancel = async () => {
    const m = this.state?.meeting;
    if (!m || this.#sending.busy || !confirm(this.#i18n.t.meetings.room.confirmCancel(m.title))) return;
    await this.#sending.run(() => call(api.cancelMeeting, { params: { id: m.id } }));
  };

  async #act<T extends object>(action: () => Promise<Ack<T>>): Promise<void> {
    if (!this.room) return;
    await this.#sending.ask(action, saidAck);
  }

  #emit(type: string): void {
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-meeting-header': MeetingHeader;
  }
}
