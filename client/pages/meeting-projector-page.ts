import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { elapsedMs, isLive } from '../../shared/meetings/state-machine';
import type { MeetingState } from '../../shared/schemas/meetings';
import { LocaleController } from '../i18n/i18n';
import { itemClock } from '../meetings/agenda-panel';
import { formatDuration, formatMeetingTime } from '../meetings/format';
import { MeetingController } from '../meetings/meeting-controller';
import { meetingPath } from '../meetings/paths';
import { TickController } from '../components/tick-controller';
import '../components/lang-switch';
import '../polls/projector-poll';
import { sharedStyles } from '../styles/shared-styles';

/**
 * "발표 화면" for the room's screen: the current item in large type with its timer,
 * the speaker, the latest decision, and the place where a running vote appears
 * (`<fw-projector-poll>`, filled in by the polls client). High contrast, no chrome.
 */
@customElement('fw-meeting-projector-page')
export class MeetingProjectorPage extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        --p-bg: #000;
        --p-text: #fff;
        --p-muted: #d0d4dc;
        --p-accent: #ffd166;
        --p-over: #ff8a7a;
        display: block;
        height: 100vh;
        overflow: hidden;
        background: var(--p-bg);
        color: var(--p-text);
      }
      /* One screen, never scrolled: every size follows the smaller of width and height,
         so 1920×1080, 1280×720 and 4:3 screens show the same picture (issue 17). */
      .screen {
        height: 100vh;
        display: grid;
        grid-template-rows: auto minmax(0, 1fr) auto;
        gap: 2vh;
        padding: 3vh 4vw;
        overflow: hidden;
      }
      h1,
      h2,
      h3 {
        color: var(--p-text);
      }
      .top {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        gap: 2vw;
        font-size: clamp(1rem, min(1.8vw, 3.2vh), 2rem);
        color: var(--p-muted);
      }
      .top h1 {
        font-size: clamp(1.25rem, min(2.4vw, 4.2vh), 2.75rem);
        margin-right: auto;
      }
      .top fw-lang-switch {
        font-size: 1rem;
        align-self: center;
      }
      .status {
        font-weight: 800;
        color: var(--p-accent);
        white-space: nowrap;
      }
      .main {
        display: grid;
        align-content: center;
        gap: 2vh;
        min-height: 0;
      }
      .label {
        font-size: clamp(1rem, min(1.8vw, 3.2vh), 2rem);
        font-weight: 800;
        letter-spacing: 0.04em;
        color: var(--p-accent);
      }
      .item {
        font-size: clamp(1.75rem, min(6vw, 10.5vh), 7rem);
        font-weight: 800;
        line-height: 1.15;
      }
      .presenter {
        font-size: clamp(1.125rem, min(2.6vw, 4.6vh), 3rem);
        color: var(--p-muted);
      }
      .clock {
        font-size: clamp(2rem, min(7vw, 12vh), 8rem);
        font-weight: 800;
        font-variant-numeric: tabular-nums;
      }
      /* While a vote is on screen it leads; the item, presenter and clock step back to one line each. */
      .main.voting {
        align-content: start;
        align-items: baseline;
        gap: 0.5vh 2vw;
        grid-template-columns: minmax(0, 1fr) auto;
        grid-auto-flow: row dense;
      }
      .main.voting > :not(.item, .clock) {
        grid-column: 1 / -1;
      }
      .main.voting .item {
        font-size: clamp(1.25rem, min(3vw, 5.2vh), 3.5rem);
      }
      .main.voting .presenter {
        font-size: clamp(1rem, min(1.8vw, 3.2vh), 2rem);
      }
      .main.voting .clock {
        font-size: clamp(1.25rem, min(3vw, 5.2vh), 3.5rem);
      }
      .clock small {
        font-size: 0.45em;
        color: var(--p-muted);
        font-weight: 700;
      }
      .clock.over {
        color: var(--p-over);
      }
      .bottom {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1.4fr);
        gap: 3vw;
        border-top: 3px solid #fff;
        padding-top: 2vh;
        font-size: clamp(1rem, min(2.4vw, 4.2vh), 2.75rem);
      }
      .bottom p.value {
        font-weight: 700;
      }
      .bottom p.text {
        white-space: pre-wrap;
      }
      .speaker .timer {
        color: var(--p-accent);
        font-variant-numeric: tabular-nums;
        margin-left: 0.5em;
      }
      .muted {
        color: var(--p-muted);
      }
      fw-projector-poll:not(:defined) {
        display: none;
      }
      .exit {
        position: fixed;
        right: 12px;
        bottom: 10px;
        color: var(--p-muted);
        font-size: 0.875rem;
      }
      .exit:focus-visible {
        outline-color: var(--p-accent);
      }
    `,
  ];

  @property({ attribute: 'meeting-id' }) meetingId = '';
  /** A vote (open or its result) is on screen: the item steps back so both fit. */
  @state() private voting = false;

  readonly #i18n = new LocaleController(this);
  readonly #room = new MeetingController(this, () => this.meetingId, {
    onJoined: () => void this.#room.presence('projector', false),
  });

  constructor() {
    super();
    new TickController(this, () => Boolean(this.#room.state && isLive(this.#room.state.meeting.status)));
  }

  override render() {
    const { t } = this.#i18n;
    const p = t.meetings.projector;
    const state = this.#room.state;
    if (!state) {
      return html`<div class="screen" role="status"><p class="label">${this.#failure()}</p></div>`;
    }
    const m = state.meeting;
    return html`<div class="screen" role="region" aria-label=${p.label}>
      <header class="top">
        <h1>${m.title}</h1>
        <fw-lang-switch></fw-lang-switch>
        <span class="status"
          >${m.status === 'live'
            ? t.meetings.statuses.live
            : m.status === 'ended'
              ? p.ended
              : m.status === 'cancelled'
                ? t.meetings.statuses.cancelled
                : formatMeetingTime(m.startsAt, this.#i18n.locale)}</span
        >
      </header>
      ${this.#main(state)}
      <div class="bottom">
        ${this.#speaker(state)} ${this.#decision(state)}
      </div>
      <a class="exit" href=${meetingPath(m.id)}>${p.exit}</a>
    </div>`;
  }

  #pollShown = (event: CustomEvent<boolean>): void => {
    this.voting = event.detail;
  };

  #failure(): string {
    const { t } = this.#i18n;
    const phase = this.#room.phase;
    if (phase.kind !== 'failed') return t.meetings.room.connecting;
    return phase.error.code === 'not_found' ? t.meetings.room.notFound : t.meetings.room.joinFailed;
  }

  #main(state: MeetingState) {
    const { t } = this.#i18n;
    const p = t.meetings.projector;
    const m = state.meeting;
    const { item, elapsed, planned, over } = itemClock(m, this.#room.offsetMs);
    const index = item ? m.agenda.indexOf(item) : -1;
    return html`<div class="main ${this.voting ? 'voting' : ''}" @poll-shown=${this.#pollShown}>
      <p class="label">${p.currentItem}</p>
      <p class="item" aria-live="polite" aria-atomic="true">
        ${item ? `${index + 1}. ${item.title}` : m.status === 'scheduled' ? p.notStarted : m.status === 'ended' ? p.ended : p.noCurrent}
      </p>
      ${item?.presenter ? html`<p class="presenter">${t.meetings.agenda.presenter(item.presenter.name)}</p>` : nothing}
      ${item && isLive(m.status)
        ? html`<p class="clock ${over ? 'over' : ''}">
            <span class="visually-hidden">${p.elapsed}</span>${formatDuration(elapsed)} <small>/ ${formatDuration(planned)}</small>
          </p>`
        : nothing}
      <!-- A running vote; the polls client defines this element. -->
      <fw-projector-poll meeting-id=${m.id} .offsetMs=${this.#room.offsetMs}></fw-projector-poll>
    </div>`;
  }

  #speaker(state: MeetingState) {
    const p = this.#i18n.t.meetings.projector;
    const current = state.speakers.current;
    return html`<section class="speaker">
      <h2 class="label">${p.speaker}</h2>
      ${current
        ? html`<p class="value">
            ${current.name}<span class="timer">${formatDuration(elapsedMs(current.since, Date.now(), this.#room.offsetMs))}</span>
          </p>`
        : html`<p class="value muted">${p.noSpeaker}</p>`}
    </section>`;
  }

  #decision(state: MeetingState) {
    const p = this.#i18n.t.meetings.projector;
    const latest = [...state.decisions].reverse().find((d) => d.kind === 'decision');
    return html`<section>
      <h2 class="label">${p.latestDecision}</h2>
      ${latest ? html`<p class="value text">${latest.text}</p>` : html`<p class="value muted">${p.noDecision}</p>`}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-meeting-projector-page': MeetingProjectorPage;
  }
}
