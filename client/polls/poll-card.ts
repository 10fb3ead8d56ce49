import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { Ack } from '../../shared/realtime/ack';
import type { PollMine, PollView } from '../../shared/schemas/polls';
import { SubmitController, type Submitted } from '../forms/submit-controller';
import type { Catalogue } from '../i18n/catalogue';
import { LocaleController } from '../i18n/i18n';
import { sharedStyles } from '../styles/shared-styles';
import './poll-ballot';
import { castEvent, type CastDetail, type PollBallot } from './poll-ballot';
import type { PollEntry, PollFeedController } from './poll-feed-controller';
import { clockTime, optionLabel, pollErrorText } from './poll-format';
import './poll-result';
import { pollStyles } from './poll-styles';
import { TickController } from '../components/tick-controller';

type Confirm = 'close' | 'cancel' | null;

/**
 * A poll that is being prepared or voted on: what it asks and how it decides,
 * how many have voted, the countdown, the viewer's ballot (and one per
 * chairperson they vote for), the live tally where allowed, and for those who
 * run the meeting the buttons to open, close and cancel it.
 */
@customElement('fw-poll-card')
export class PollCard extends LitElement {
  static override styles = [
    sharedStyles,
    pollStyles,
    css`
      h3 {
        font-size: 1.25rem;
      }
      .confirm.checkin {
        border-color: var(--fw-away);
        background: #fff7ed;
      }
    `,
  ];

  @property({ attribute: false }) entry: PollEntry | null = null;
  @property({ attribute: false }) feed: PollFeedController | null = null;
  @property({ type: Boolean }) canManage = false;
  @property({ type: Boolean }) meetingLive = false;
  /** Whether the viewer may decide the poll's proposal: a decisive poll is closed only by such a person. */
  @property({ type: Boolean }) canDecide = true;
  /** Whether the viewer is checked in to the meeting (null when unknown). */
  @property({ attribute: false }) checkedIn: boolean | null = null;
  /** Server clock minus this browser's, for the countdown. */
  @property({ type: Number }) offsetMs = 0;
  @property({ attribute: false }) agendaTitle: string | null = null;
  @property({ attribute: false }) proposalTitle: string | null = null;

  @state() private confirm: Confirm = null;

  readonly #i18n = new LocaleController(this);
  readonly #sending = new SubmitController(this);
  constructor() {
    super();
    // Re-renders each second while a countdown is shown.
    new TickController(this, () => this.entry?.poll.status === 'open' && this.entry.poll.closesAt !== null);
    this.addEventListener(castEvent, (event) => {
      event.stopPropagation();
      const target = event.composedPath()[0] as HTMLElement;
      void this.#cast((event as CustomEvent<CastDetail>).detail.choices, target.dataset.for || undefined);
    });
  }

  /** Keyboard focus to the viewer's first ballot, or else to the poll's title. */
  async focusBallot(): Promise<void> {
    await this.updateComplete;
    const ballot = this.renderRoot.querySelector<PollBallot>('fw-poll-ballot');
    if (ballot) await ballot.focusFirst();
    else this.renderRoot.querySelector<HTMLElement>('h3')?.focus();
  }

  override render() {
    const entry = this.entry;
    if (!entry) return nothing;
    const { poll, mine } = entry;
    const { t } = this.#i18n;
    const titleId = `poll-${poll.id}-title`;
    return html`<article class="poll ${poll.status}" aria-labelledby=${titleId}>
      <header>
        <div class="title-row">
          <span class="badge ${poll.status}">${t.polls.statuses[poll.status]}</span>
          <h3 id=${titleId} tabindex="-1">${poll.title}</h3>
        </div>
        ${this.#renderMeta(poll)}
      </header>
      ${poll.status === 'draft' ? html`<p class="hint">${t.polls.card.draftHint}</p>` : nothing}
      ${poll.status === 'draft' || poll.status === 'open' ? consequenceLine(t, poll) : nothing}
      <p class="note">${poll.ballot === 'secret' ? t.polls.secretExplain : t.polls.namedExplain}</p>
      ${poll.status === 'open' ? this.#renderProgress(poll) : nothing}
      ${poll.status === 'open' && mine ? this.#renderBallots(poll, mine) : nothing}
      <div class="live-region" role="status">${this.#sending.renderNotice(t)}</div>
      <div class="live-region" role="alert">${this.#sending.renderError(t)}</div>
      ${poll.status === 'open' ? this.#renderTally(poll) : nothing}
      ${this.canManage ? this.#renderManage(poll) : nothing}
    </article>`;
  }

