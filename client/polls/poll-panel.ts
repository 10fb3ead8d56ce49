import { consume } from '@lit/context';
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../shared/api/endpoints';
import type { SubcommitteeId, User } from '../../shared/domain';
import { can, mayVote } from '../../shared/permissions';
import { meetingRef } from '../meetings/permissions';
import type { MeetingState } from '../../shared/schemas/meetings';
import type { PollResult, PollView } from '../../shared/schemas/polls';
import { call } from '../http/call';
import { LocaleController } from '../i18n/i18n';
import { sessionContext, type Session } from '../session/session-context';
import { sharedStyles } from '../styles/shared-styles';
import './poll-card';
import './poll-delegations';
import { delegationsChangedEvent } from './poll-delegations';
import type { PollCard } from './poll-card';
import { PollFeedController, type PollEntry } from './poll-feed-controller';
import { InViewController } from './in-view-controller';
import type { PollForm } from './poll-form';
import { pollCreatedEvent, pollFormCancelEvent, type PollCreatedDetail } from './poll-form-events';
import { pollErrorText } from './poll-format';
import './poll-record';
import { pollStyles } from './poll-styles';

/**
 * Votes in the meeting room. Those who run the meeting prepare, open, close and
 * cancel polls; an open poll appears on every participant's screen at once,
 * where eligible voters (and delegates, once per chairperson they vote for) cast
 * with one click or the keyboard; closed polls show their result as a chart and
 * stay listed with their export. Chairpersons delegate their vote here.
 *
 * Give it the meeting's id and, from the room, its live state (agenda, who is
 * checked in, the server's clock); it follows the polls itself on the page's
 * shared connection.
 */
@customElement('fw-poll-panel')
export class PollPanel extends LitElement {
  static override styles = [
    sharedStyles,
    pollStyles,
    css`
      :host {
        margin-bottom: 20px;
      }
      section.panel {
        display: grid;
        gap: 14px;
        background: var(--fw-surface);
        border: 1px solid var(--fw-border);
        border-radius: 12px;
        padding: 18px 20px;
      }
      section.panel h2 {
        font-size: 1.25rem;
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 8px 16px;
      }
      .list {
        display: grid;
        gap: 14px;
      }
      .announce p {
        font-weight: 700;
      }
      .form-wrap {
        padding: 20px;
        border: 1px solid var(--fw-border);
        border-radius: 12px;
        background: var(--fw-surface);
      }
      h3.section {
        display: inline;
        font-size: 1.125rem;
      }
      .dock {
        position: fixed;
        left: 50%;
        bottom: 16px;
        transform: translateX(-50%);
        z-index: 20;
        width: min(760px, calc(100vw - 24px));
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 8px 16px;
        padding: 12px 16px;
        border-radius: 12px;
        background: var(--fw-navy);
        color: #fff;
        box-shadow: 0 12px 32px rgba(11, 36, 71, 0.35);
      }
      .dock p {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 12px;
      }
      .dock button {
        min-height: 44px;
        background: #fff;
        color: var(--fw-navy);
        border-color: #fff;
      }
      .dock button:hover {
        background: var(--fw-primary-soft);
        color: var(--fw-navy);
      }
      details.more > summary {
        cursor: pointer;
        min-height: 44px;
        padding: 8px 0;
      }
      details.more > .list,
      details.more > fw-poll-delegations {
        margin-top: 8px;
      }
    `,
  ];

  @property({ attribute: 'meeting-id' }) meetingId = '';
  /** The room's live state (meeting, agenda, checked in, server clock); null outside a room. */
  @property({ attribute: false }) state: MeetingState | null = null;
  @consume({ context: sessionContext, subscribe: true }) session?: Session;

  @state() private formOpen = false;
  @state() private announcement = '';
  @state() private users: User[] = [];
  @state() private proposals: { id: string; title: string; subcommittee: SubcommitteeId }[] = [];

