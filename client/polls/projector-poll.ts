import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { PollView } from '../../shared/schemas/polls';
import { LocaleController } from '../i18n/i18n';
import { PollFeedController } from './poll-feed-controller';
import { clockTime } from './poll-format';
import './poll-result';
import { TickController } from '../components/tick-controller';

/** Projector colours for the chart (custom properties pass into its shadow root). */
const projectorStyle = html`<style>
  fw-projector-poll {
    display: block;
    --fw-text: #fff;
    --fw-text-muted: #d0d4dc;
    --fw-heading: #fff;
    --fw-bg: #1b1f27;
    --fw-border: #6b7280;
    --fw-primary: #60a5fa;
    --fw-success: #86efac;
    --fw-success-soft: #052e16;
    --fw-danger: #fca5a5;
    --fw-danger-soft: #450a0a;
  }
  fw-projector-poll .pp {
    display: grid;
    gap: 1vh;
    margin-top: 0.5vh;
    padding: 1.5vh 2.5vw;
    border: 3px solid #ffd166;
    border-radius: 16px;
  }
  fw-projector-poll .pp-label {
    font-size: clamp(1rem, min(1.8vw, 3.2vh), 2rem);
    font-weight: 800;
    letter-spacing: 0.04em;
    color: #ffd166;
  }
  fw-projector-poll .pp-title {
    font-size: clamp(1.5rem, min(3vw, 5.2vh), 4.5rem);
    font-weight: 800;
    line-height: 1.2;
  }
  fw-projector-poll .pp-progress {
    font-size: clamp(1.25rem, min(2.8vw, 5vh), 3.25rem);
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  fw-projector-poll .pp-timer {
    margin-left: 1em;
    color: #ffd166;
  }
  fw-projector-poll .pp-consequence {
    font-size: clamp(1.1rem, 2.2vw, 2.5rem);
    font-weight: 700;
    color: #ffd166;
  }
  /* The chart and the verdict sized to the screen's height, so a result fits at 1280×720 (issue 17). */
  fw-projector-poll fw-poll-result {
    --bar-font: clamp(1rem, min(1.8vw, 3.2vh), 2rem);
    --bar-height: clamp(16px, 3.6vh, 40px);
  }
  fw-projector-poll .pp-hint {
    font-size: clamp(1rem, min(1.8vw, 3.2vh), 2rem);
    color: #d0d4dc;
  }
</style>`;

/**
 * The projector's vote: the open poll in large type with how many have voted
 * (and the tally when the poll shows it live), or else the latest result as a
 * large chart. Renders nothing when the meeting has had no vote, so the page can
 * hide it (`:empty`); light DOM for that reason.
 */
@customElement('fw-projector-poll')
export class ProjectorPoll extends LitElement {
  @property({ attribute: 'meeting-id' }) meetingId = '';
  /** Server clock minus this browser's, for the countdown. */
  @property({ type: Number }) offsetMs = 0;

  readonly #i18n = new LocaleController(this);
  // The projector page holds the meeting's room itself (meeting:join on the same connection).
  readonly #feed = new PollFeedController(this, () => this.meetingId, { roomHeld: () => true });

  constructor() {
    super();
    new TickController(this, () => this.#shown()?.status === 'open' && this.#shown()?.closesAt != null);
  }

  protected override createRenderRoot() {
    return this;
  }

  /** The open poll opened last, or else the poll closed last. */
  #shown(): PollView | null {
    const polls = this.#feed.polls.map((e) => e.poll);
    const open = polls.filter((p) => p.status === 'open').sort((a, b) => (b.openedAt ?? '').localeCompare(a.openedAt ?? ''))[0];
    if (open) return open;
    return polls.filter((p) => p.status === 'closed').sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''))[0] ?? null;
  }

  protected override updated(): void {
    // Tells the projector page whether a vote is on screen, so it can make room for it.
    const shown = this.#shown() !== null;
    if (shown === this.#announced) return;
    this.#announced = shown;
    this.dispatchEvent(new CustomEvent<boolean>('poll-shown', { detail: shown, bubbles: true }));
  }

  #announced = false;

  override render() {
    const poll = this.#shown();
    if (!poll) return nothing;
    const { t } = this.#i18n;
    const open = poll.status === 'open';
    const left = open && poll.closesAt ? Date.parse(poll.closesAt) - (Date.now() + this.offsetMs) : null;
    return html`${projectorStyle}
      <section class="pp" aria-label=${t.polls.projector.label}>
        <div aria-live="polite" aria-atomic="true">
          <p class="pp-label">${open ? t.polls.projector.voting : t.polls.projector.result}</p>
          <p class="pp-title">${poll.title}</p>
          ${open ? html`<p class="pp-consequence">${poll.proposalId ? t.polls.card.decides(poll.proposalTitle ?? poll.proposalId) : t.polls.card.procedural}</p>` : nothing}
        </div>
        ${open
          ? html`<p class="pp-progress">
              ${t.polls.card.progress(poll.votedCount, poll.eligibleCount)}${left !== null
                ? html`<span class="pp-timer">${left > 0 ? t.polls.card.remaining(clockTime(left)) : t.polls.card.countdownOver}</span>`
                : nothing}
            </p>`
          : nothing}
        ${open && !poll.counts && t.polls.card.tallyHidden[poll.resultsVisibility]
          ? html`<p class="pp-hint">${t.polls.card.tallyHidden[poll.resultsVisibility]}</p>`
          : nothing}
        ${poll.counts || poll.result ? html`<fw-poll-result size="large" .poll=${poll}></fw-poll-result>` : nothing}
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-projector-poll': ProjectorPoll;
  }
}