  #renderMeta(poll: PollView) {
    const { t } = this.#i18n;
    const c = t.polls.card;
    const abstentions = poll.kind === 'yes_no_abstain' ? (poll.abstentionsCount ? t.polls.result.abstentionsIncluded : t.polls.result.abstentionsExcluded) : t.polls.result.allBallots;
    return html`<ul class="meta">
        <li>${t.polls.kinds[poll.kind]}${poll.kind === 'multiple' ? ` · ${t.polls.form.maxChoices} ${poll.maxChoices}` : ''}</li>
        <li>${t.polls.ballots[poll.ballot]}</li>
        <li>${c.ruleLine(t.polls.rules[poll.rule], abstentions)}</li>
        <li>${c.quorumLine(poll.quorum)}</li>
        <li>${t.polls.visibility[poll.resultsVisibility]}</li>
        <li>${poll.allowChange ? c.allowChange : c.noChange}</li>
      </ul>
      ${this.agendaTitle || poll.proposalId
        ? html`<ul class="meta">
            ${this.agendaTitle ? html`<li>${c.agendaItem(this.agendaTitle)}</li>` : nothing}
            ${poll.proposalId
              ? html`<li><a href=${`/proposals/${encodeURIComponent(poll.proposalId)}`}>${c.proposal(this.proposalTitle ?? poll.proposalId)}</a></li>`
              : nothing}
          </ul>`
        : nothing}`;
  }

  #renderProgress(poll: PollView) {
    const { t } = this.#i18n;
    const width = poll.eligibleCount > 0 ? (100 * poll.votedCount) / poll.eligibleCount : 0;
    const left = poll.closesAt ? Date.parse(poll.closesAt) - (Date.now() + this.offsetMs) : null;
    return html`<div class="progress">
      <p class="count">${t.polls.card.progress(poll.votedCount, poll.eligibleCount)}</p>
      <div class="track" aria-hidden="true"><div class="fill" style=${styleMap({ width: `${width}%` })}></div></div>
      ${left !== null
        ? html`<p class="timer" role="timer" aria-label=${t.polls.card.remainingLabel}>
            ${left > 0 ? t.polls.card.remaining(clockTime(left)) : t.polls.card.countdownOver}
          </p>`
        : nothing}
    </div>`;
  }

  #renderBallots(poll: PollView, mine: PollMine) {
    const { t } = this.#i18n;
    const v = t.polls.vote;
    const own = mine.eligible && !mine.delegatedTo;
    const proxies = mine.castFor;
    const needsCheckIn = poll.requirePresence && this.checkedIn === false && (own || proxies.some((p) => p.eligible));
    const chosen = mine.choices?.map((id) => optionLabel(t, poll, id)).join(', ');
    return html`<section class="ballots" aria-label=${v.yourBallot}>
      ${mine.delegatedTo ? html`<p class="note">${v.delegatedTo(mine.delegatedTo.name)}</p>` : nothing}
      ${!own && proxies.length === 0 && !mine.delegatedTo ? html`<p class="hint">${v.notEligible}</p>` : nothing}
      ${needsCheckIn
        ? html`<div class="confirm checkin">
            <p>${v.checkInFirst}</p>
            <div class="actions"><button type="button" ?disabled=${this.#sending.busy} @click=${this.#checkIn}>${v.checkIn}</button></div>
          </div>`
        : nothing}
      ${own
        ? html`<div>
            <fw-poll-ballot
              .poll=${poll}
              .previous=${mine.choices}
              label=${v.yourBallot}
              ?voted=${mine.voted}
              ?busy=${this.#sending.busy}
              ?disabled=${needsCheckIn}
            ></fw-poll-ballot>
            ${mine.voted ? html`<p class="hint">${v.voted}${chosen ? ` ${v.yourChoice(chosen)}` : ''}</p>` : nothing}
          </div>`
        : nothing}
      ${proxies.map((p) =>
        p.eligible
          ? html`<div>
              <fw-poll-ballot
                data-for=${p.userId}
                .poll=${poll}
                label=${v.castFor(p.name)}
                ?voted=${p.voted}
                ?busy=${this.#sending.busy}
                ?disabled=${needsCheckIn}
              ></fw-poll-ballot>
              ${p.voted ? html`<p class="hint">${v.votedFor(p.name)}</p>` : nothing}
            </div>`
          : html`<p class="hint">${v.delegatorNotEligible(p.name)}</p>`,
      )}
    </section>`;
  }

  #renderTally(poll: PollView) {
    const { t } = this.#i18n;
    if (poll.counts) {
      return html`<section aria-label=${t.polls.card.liveTally}>
        <h4>${t.polls.card.liveTally}</h4>
        <fw-poll-result .poll=${poll}></fw-poll-result>
      </section>`;
    }
    const hidden = t.polls.card.tallyHidden[poll.resultsVisibility];
    return hidden ? html`<p class="hint">${hidden}</p>` : nothing;
  }

  #renderManage(poll: PollView) {
    const { t } = this.#i18n;
    const c = t.polls.card;
    if (this.confirm) {
      return html`<div class="confirm" role="group" aria-labelledby=${`poll-${poll.id}-confirm`}>
        <p id=${`poll-${poll.id}-confirm`}>${this.confirm === 'close' ? c.confirmClose(poll.title) : c.confirmCancel(poll.title)}</p>
        <div class="actions">
          <button type="button" class="warn confirm-yes" ?disabled=${this.#sending.busy} @click=${this.#confirmed}>
            ${this.confirm === 'close' ? c.closePoll : c.cancelPoll}
          </button>
          <button type="button" class="secondary" @click=${() => this.#ask(null)}>${c.confirmNo}</button>
        </div>
      </div>`;
    }
    switch (poll.status) {
      case 'draft':
        return html`<div class="actions">
          <button type="button" ?disabled=${this.#sending.busy || !this.meetingLive} @click=${this.#open}>${c.openPoll}</button>
          <button type="button" class="secondary" ?disabled=${this.#sending.busy} @click=${() => this.#ask('cancel')}>${c.cancelPoll}</button>
          ${this.meetingLive ? nothing : html`<p class="hint">${c.openOnlyLive}</p>`}
        </div>`;
      case 'open':
        return html`<div class="actions">
          ${this.canDecide
            ? html`<button type="button" ?disabled=${this.#sending.busy} @click=${() => this.#ask('close')}>${c.closePoll}</button>`
            : html`<p class="hint">${c.decisiveCloseByMinistry}</p>`}
          <button type="button" class="warn" ?disabled=${this.#sending.busy} @click=${() => this.#ask('cancel')}>${c.cancelPoll}</button>
        </div>`;
      default:
        return nothing;
    }
  }

  async #ask(confirm: Confirm) {
    this.confirm = confirm;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(confirm ? '.confirm-yes' : '.actions button')?.focus();
  }

  readonly #confirmed = async () => {
    const which = this.confirm;
    const poll = this.entry?.poll;
    const feed = this.feed;
    if (!which || !poll || !feed) return;
    await this.#run(() => (which === 'close' ? feed.close(poll.id) : feed.cancel(poll.id)));
    this.confirm = null;
  };

  readonly #open = async () => {
    const poll = this.entry?.poll;
    const feed = this.feed;
    if (!poll || !feed) return;
    await this.#run(() => feed.open(poll.id));
  };

  readonly #checkIn = async () => {
    const feed = this.feed;
    if (!feed) return;
    const checkedIn = await this.#run(() => feed.checkIn());
    if (checkedIn.kind === 'done') this.#sending.tell((t) => t.polls.vote.checkedIn);
  };

  async #cast(choices: string[], onBehalfOf: string | undefined) {
    const poll = this.entry?.poll;
    const feed = this.feed;
    if (!poll || !feed) return;
    const name = onBehalfOf ? this.entry?.mine?.castFor.find((c) => c.userId === onBehalfOf)?.name : undefined;
    const cast = await this.#run(() => feed.cast(poll.id, choices, onBehalfOf));
    if (cast.kind !== 'done') return;
    const { changed } = cast.value;
    this.#sending.tell((t) => (changed ? t.polls.vote.changed : name ? t.polls.vote.receivedFor(name) : t.polls.vote.received));
  }

  /** Runs one action: busy meanwhile, the refusal in the alert region in the poll's own words. */
  #run<T extends object>(action: () => Promise<Ack<T>>): Promise<Submitted<{ ok: true } & T>> {
    return this.#sending.ask(action, (refused) => (t) => pollErrorText(t, refused, this.#i18n.locale));
  }
}

/** Before the close, on every ballot: what this vote will decide (or that it decides nothing but the minutes). */
export function consequenceLine(t: Catalogue, poll: PollView) {
  return poll.proposalId
    ? html`<p class="consequence decisive"><strong>${t.polls.card.decides(poll.proposalTitle ?? poll.proposalId)}</strong></p>`
    : html`<p class="note consequence">${t.polls.card.procedural}</p>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-poll-card': PollCard;
  }
}
