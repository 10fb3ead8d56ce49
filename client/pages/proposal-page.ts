import { consume } from '@lit/context';
import type { Editor } from '@tiptap/core';
import { LitElement, html, nothing, render, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type * as Y from 'yjs';
import { api } from '../../shared/api/endpoints';
import { isTextLocked, needsReason, stepBetween, type ProposalStatus } from '../../shared/proposals/workflow';
import { CloseCode } from '../../shared/close-codes';
import '../editor/comments/comments-panel';
import type { AmendmentRules } from '../editor/comments/comments-panel';
import { can } from '../../shared/permissions';
import '../editor/editor';
import { editorChangeEvent, editorRefusedEvent, type EditorChangeDetail } from '../editor/editor';
import type { CollabRefusal } from '../editor/collab-connection';
import { fieldValue, ImeSubmitGuard } from '../forms/ime-guard';
import { SubmitController } from '../forms/submit-controller';
import { call, errorMessage } from '../http/call';
import { formatDateTime } from '../i18n/format';
import { LocaleController } from '../i18n/i18n';
import { ProposalController, type ProposalDetail } from '../proposals/proposal-controller';
import { proposalPageStyles } from '../proposals/proposal-page-styles';
import '../proposals/status-badge';
import '../proposals/status-history';
import '../proposals/versions-panel';
import '../polls/proposal-polls';
import '../exports/export-buttons';
import { strategyLink } from '../../shared/strategy';
import { proposalVersionSource, versionRestoredEvent, type VersionsPanel } from '../proposals/versions-panel';
import { proposalsPath } from '../router/routes';
import { sessionContext, type Session } from '../session/session-context';
import { sharedStyles } from '../styles/shared-styles';
import { pageStyles } from './page-styles';

type Tab = 'comments' | 'versions' | 'history';
const tabs: readonly Tab[] = ['comments', 'versions', 'history'];

/** Steps that end a proposal's chances; their button is drawn as a warning. */
const endingSteps = new Set(['reject', 'withdraw']);

/**
 * One proposal: title (renamed in place), subcommittee, status and its history, the
 * workflow steps this person may take, and the text, co-edited live, with comments
 * and versions beside it.
 *
 * The editor is this element's light-DOM child, slotted into the layout: ProseMirror
 * must not live inside a shadow root (see `<fw-editor>`).
 */
@customElement('fw-proposal-page')
export class ProposalPage extends LitElement {
  static override styles = [sharedStyles, pageStyles, proposalPageStyles];

  @property({ attribute: 'proposal-id' }) proposalId = '';
  @consume({ context: sessionContext, subscribe: true }) session?: Session;

  @state() private editor: Editor | null = null;
  @state() private doc: Y.Doc | null = null;
  /** The comment threads' own document. */
  @state() private comments: Y.Doc | null = null;
  @state() private tab: Tab = 'comments';
  @state() private renaming = false;
  @state() private moveTo: ProposalStatus | null = null;

  readonly #i18n = new LocaleController(this);
  readonly #proposal = new ProposalController(this, () => this.proposalId);
  readonly #renameIme = new ImeSubmitGuard();
  readonly #sending = new SubmitController(this);
  #editorUser: { id: string; name: string } | null = null;

  constructor() {
    super();
    this.addEventListener(editorChangeEvent, (event) => {
      const { editor, doc, comments } = (event as CustomEvent<EditorChangeDetail>).detail;
      this.editor = editor;
      this.doc = doc;
      this.comments = comments;
    });
    this.addEventListener(editorRefusedEvent, (event) => {
      if ((event as CustomEvent<CollabRefusal>).detail.code === CloseCode.unauthenticated) void this.session?.verify();
    });
    this.addEventListener(versionRestoredEvent, () => void this.#proposal.reload());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('proposalId')) {
      this.renaming = false;
      this.#sending.clear();
      this.moveTo = null;
    }
  }

  protected override updated(): void {
    // The editor lives in light DOM, slotted into the layout.
    render(this.#renderEditor(), this, { host: this });
  }

  override render() {
    const { t } = this.#i18n;
    const state = this.#proposal.state;
    switch (state.kind) {
      case 'loading':
        return html`<div class="page"><p class="status" role="status">${t.app.loading}</p></div>`;
      case 'notFound':
        return html`<div class="page">
          <p class="message error" role="alert">${t.proposals.detail.notFound}</p>
          <p class="status"><a href=${proposalsPath()}>${t.proposals.detail.back}</a></p>
        </div>`;
      case 'error':
        return html`<div class="page" role="alert">
          <p class="message error">${t.app.loadFailed} ${errorMessage(state.error, t.app.networkError)}</p>
          <p class="status"><button type="button" class="secondary" @click=${() => this.#proposal.reload()}>${t.app.retry}</button></p>
        </div>`;
      case 'ready':
        return this.#renderProposal(state.proposal);
      default: {
        const unknown: never = state;
        throw new Error(`unhandled state ${JSON.stringify(unknown)}`);
      }
    }
  }

  #renderEditor() {
    const proposal = this.#proposal.proposal;
    const user = this.session?.user;
    if (!proposal || !user) return nothing;
    this.#syncEditorUser();
    return html`<fw-editor
      slot="editor"
      doc-name=${proposal.docName}
      .user=${this.#editorUser}
      ?editable=${proposal.canEdit}
      label=${this.#i18n.t.proposals.detail.editorLabel(proposal.title)}
    ></fw-editor>`;
  }

  /** One object per signed-in person, so that the editor and the comments see no change on each render. */
  #syncEditorUser(): void {
    const user = this.session?.user;
    if (!user) this.#editorUser = null;
    else if (this.#editorUser?.id !== user.id || this.#editorUser.name !== user.name) this.#editorUser = { id: user.id, name: user.name };
  }

  #renderProposal(p: ProposalDetail) {
    const { t, locale } = this.#i18n;
    const d = t.proposals.detail;
    return html`<div class="page">
      <nav class="crumbs" aria-label=${d.back}>
        <a href=${proposalsPath()}>${d.back}</a> <span aria-hidden="true">›</span>
        <a href=${proposalsPath({ subcommittee: p.subcommittee })}>${t.subcommittees[p.subcommittee]}</a>
      </nav>
      <header>
        ${this.renaming ? this.#renderRename() : html`<div class="title-row">
              <h1>${p.title}</h1>
              ${p.canRename ? html`<button type="button" class="secondary" @click=${this.#startRename}>${d.rename}</button>` : nothing}
            </div>`}
        <div class="meta">
          <fw-status-badge status=${p.status}></fw-status-badge>
          <dl>
            <div><dt class="visually-hidden">${t.proposals.subcommittee}</dt><dd>${t.subcommittees[p.subcommittee]}</dd></div>
            <div><dt>${d.author}</dt><dd>${p.authorName}</dd></div>
            <div><dt>${d.updated}</dt><dd><time datetime=${p.updatedAt}>${formatDateTime(p.updatedAt, locale)}</time></dd></div>
          </dl>
          ${p.status === 'incorporated' ? html`<a class="in-strategy" href=${strategyLink(p.id)}>${t.strategy.inStrategy}</a>` : nothing}
        </div>
        <fw-export-buttons base=${`/api/exports/proposals/${encodeURIComponent(p.id)}`}></fw-export-buttons>
        ${p.nextStatuses.length > 0
          ? html`<div class="workflow">
              <h2 id="workflow-title">${d.workflow}</h2>
              ${p.nextStatuses.map((to) => {
                const step = stepBetween(p.status, to);
                if (!step) return nothing;
                return html`<button type="button" class=${endingSteps.has(step) ? 'warn' : 'secondary'} @click=${() => this.#askMove(to)}>
                  ${t.proposals.steps[step]}
                </button>`;
              })}
            </div>`
          : nothing}
      </header>
      <div class="notices">
        <div role="status">${this.#sending.renderError(t)}${this.#sending.renderNotice(t)}</div>
        ${p.canEdit ? nothing : html`<p class="message info">${isTextLocked(p.status) ? d.locked(t.proposals.statuses[p.status]) : d.readOnly}</p>`}
      </div>
      <div class="layout">
        <div class="text"><slot name="editor"></slot></div>
        ${this.#renderAside(p)}
      </div>
      <fw-proposal-polls proposal-id=${p.id} status=${p.status}></fw-proposal-polls>
      ${this.#renderMoveDialog(p)}
    </div>`;
  }

  #renderRename() {
    const d = this.#i18n.t.proposals.detail;
    return html`<form class="rename" @submit=${this.#rename} @keydown=${this.#renameKeydown} @keyup=${this.#renameIme.keyup}>
      <label class="visually-hidden" for="title">${d.renameLabel}</label>
      <input id="title" name="title" required maxlength="200" autocomplete="off" />
      <button type="submit" ?disabled=${this.#sending.busy}>${d.save}</button>
      <button type="button" class="secondary" @click=${() => (this.renaming = false)}>${d.cancel}</button>
    </form>`;
  }

  #renderAside(p: ProposalDetail) {
    const { t } = this.#i18n;
    const user = this.session?.user;
    this.#syncEditorUser();
    return html`<aside aria-label=${t.proposals.detail.tools}>
      <div role="tablist" aria-label=${t.proposals.detail.tools} @keydown=${this.#tabKeydown}>
        ${tabs.map(
          (tab) => html`<button
            type="button"
            role="tab"
            id=${`tab-${tab}`}
            aria-controls=${`panel-${tab}`}
            aria-selected=${String(this.tab === tab)}
            tabindex=${this.tab === tab ? 0 : -1}
            @click=${() => (this.tab = tab)}
          >
            ${t.proposals.detail.tabs[tab]}
          </button>`,
        )}
      </div>
      <div role="tabpanel" id="panel-comments" aria-labelledby="tab-comments" ?hidden=${this.tab !== 'comments'}>
        <fw-comments-panel
          .editor=${this.editor}
          .doc=${this.comments}
          .user=${user ? this.#editorUser : null}
          ?canComment=${p.canComment}
          .amendments=${this.#amendmentRules(p)}
        ></fw-comments-panel>
      </div>
      <div role="tabpanel" id="panel-versions" aria-labelledby="tab-versions" ?hidden=${this.tab !== 'versions'}>
        <fw-versions-panel .source=${proposalVersionSource(p.id)} ?canSave=${p.canEdit} .doc=${this.doc}></fw-versions-panel>
      </div>
      <div role="tabpanel" id="panel-history" aria-labelledby="tab-history" ?hidden=${this.tab !== 'history'}>
        <fw-status-history .history=${p.history}></fw-status-history>
      </div>
    </aside>`;
  }

  /** Replacement texts in comments, while the proposal is submitted or under discussion. */
  #amendmentRules(p: ProposalDetail): AmendmentRules {
    const user = this.session?.user;
    const discussed = p.status === 'submitted' || p.status === 'under_discussion';
    return {
      proposalId: p.id,
      canSuggest: discussed && p.canComment,
      canDecide: Boolean(user) && can(user!, { type: 'proposals.amendments.decide', proposal: p }),
    };
  }

  #renderMoveDialog(p: ProposalDetail) {
    const { t } = this.#i18n;
    const d = t.proposals.detail;
    const step = this.moveTo ? stepBetween(p.status, this.moveTo) : null;
    const reason = this.moveTo !== null && needsReason(p.status, this.moveTo);
    return html`<dialog @close=${() => (this.moveTo = null)} aria-labelledby="move-title">
      ${step
        ? html`<form @submit=${this.#move}>
            <h2 id="move-title">${t.proposals.steps[step]}</h2>
            <p>${d.confirmStep[step](p.title)}</p>
            ${reason ? html`<p class="hint">${d.reopenRejected}</p>` : nothing}
            <div class="field">
              <label for="move-note">${d.note} <span class="optional">${reason ? d.reasonRequired : d.optional}</span></label>
              <textarea id="move-note" name="note" maxlength="500" ?required=${reason}></textarea>
            </div>
            <div class="row">
              <button type="button" class="secondary" @click=${this.#closeMove}>${d.cancel}</button>
              <button type="submit" class=${endingSteps.has(step) ? 'warn' : ''} ?disabled=${this.#sending.busy}>${t.proposals.steps[step]}</button>
            </div>
          </form>`
        : nothing}
    </dialog>`;
  }

  async #startRename() {
    this.renaming = true;
    await this.updateComplete;
    const input = this.renderRoot.querySelector<HTMLInputElement>('#title');
    // Set once, not bound: a refresh while the person types (or composes Korean) must not reset the field.
    if (input) input.value = this.#proposal.proposal?.title ?? '';
    input?.focus();
    input?.select();
  }

  readonly #renameKeydown = (event: KeyboardEvent) => {
    this.#renameIme.keydown(event);
    if (event.key === 'Escape' && !event.isComposing) this.renaming = false;
  };

  async #rename(event: SubmitEvent) {
    event.preventDefault();
    if (this.#renameIme.composing(event)) return;
    const title = fieldValue(new FormData(event.target as HTMLFormElement), 'title');
    const current = this.#proposal.proposal;
    if (!title || !current) return;
    if (title === current.title) {
      this.renaming = false;
      return;
    }
    await this.#act(async () => {
      const { proposal } = await call(api.updateProposal, { params: { id: current.id }, body: { title } });
      this.#proposal.set(proposal);
      this.renaming = false;
    });
  }

  async #askMove(to: ProposalStatus) {
    this.moveTo = to;
    await this.updateComplete;
    this.renderRoot.querySelector('dialog')?.showModal();
  }

  readonly #closeMove = () => {
    this.renderRoot.querySelector('dialog')?.close();
  };

  async #move(event: SubmitEvent) {
    event.preventDefault();
    const to = this.moveTo;
    const current = this.#proposal.proposal;
    if (!to || !current) return;
    const note = fieldValue(new FormData(event.target as HTMLFormElement), 'note');
    await this.#act(async () => {
      const { proposal } = await call(api.changeProposalStatus, { params: { id: current.id }, body: { to, ...(note ? { note } : {}) } });
      this.#proposal.set(proposal);
      this.#sending.tell((t) => t.proposals.detail.moved(t.proposals.statuses[proposal.status]));
      // A status change saves a version.
      this.renderRoot.querySelector<VersionsPanel>('fw-versions-panel')?.refresh();
    });
    this.#closeMove();
  }

  /** One step on the proposal; a refused one reloads it, as someone else may have moved it first. */
  async #act(action: () => Promise<void>): Promise<void> {
    const done = await this.#sending.run(action);
    if (done.kind === 'failed') void this.#proposal.reload();
  }

  readonly #tabKeydown = (event: KeyboardEvent) => {
    const i = tabs.indexOf(this.tab);
    const next = event.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : event.key === 'ArrowLeft' ? tabs[(i - 1 + tabs.length) % tabs.length] : undefined;
    if (!next) return;
    event.preventDefault();
    this.tab = next;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${next}`)?.focus());
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-proposal-page': ProposalPage;
  }
}
