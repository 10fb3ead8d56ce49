import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { api } from '../../shared/api/endpoints';
import type { Meeting, MeetingSummary } from '../../shared/schemas/meetings';
import { can } from '../../shared/permissions';
import { call, errorMessage } from '../http/call';
import { LocaleController } from '../i18n/i18n';
import { formatMeetingTime } from '../meetings/format';
import { meetingCreatedEvent, meetingFormCancelEvent } from '../meetings/meeting-form';
import '../meetings/meeting-form';
import { meetingStatusBadge, minutesStatusBadge, panelStyles } from '../meetings/meeting-styles';
import { meetingPath } from '../meetings/paths';
import { navigate } from '../router/router-controller';
import { sessionContext, type Session } from '../session/session-context';
import { sharedStyles } from '../styles/shared-styles';
import { pageStyles } from './page-styles';
import { RefreshController } from '../components/refresh-controller';
import '../calendar/calendar-subscription';
import { canSome } from '../../shared/permissions/some';

/**
 * Live, upcoming (soonest first) and past meetings (latest first). A cancelled meeting stays
 * among the upcoming ones until its date, marked cancelled, so nobody misses that it is off.
 */
export function groupMeetings(meetings: MeetingSummary[], now = new Date().toISOString()) {
  const by = (a: MeetingSummary, b: MeetingSummary) => a.startsAt.localeCompare(b.startsAt);
  const comingCancelled = (m: MeetingSummary) => m.status === 'cancelled' && m.startsAt > now;
  return {
    live: meetings.filter((m) => m.status === 'live').sort(by),
    upcoming: meetings.filter((m) => m.status === 'scheduled' || comingCancelled(m)).sort(by),
    ended: meetings.filter((m) => m.status === 'ended' || (m.status === 'cancelled' && !comingCancelled(m))).sort((a, b) => by(b, a)),
  };
}

