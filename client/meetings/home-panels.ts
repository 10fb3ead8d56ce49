import { Task } from '@lit/task';
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { CallOutput } from '../../shared/api/endpoint';
import { api } from '../../shared/api/endpoints';
import type { MeetingSummary } from '../../shared/schemas/meetings';
import { call, errorMessage } from '../http/call';
import { LocaleController } from '../i18n/i18n';
import { sharedStyles } from '../styles/shared-styles';
import { decisionItem, decisionStyles } from './decisions-list';
import { formatMeetingTime } from './format';
import { meetingStatusBadge, panelStyles } from './meeting-styles';
import { meetingPath, meetingsPath } from './paths';
import { RefreshController } from '../components/refresh-controller';

type RecentDecision = CallOutput<typeof api.recentDecisions>['decisions'][number];

/** How many of each the home page shows. */
const meetingsShown = 4;
const decisionsShown = 8;

/**
 * The home page's two meeting panels: live and upcoming meetings, and the latest
 * "결정 사항 · 후속 조치" across meetings (GET /api/decisions).
 */
@customElement('fw-home-meeting-panels')
export class HomeMeetingPanels extends LitElement {
  static override styles = [
    sharedStyles,
    panelStyles,
    decisionStyles,
    css`
      :host {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1.3fr);
        gap: 16px;
        align-items: start;
        margin-bottom: 32px;
      }
      @media (max-width: 900px) {
        :host {
          grid-template-columns: 1fr;
        }
      }
      .panel {
        padding: 22px 24px;
      }
      li.meeting {
        padding: 10px 0;
        border-top: 1px solid var(--fw-border);
      }
      li.meeting:first-child {
        border-top: 0;
      }
      .meeting .badge {
        margin-right: 4px;
      }
      .meeting a.title {
        font-weight: 700;
      }
      .meeting p {
        font-size: 0.9375rem;
      }
      .more {
        margin-top: 12px;
        font-size: 0.9375rem;
      }
      .from {
        font-size: 0.875rem;
      }
    `,
  ];

  readonly #i18n = new LocaleController(this);
  readonly #meetings = new Task(this, {
    task: async () => (await call(api.meetings, { query: {} })).meetings,
    args: () => [],
  });
  readonly #decisions = new Task(this, {
    task: async () => (await call(api.recentDecisions, { query: { limit: decisionsShown } })).decisions,
    args: () => [],
  });

  constructor() {
    super();
    // Meetings start and end, decisions are taken: catch up while the tab is visible.
    new RefreshController(this, () => {
      void this.#meetings.run();
      void this.#decisions.run();
    });
  }

  override render() {
    const { t } = this.#i18n;
    const loading = () => html`<p class="muted" role="status">${t.app.loading}</p>`;
    const failed = (error: unknown) => html`<p class="message error" role="alert">${t.app.loadFailed} ${errorMessage(error, t.app.networkError)}</p>`;
    return html`<section class="panel" aria-labelledby="home-meetings-title">
        <header><h2 id="home-meetings-title">${t.meetings.home.meetingsTitle}</h2></header>
        ${this.#meetings.render({
          initial: loading,
          pending: () => (this.#meetings.value ? this.#renderMeetings(this.#meetings.value) : loading()),
          error: failed,
          complete: (meetings) => this.#renderMeetings(meetings),
        })}
        <p class="more"><a href=${meetingsPath()}>${t.meetings.home.allMeetings}</a></p>
      </section>
      <section class="panel" aria-labelledby="home-decisions-title">
        <header><h2 id="home-decisions-title">${t.meetings.decisions.homeTitle}</h2></header>
        ${this.#decisions.render({
          initial: loading,
          pending: () => (this.#decisions.value ? this.#renderDecisions(this.#decisions.value) : loading()),
          error: failed,
          complete: (decisions) => this.#renderDecisions(decisions),
        })}
      </section>`;
  }

  #renderMeetings(all: MeetingSummary[]) {
    const { t, locale } = this.#i18n;
    const now = new Date().toISOString();
    // A cancelled meeting shows (marked) until its date, so nobody turns up; then it drops off.
    const shown = all
      .filter((m) => m.status === 'live' || m.status === 'scheduled' || (m.status === 'cancelled' && m.startsAt > now))
      .sort((a, b) => Number(b.status === 'live') - Number(a.status === 'live') || a.startsAt.localeCompare(b.startsAt))
      .slice(0, meetingsShown);
    if (shown.length === 0) return html`<p class="muted">${t.meetings.home.meetingsEmpty}</p>`;
    return html`<ul class="plain">
      ${repeat(
        shown,
        (m) => m.id,
        (m) => html`<li class="meeting">
          <p>${meetingStatusBadge(t, m.status)} <a class="title" href=${meetingPath(m.id)}>${m.title}</a></p>
          <p class="meta"><time datetime=${m.startsAt}>${formatMeetingTime(m.startsAt, locale)}</time>${m.place ? ` · ${m.place}` : ''}</p>
        </li>`,
      )}
    </ul>`;
  }

  #renderDecisions(decisions: RecentDecision[]) {
    const { t, locale } = this.#i18n;
    if (decisions.length === 0) return html`<p class="muted">${t.meetings.decisions.homeEmpty}</p>`;
    return html`<ol class="plain decisions">
      ${repeat(
        decisions,
        (d) => `${d.meetingId}:${d.position}`,
        (d) => decisionItem(t, locale, d, html`<a class="from" href=${meetingPath(d.meetingId)}>${d.meetingTitle}</a>`),
      )}
    </ol>`;
  }

}

declare global {
  interface HTMLElementTagNameMap {
    'fw-home-meeting-panels': HomeMeetingPanels;
  }
}
