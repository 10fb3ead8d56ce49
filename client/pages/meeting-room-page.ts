import { consume } from '@lit/context';
import { LitElement, html, nothing, render, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../shared/api/endpoints';
import { CloseCode } from '../../shared/close-codes';
import { agendaHeading } from '../../shared/meetings/minutes';
import type { MeetingState } from '../../shared/schemas/meetings';
import type * as Y from 'yjs';
import type { CollabRefusal } from '../editor/collab-connection';
import { editorChangeEvent, editorRefusedEvent, type EditorChangeDetail, type FwEditor } from '../editor/editor';
import '../editor/comments/comments-panel';
import '../editor/editor';
import { actionItemTool, minutesExtensions } from '../editor/extensions/action-item';
import { decisionTool } from '../editor/extensions/decision';
import { call } from '../http/call';
import { LocaleController } from '../i18n/i18n';
import '../meetings/agenda-panel';
import '../meetings/attendance-panel';
import '../meetings/decisions-list';
import { FollowController, type FollowTarget } from '../meetings/follow-controller';
import { LiveDecisionsController } from '../meetings/live-decisions-controller';
import '../meetings/meeting-header';
import { followToggleEvent, presentToggleEvent } from '../meetings/meeting-header';
import { MeetingController } from '../meetings/meeting-controller';
import { panelStyles } from '../meetings/meeting-styles';
import { roomStyles } from '../meetings/room-styles';
import '../meetings/minutes-panel';
import type { MinutesPanel } from '../meetings/minutes-panel';
import { adoptMinutesStyles } from '../meetings/minutes-styles';
import '../meetings/people-panel';
import { abilities } from '../meetings/permissions';
import '../meetings/proposal-panel';
import type { MeetingProposal } from '../meetings/proposal-panel';
import { meetingsPath } from '../meetings/paths';
import '../meetings/speakers-panel';
import '../polls/poll-panel';
import { IdleController } from '../presence/idle-controller';
import { ProposalController } from '../proposals/proposal-controller';
import type { MeetingView } from '../router/routes';
import { sessionContext, type Session } from '../session/session-context';
import { sharedStyles } from '../styles/shared-styles';
import { pageStyles } from './page-styles';
import { canSome } from '../../shared/permissions/some';

/**
 * A meeting room: the agenda with the current item and its timer, the current item's
 * proposal and the minutes side by side (both live editors, light-DOM children slotted
 * into place), speakers, who is here, attendance, decisions. `view="live"` (and every
 * observer) gets the read-only live view that follows the current item by itself.
 */
@customElement('fw-meeting-room-page')
export class MeetingRoomPage extends LitElement {
  static override styles = [
    sharedStyles,
    pageStyles,
    panelStyles,
    roomStyles,
  ];

  @property({ attribute: 'meeting-id' }) meetingId = '';
  @property() view: MeetingView = 'room';
  @consume({ context: sessionContext, subscribe: true }) session?: Session;

  readonly #i18n = new LocaleController(this);
  readonly #room = new MeetingController(this, () => this.meetingId, {
    onState: (state, previous) => this.#onState(state, previous),
    onJoined: () => {
      this.#sentWhere = '';
      this.#sendPresence();
    },
    onPresenter: (presenter) => {
      if (this.#following()) this.#follow.apply(presenter);
    },
  });
  readonly #follow = new FollowController(this, this.#room, () => this.#followTargets());
  readonly #proposal = new ProposalController(this, () => this.#currentProposalId());
  readonly #liveDecisions = new LiveDecisionsController(this);
  readonly #idle = new IdleController(this, () => this.#sendPresence());
  #minutesEditor: FwEditor | null = null;
  /** The minutes' comment threads, in their own document. */
  #minutesComments: Y.Doc | null = null;
  #editorUser: { id: string; name: string } | null = null;
  #proposalTitles = new Map<string, string>();
  #where = 'agenda';
  #sentWhere = '';
  /** Following as asked here, until the server's list of followers says so too. */
  #followWanted: boolean | null = null;
  #scrollToCurrent = false;
  readonly #tools = { locale: '', list: [] as ReturnType<typeof decisionTool>[] };
  readonly #extensions = minutesExtensions();

  constructor() {
    super();
    adoptMinutesStyles();
    this.addEventListener(editorChangeEvent, (event) => {
      const { doc, comments } = (event as CustomEvent<EditorChangeDetail>).detail;
      const target = event.target as FwEditor;
      if (target.slot !== 'minutes') return;
      this.#minutesEditor = target;
      this.#minutesComments = comments;
      this.#liveDecisions.watch(doc);
      this.#scrollToCurrent = true;
      this.requestUpdate();
    });
    this.addEventListener(editorRefusedEvent, (event) => {
      if ((event as CustomEvent<CollabRefusal>).detail.code === CloseCode.unauthenticated) void this.session?.verify();
    });
    this.addEventListener(followToggleEvent, () => void this.#toggleFollow());
    this.addEventListener(presentToggleEvent, () => void this.#togglePresent());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#loadProposalTitles();
  }

  /** Observers always get the read-only live view. */
  get #readOnly(): boolean {
    const user = this.session?.user;
    return this.view !== 'room' || (!!user && !canSome(user, 'meetings.participate'));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('meetingId')) {
      this.#followWanted = null;
      this.#sentWhere = '';
    }
  }

  protected override updated(): void {
    // The editors live in light DOM, slotted into the panels (see <fw-editor>).
    render(this.#renderEditors(), this, { host: this });
    if (this.#scrollToCurrent) {
      this.#scrollToCurrent = false;
      void this.#followCurrentItem();
    }
  }

  override render() {
    const { t } = this.#i18n;
    const state = this.#room.state;
    const phase = this.#room.phase;
    if (!state) {
      return html`<div class="page">
        ${phase.kind === 'failed'
          ? html`<div role="alert">
              <p class="message error">${phase.error.code === 'not_found' ? t.meetings.room.notFound : t.meetings.room.joinFailed}</p>
              <p class="status"><a href=${meetingsPath()}>${t.meetings.room.back}</a></p>
            </div>`
          : html`<p class="status" role="status">${t.meetings.room.connecting}</p>`}
      </div>`;
    }
    return this.#renderRoom(state);
  }

  #renderRoom(state: MeetingState) {
    const { t } = this.#i18n;
    const user = this.session?.user ?? null;
    const can = abilities(user, state.meeting);
    const readOnly = this.#readOnly;
    const hasProposal = this.#currentProposalId() !== '';
    const decisions = this.#liveDecisions.decisions ?? state.decisions;
    return html`<div class="page" @focusin=${this.#noteWhere} @pointerdown=${this.#noteWhere}>
      <div class="conn" role="status">
        ${this.#room.phase.kind === 'reconnecting' || this.#room.phase.kind === 'failed' ? html`<p class="message error">${t.meetings.room.reconnecting}</p>` : nothing}
      </div>
      ${readOnly && user && !canSome(user, 'meetings.participate') ? html`<p class="message info conn">${t.meetings.room.observerNotice}</p>` : nothing}
      ${state.meeting.status === 'ended' ? html`<p class="message info conn">${t.meetings.room.readOnlyEnded}</p>` : nothing}
      ${state.meeting.status === 'cancelled' ? html`<p class="message info conn" id="meeting-cancelled">${t.meetings.room.readOnlyCancelled}</p>` : nothing}
      <fw-meeting-header
        .state=${state}
        .room=${this.#room}
        .abilities=${can}
        .view=${readOnly ? 'live' : this.view}
        .userId=${user?.id ?? ''}
        ?following=${this.#following()}
        ?presenting=${this.#follow.presenting}
      ></fw-meeting-header>
      <fw-poll-panel meeting-id=${state.meeting.id} .state=${state}></fw-poll-panel>
      <div class="grid">
        <div class="side">
          <fw-agenda-panel
            data-where="agenda"
            .meeting=${state.meeting}
            .room=${this.#room}
            .abilities=${can}
            .proposalTitles=${this.#proposalTitles}
            ?read-only=${readOnly}
          ></fw-agenda-panel>
          <fw-speakers-panel
            .state=${state}
            .room=${this.#room}
            .abilities=${readOnly ? null : can}
            .userId=${user?.id ?? ''}
          ></fw-speakers-panel>
        </div>
        <div class="work ${hasProposal ? '' : 'single'}">
          ${hasProposal
            ? html`<fw-meeting-proposal data-where=${`proposal:${this.#currentProposalId()}`} .proposal=${this.#proposal.state}>
                <slot name="proposal" slot="editor"></slot>
              </fw-meeting-proposal>`
            : nothing}
          <fw-minutes-panel
            data-where="minutes"
            .meeting=${state.meeting}
            .abilities=${can}
            .editor=${this.#minutesEditor?.editor ?? null}
            ?read-only=${readOnly}
          >
            <slot name="minutes" slot="editor"></slot>
          </fw-minutes-panel>
        </div>
      </div>
      <div class="below">
        <fw-decisions-list .decisions=${decisions} meeting-id=${state.meeting.id}></fw-decisions-list>
        ${!readOnly && state.meeting.minutes.status !== 'draft'
          ? html`<section class="panel" aria-labelledby="comments-title">
              <header><h2 id="comments-title">${t.comments.title}</h2></header>
              <fw-comments-panel
                .editor=${this.#minutesEditor?.editor ?? null}
                .doc=${this.#minutesComments}
                .user=${this.#editorUser}
                ?canComment=${can.commentMinutes}
              ></fw-comments-panel>
            </section>`
          : nothing}
        ${readOnly ? nothing : html`<fw-meeting-people .state=${state} .userId=${user?.id ?? ''}></fw-meeting-people>`}
        ${readOnly ? nothing : html`<fw-attendance-panel .state=${state} .room=${this.#room} .abilities=${can} .userId=${user?.id ?? ''}></fw-attendance-panel>`}
      </div>
    </div>`;
  }

  #renderEditors() {
    const state = this.#room.state;
    const user = this.session?.user;
    if (!state || !user) return nothing;
    const { t, locale } = this.#i18n;
    if (this.#editorUser?.id !== user.id || this.#editorUser.name !== user.name) this.#editorUser = { id: user.id, name: user.name };
    if (this.#tools.locale !== locale) {
      this.#tools.locale = locale;
      this.#tools.list = [decisionTool(t), actionItemTool(t)];
    }
    const can = abilities(user, state.meeting);
    const proposal = this.#proposal.proposal;
    const showProposal = proposal && proposal.id === this.#currentProposalId();
    return html`${showProposal
        ? html`<fw-editor
            slot="proposal"
            doc-name=${proposal.docName}
            .user=${this.#editorUser}
            ?editable=${proposal.canEdit && !this.#readOnly}
            label=${t.meetings.proposal.editorLabel(proposal.title)}
          ></fw-editor>`
        : nothing}
      <fw-editor
        slot="minutes"
        doc-name=${state.meeting.minutes.docName}
        .user=${this.#editorUser}
        .extensions=${this.#extensions}
        .tools=${this.#tools.list}
        ?editable=${can.writeMinutes && !this.#readOnly}
        label=${t.meetings.minutes.editorLabel(state.meeting.title)}
      ></fw-editor>`;
  }

  // --- following the meeting ---

  #onState(state: MeetingState, previous: MeetingState | null): void {
    if (state.meeting.currentItemId !== previous?.meeting.currentItemId) this.#scrollToCurrent = true;
    const me = this.session?.user?.id;
    if (me && this.#followWanted !== null && state.follow.followers.includes(me) === this.#followWanted) this.#followWanted = null;
  }

  #currentProposalId(): string {
    const m = this.#room.state?.meeting;
    return m?.agenda.find((i) => i.id === m.currentItemId)?.proposalId ?? '';
  }

  #following(): boolean {
    if (this.#followWanted !== null) return this.#followWanted;
    const me = this.session?.user?.id;
    return Boolean(me && this.#room.state?.follow.followers.includes(me));
  }

  /**
   * Readers of the minutes (observers, the live view, anyone who does not write them)
   * see the current item's heading in the minutes; writers keep their own place, and
   * followers of a presenter see the presenter's.
   */
  async #followCurrentItem(): Promise<void> {
    const state = this.#room.state;
    const user = this.session?.user;
    if (!state || !user || this.#following()) return;
    if (!this.#readOnly && abilities(user, state.meeting).writeMinutes) return;
    const m = state.meeting;
    const index = m.agenda.findIndex((i) => i.id === m.currentItemId);
    const panel = this.renderRoot.querySelector<MinutesPanel>('fw-minutes-panel');
    await panel?.updateComplete;
    const scroller = panel?.scroller;
    if (index < 0 || !scroller) return;
    const heading = agendaHeading(index, m.agenda[index]!.title);
    const found = [...this.querySelectorAll<HTMLElement>('fw-editor[slot="minutes"] .fw-prose h2')].find(
      (h) => h.textContent?.trim() === heading,
    );
    if (!found) return;
    // Below the editor's sticky bar, with a little air.
    const bar = this.querySelector<HTMLElement>('fw-editor[slot="minutes"] .fw-editor__bar')?.offsetHeight ?? 0;
    const top = found.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop - bar - 12;
    scroller.scrollTo({ top, behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  }

  #followTargets(): FollowTarget[] {
    const targets: FollowTarget[] = [];
    const proposal = this.renderRoot.querySelector<MeetingProposal>('fw-meeting-proposal');
    const proposalId = this.#currentProposalId();
    if (proposal?.scroller && proposalId) targets.push({ location: `proposal:${proposalId}`, element: proposal.scroller });
    const minutes = this.renderRoot.querySelector<MinutesPanel>('fw-minutes-panel')?.scroller;
    if (minutes) targets.push({ location: 'minutes', element: minutes });
    return targets;
  }

  async #toggleFollow(): Promise<void> {
    const next = !this.#following();
    this.#followWanted = next;
    this.requestUpdate();
    const answer = await this.#room.follow(next);
    if (!answer.ok) this.#followWanted = null;
    else if (next) this.#follow.apply(this.#room.state?.follow.presenter ?? null, true);
    this.requestUpdate();
  }

  async #togglePresent(): Promise<void> {
    const problem = await this.#follow.setPresenting(!this.#follow.presenting);
    if (problem) console.warn('meeting:present refused', problem);
  }

  // --- where this person is, for the others ---

  readonly #noteWhere = (event: Event) => {
    const area = event.composedPath().find((n): n is HTMLElement => n instanceof HTMLElement && n.dataset.where !== undefined);
    const where = area?.dataset.where ?? 'agenda';
    if (where === this.#where) return;
    this.#where = where;
    this.#follow.noteLocation(where);
    this.#sendPresence();
  };

  #sendPresence(): void {
    if (this.#room.phase.kind !== 'joined') return;
    const where = this.#readOnly ? 'live' : this.#where;
    const key = `${where}|${this.#idle.idle}`;
    if (key === this.#sentWhere) return;
    this.#sentWhere = key;
    void this.#room.presence(where, this.#idle.idle).then((answer) => {
      if (!answer.ok) this.#sentWhere = '';
    });
  }

  async #loadProposalTitles(): Promise<void> {
    try {
      const { proposals } = await call(api.listProposals, { query: {} });
      this.#proposalTitles = new Map(proposals.map((p) => [p.id, p.title]));
      this.requestUpdate();
    } catch {
      // the agenda then says "관련 제안" without the title
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-meeting-room-page': MeetingRoomPage;
  }
}