  readonly #i18n = new LocaleController(this);
  readonly #feed = new PollFeedController(this, () => this.meetingId, {
    onOpened: (poll) => {
      this.#latestResult = null;
      this.#announce(this.#i18n.t.polls.announce.opened(poll.title));
    },
    onClosed: (poll, result) => this.#announceResult(poll, result),
    onCancelled: (poll) => this.#announce(this.#i18n.t.polls.announce.cancelled(poll.title)),
    // In the room the page holds `meeting:<id>` itself (meeting:join); leaving it is the page's business.
    roomHeld: () => this.state !== null,
  });
  readonly #activeInView = new InViewController(this, '.list.active');
  #offsetMs = 0;
  #loaded = false;
  /** The poll whose close this page heard last: its result stays in view until another poll opens. */
  #latestResult: string | null = null;

  constructor() {
    super();
    this.addEventListener(pollCreatedEvent, (event) => {
      const { poll, mine } = (event as CustomEvent<PollCreatedDetail>).detail;
      this.#feed.add({ poll, mine });
      this.formOpen = false;
      this.#announce(this.#i18n.t.polls.form.created(poll.title));
    });
    this.addEventListener(pollFormCancelEvent, () => void this.#closeForm());
    this.addEventListener(delegationsChangedEvent, () => this.#feed.refresh());
  }

  get #user(): User | null {
    return this.session?.user ?? null;
  }

  get #canManage(): boolean {
    const user = this.#user;
    if (!user) return false;
    return can(user, { type: 'polls.manage', meetingChairId: this.state?.meeting.chair?.id ?? null });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('state') && this.state) this.#offsetMs = this.state.serverNow - Date.now();
    if (!this.#loaded && this.#user) {
      this.#loaded = true;
      void this.#loadLists(this.#user);
    }
  }

  override render() {
    const { t } = this.#i18n;
    const user = this.#user;
    const polls = this.#feed.polls;
    const active = polls.filter((e) => e.poll.status === 'open' || e.poll.status === 'draft');
    const done = polls.filter((e) => e.poll.status === 'closed' || e.poll.status === 'cancelled').reverse();
    const latest = this.#latestResult ? this.#feed.entry(this.#latestResult) : undefined;
    const ended = this.state?.meeting.status === 'ended';
    return html`<section class="panel" aria-labelledby="polls-heading">
      <div class="head">
        <h2 id="polls-heading">${t.polls.title}</h2>
        ${this.#canManage && !ended && !this.formOpen
          ? html`<button type="button" class="secondary" aria-expanded="false" @click=${this.#openForm}>${t.polls.form.open}</button>`
          : nothing}
      </div>
      <div class="announce" role="status">${this.announcement ? html`<p class="message success">${this.announcement}</p>` : nothing}</div>
      ${this.#renderPhase()}
      ${this.formOpen ? this.#renderForm() : nothing}
      ${active.length > 0 ? html`<div class="list active">${active.map((e) => this.#renderCard(e))}</div>` : nothing}
      ${this.#renderDock(active)}
      ${latest && latest.poll.status === 'closed'
        ? html`<section class="latest" aria-label=${t.polls.result.heading}>
            <fw-poll-record .poll=${latest.poll} ?canExport=${this.#canExport}></fw-poll-record>
          </section>`
        : nothing}
      <details class="more">
        <summary><h3 class="section">${t.polls.past.heading} (${done.length})</h3></summary>
        <div class="list">
          ${done.length === 0
            ? html`<p class="muted">${t.polls.past.empty}</p>`
            : done.map((e) => html`<fw-poll-record .poll=${e.poll} ?canExport=${this.#canExport}></fw-poll-record>`)}
        </div>
      </details>
      ${user && this.state && can(user, { type: 'meetings.participate', meeting: meetingRef(this.state.meeting) })
        ? html`<details class="more">
            <summary><h3 class="section">${t.polls.delegation.heading}</h3></summary>
            <fw-poll-delegations .meetingId=${this.meetingId} .user=${user} .users=${this.users} ?ended=${ended}></fw-poll-delegations>
          </details>`
        : nothing}
    </section>`;
  }

  get #canExport(): boolean {
    const user = this.#user;
    return user !== null && can(user, { type: 'polls.export' });
  }

  /** Whether the viewer may decide the poll's proposal (and so close a poll that decides it). */
  #canDecide(proposalId: string | null): boolean {
    const user = this.#user;
    const proposal = this.proposals.find((p) => p.id === proposalId);
    if (!user || !proposalId) return true;
    if (!proposal) return false;
    return can(user, { type: 'proposals.move', proposal: { subcommittee: proposal.subcommittee, status: 'under_discussion' }, to: 'adopted' });
  }

  /** While a poll is open and its card is scrolled out of view, a bar at the bottom of the window leads to it. */
  #renderDock(active: PollEntry[]) {
    const open = active.find((e) => e.poll.status === 'open');
    if (!open || this.#activeInView.inView) return nothing;
    const { t } = this.#i18n;
    return html`<div class="dock" role="region" aria-label=${t.polls.dock.label}>
      <p>
        <strong>${t.polls.dock.voting(open.poll.title)}</strong>
        <span>${t.polls.card.progress(open.poll.votedCount, open.poll.eligibleCount)}</span>
      </p>
      <button type="button" @click=${() => this.#goTo(open.poll.id)}>${t.polls.dock.go}</button>
    </div>`;
  }

  async #goTo(pollId: string) {
    const card = this.renderRoot.querySelector<PollCard>(`fw-poll-card[data-poll="${CSS.escape(pollId)}"]`);
    if (!card) return;
    card.scrollIntoView({ block: 'start', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
    await card.focusBallot();
  }

  #renderPhase() {
    const { t } = this.#i18n;
    const phase = this.#feed.phase;
    switch (phase.kind) {
      case 'ready':
        return nothing;
      case 'connecting':
        return html`<p class="muted" role="status">${t.polls.connecting}</p>`;
      case 'reconnecting':
        return html`<p class="muted" role="status">${t.polls.errors.offline}</p>`;
      case 'failed':
        return html`<p class="message error" role="alert">${pollErrorText(t, phase.error, this.#i18n.locale)}</p>`;
      default: {
        const unknown: never = phase;
        throw new Error(`unhandled phase ${JSON.stringify(unknown)}`);
      }
    }
  }

  #renderForm() {
    const meeting = this.state?.meeting;
    return html`<div class="form-wrap">
      <fw-poll-form
        .meetingId=${this.meetingId}
        .agenda=${meeting?.agenda ?? []}
        .currentItemId=${meeting?.currentItemId ?? null}
        .proposals=${this.proposals}
        .users=${this.users}
      ></fw-poll-form>
    </div>`;
  }

  #renderCard(entry: PollEntry) {
    const { poll } = entry;
    const meeting = this.state?.meeting;
    const user = this.#user;
    const agendaTitle = poll.agendaItemId ? (meeting?.agenda.find((i) => i.id === poll.agendaItemId)?.title ?? null) : null;
    const proposalTitle = poll.proposalId ? (this.proposals.find((p) => p.id === poll.proposalId)?.title ?? null) : null;
    return html`<fw-poll-card
      data-poll=${poll.id}
      .entry=${entry}
      .feed=${this.#feed}
      ?canManage=${this.#canManage}
      ?canDecide=${this.#canDecide(poll.proposalId)}
      ?meetingLive=${meeting?.status === 'live'}
      .checkedIn=${this.state && user ? this.state.checkedIn.includes(user.id) : null}
      .offsetMs=${this.#offsetMs}
      .agendaTitle=${agendaTitle}
      .proposalTitle=${proposalTitle}
    ></fw-poll-card>`;
  }

  async #openForm() {
    // The form loads when it is first opened: most people in the room never prepare a poll.
    await import('./poll-form');
    this.formOpen = true;
    await this.updateComplete;
    await this.renderRoot.querySelector<PollForm>('fw-poll-form')?.focusFirst();
  }

  async #closeForm() {
    this.formOpen = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.head button')?.focus();
  }

  /** People (for voters and delegates) and proposal titles; both are small lists. */
  async #loadLists(user: User) {
    const [users, proposals] = await Promise.allSettled([
      // The list names voters and delegates: only those who vote need it.
      mayVote(user) ? call(api.users) : Promise.resolve({ users: [] as User[] }),
      call(api.listProposals, { query: {} }),
    ]);
    if (users.status === 'fulfilled') this.users = users.value.users;
    if (proposals.status === 'fulfilled') this.proposals = proposals.value.proposals.map((p) => ({ id: p.id, title: p.title, subcommittee: p.subcommittee }));
  }

  #announce(text: string) {
    this.announcement = text;
  }

  #announceResult(poll: PollView, result: PollResult) {
    const { t } = this.#i18n;
    this.#latestResult = poll.id;
    this.#announce(t.polls.announce.closed(poll.title, result.passed ? t.polls.result.passed : t.polls.result.notPassed));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-poll-panel': PollPanel;
  }
}