/** "회의": every meeting by state, with date, place and online link; ministry staff schedule new ones. */
@customElement('fw-meetings-page')
export class MeetingsPage extends LitElement {
  static override styles = [
    sharedStyles,
    pageStyles,
    panelStyles,
    css`
      .head {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: flex-end;
        gap: 16px;
        margin-bottom: 24px;
      }
      .head p {
        margin-top: 6px;
        color: var(--fw-text-muted);
      }
      fw-meeting-form {
        margin-bottom: 28px;
      }
      section.group {
        margin-bottom: 32px;
      }
      section.group > h2 {
        margin-bottom: 12px;
      }
      ul.meetings {
        display: grid;
        gap: 12px;
      }
      .meeting {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        gap: 12px 24px;
        align-items: center;
      }
      .meeting.live {
        border: 2px solid #b42318;
      }
      .meeting h3 {
        font-size: 1.1875rem;
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        align-items: center;
      }
      .meeting h3 a {
        color: var(--fw-heading);
        text-decoration: none;
      }
      .meeting h3 a:hover {
        text-decoration: underline;
        color: var(--fw-primary);
      }
      dl {
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        gap: 2px 12px;
        margin: 8px 0 0;
        font-size: 0.9375rem;
      }
      dt {
        font-weight: 700;
        color: var(--fw-text-muted);
      }
      dd {
        margin: 0;
      }
      .tags {
        display: flex;
        gap: 8px;
        flex-wrap: wrap;
        margin-top: 8px;
        font-size: 0.875rem;
        color: var(--fw-text-muted);
      }
      @media (max-width: 720px) {
        .meeting {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];

  @consume({ context: sessionContext, subscribe: true }) session?: Session;
  @state() private creating = false;

  readonly #i18n = new LocaleController(this);
  readonly #list = new Task(this, {
    task: async () => (await call(api.meetings, { query: {} })).meetings,
    args: () => [],
  });

  constructor() {
    super();
    // Meetings start and end: catch up while the tab is visible (not under an open form).
    new RefreshController(this, () => {
      if (!this.creating) void this.#list.run();
    });
    this.addEventListener(meetingFormCancelEvent, () => void this.#closeForm());
    this.addEventListener(meetingCreatedEvent, (e) => {
      const meeting = (e as CustomEvent<Meeting>).detail;
      navigate(meetingPath(meeting.id));
    });
  }

  override render() {
    const { t } = this.#i18n;
    const user = this.session?.user;
    const mayCreate = Boolean(user && can(user, { type: 'meetings.create' }));
    return html`<div class="page">
      <div class="head">
        <div>
          <h1>${t.meetings.title}</h1>
          <p>${t.meetings.intro}</p>
        </div>
        ${mayCreate && !this.creating
          ? html`<button type="button" id="create" @click=${this.#openForm}>${t.meetings.create.open}</button>`
          : nothing}
      </div>
      ${this.creating ? html`<fw-meeting-form></fw-meeting-form>` : nothing}
      ${this.#list.render({
        initial: () => html`<p class="status" role="status">${t.app.loading}</p>`,
        pending: () => (this.#list.value ? this.#renderList(this.#list.value) : html`<p class="status" role="status">${t.app.loading}</p>`),
        error: (error) => html`<div role="alert">
          <p class="message error">${t.app.loadFailed} ${errorMessage(error, t.app.networkError)}</p>
          <p class="status"><button type="button" class="secondary" @click=${() => this.#list.run()}>${t.app.retry}</button></p>
        </div>`,
        complete: (meetings) => this.#renderList(meetings),
      })}
      ${user ? html`<fw-calendar-subscription></fw-calendar-subscription>` : nothing}
    </div>`;
  }

  #renderList(meetings: MeetingSummary[]) {
    const { t } = this.#i18n;
    const l = t.meetings.list;
    if (meetings.length === 0) return html`<p class="muted">${l.empty}</p>`;
    const groups = groupMeetings(meetings);
    const group = (id: string, title: string, list: MeetingSummary[], empty: string) => html`<section class="group" aria-labelledby=${id}>
      <h2 id=${id}>${title} <span class="count">${list.length}</span></h2>
      ${list.length === 0
        ? html`<p class="muted">${empty}</p>`
        : html`<ul class="plain meetings">
            ${repeat(list, (m) => m.id, (m) => this.#renderMeeting(m))}
          </ul>`}
    </section>`;
    return html`${groups.live.length ? group('live-title', l.live, groups.live, l.noneLive) : nothing} ${group('upcoming-title', l.upcoming, groups.upcoming, l.noneUpcoming)}
    ${group('ended-title', l.ended, groups.ended, l.noneEnded)}`;
  }

  #renderMeeting(m: MeetingSummary) {
    const { t, locale } = this.#i18n;
    const l = t.meetings.list;
    const user = this.session?.user;
    const observer = !!user && !canSome(user, 'meetings.participate');
    return html`<li class="panel meeting ${m.status}">
      <div>
        <h3><a href=${meetingPath(m.id)}>${m.title}</a> ${meetingStatusBadge(t, m.status)}</h3>
        <dl>
          <dt>${l.startsAt}</dt>
          <dd><time datetime=${m.startsAt}>${formatMeetingTime(m.startsAt, locale)}</time></dd>
          ${m.place ? html`<dt>${l.place}</dt><dd>${m.place}</dd>` : nothing}
          ${m.onlineLink
            ? html`<dt>${l.online}</dt><dd><a href=${m.onlineLink} target="_blank" rel="noopener noreferrer">${m.onlineLink}</a></dd>`
            : nothing}
          ${m.chair ? html`<dt>${l.chair}</dt><dd>${m.chair.name}</dd>` : nothing}
        </dl>
        <p class="tags">
          <span>${l.agendaCount(m.agendaItems)}</span>
          <span aria-hidden="true">·</span>
          <span>${l.minutes('')}${minutesStatusBadge(t, m.minutesStatus)}</span>
        </p>
      </div>
      <div class="actions">
        ${observer
          ? html`<a class="button small" href=${meetingPath(m.id, 'live')} aria-label=${`${l.watchLive}: ${m.title}`}>${l.watchLive}</a>`
          : html`<a class="button small" href=${meetingPath(m.id)} aria-label=${`${l.enter}: ${m.title}`}>${l.enter}</a>
              ${m.status === 'live'
                ? html`<a class="button secondary small" href=${meetingPath(m.id, 'live')} aria-label=${`${l.watchLive}: ${m.title}`}>${l.watchLive}</a>`
                : nothing}`}
        ${m.status !== 'ended'
          ? html`<a class="button secondary small" href=${meetingPath(m.id, 'projector')} aria-label=${`${l.projector}: ${m.title}`}>${l.projector}</a>`
          : nothing}
      </div>
    </li>`;
  }

  readonly #openForm = () => {
    this.creating = true;
  };

  async #closeForm(): Promise<void> {
    this.creating = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('#create')?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-meetings-page': MeetingsPage;
  }
}
