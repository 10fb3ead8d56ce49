import type { Editor } from '@tiptap/core';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type * as Y from 'yjs';
import { formatDateTime } from '../../i18n/format';
import { LocaleController } from '../../i18n/i18n';
import { sharedStyles } from '../../styles/shared-styles';
import { commentsPanelStyles } from './comments-panel-styles';
import { resolveRange, selectionAnchor } from './anchors';
import { clearActiveThread, commentClickEvent, revealThread } from './comment-highlights';
import { addReply, addThread, setResolved, type CommentAuthor, type CommentThread } from './comment-model';
import { CommentsController } from './comments-controller';
import { api } from '../../../shared/api/endpoints';
import { amendmentMaxChars } from '../../../shared/schemas/amendment-fields';
import type { AmendmentVerdict } from '../../../shared/schemas/amendments';
import { call, errorMessage } from '../../http/call';

/** What the host allows with amendments (replacement texts in comments) on its text; null: none. */
export interface AmendmentRules {
  proposalId: string;
  /** A new comment may carry a replacement text (the proposal is submitted or under discussion). */
  canSuggest: boolean;
  /** Accept or decline them (the proposal's author, ministry staff): the server decides again. */
  canDecide: boolean;
}

interface Draft {
  anchor: unknown;
  head: unknown;
  quote: string;
}

/**
 * Comment threads beside the text: select text, "의견 추가", write; threads show the
 * quoted text, replies, resolve and reopen; a click on a thread shows its range in the
 * editor, a click on highlighted text opens its thread. Everyone reads; those who may
 * write the comments' own document comment (`canComment`), since the server ignores a
 * reader's changes. `doc` is that document; `editor` shows the text the threads anchor to.
 */
@customElement('fw-comments-panel')
export class CommentsPanel extends LitElement {
  static override styles = [sharedStyles, commentsPanelStyles];

  @property({ attribute: false }) editor: Editor | null = null;
  @property({ attribute: false }) doc: Y.Doc | null = null;
  @property({ attribute: false }) user: CommentAuthor | null = null;
  /** Whether this person may comment (`comments.write`): the server decides again, on the comments' document. */
  @property({ type: Boolean }) canComment = false;
  /** Amendments on a proposal's comments; null elsewhere (minutes, the strategy). */
  @property({ attribute: false }) amendments: AmendmentRules | null = null;

  @state() private hasSelection = false;
  @state() private draft: Draft | null = null;
  @state() private active: string | null = null;
  @state() private replyingTo: string | null = null;
  @state() private showResolved = false;
  @state() private deciding: string | null = null;
  @state() private decisionError: { id: string; text: string } | null = null;

  readonly #i18n = new LocaleController(this);
  readonly #comments = new CommentsController(this, () => this.doc);
  #watched: Editor | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('editor')) this.#watch(this.editor);
    if (changed.has('doc')) {
      this.draft = null;
      this.active = null;
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#watch(this.editor);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#watch(null);
  }

  override render() {
    const { t } = this.#i18n;
    const threads = this.#ordered(this.#comments.threads);
    const open = threads.filter((c) => !c.resolved);
    const resolved = threads.filter((c) => c.resolved);
    return html`
      ${this.canComment ? this.#renderTop() : html`<p class="hint muted top">${t.comments.readOnly}</p>`}
      ${this.draft ? this.#renderDraft(this.draft) : nothing}
      ${threads.length === 0 ? html`<p class="muted">${t.comments.empty}</p>` : nothing}
      <ol class="threads" aria-label=${t.comments.title}>
        ${repeat(open, (c) => c.id, (c) => this.#renderThread(c))}
      </ol>
      ${resolved.length > 0
        ? html`<div class="more">
            <button type="button" class="secondary" aria-expanded=${String(this.showResolved)} @click=${() => (this.showResolved = !this.showResolved)}>
              ${t.comments.showResolved(resolved.length)}
            </button>
          </div>`
        : nothing}
      ${this.showResolved && resolved.length > 0
        ? html`<ol class="threads more" aria-label=${t.comments.resolved}>
            ${repeat(resolved, (c) => c.id, (c) => this.#renderThread(c))}
          </ol>`
        : nothing}
    `;
  }

  #renderTop() {
    const { t } = this.#i18n;
    return html`<div class="top">
      <button type="button" ?disabled=${!this.hasSelection || !!this.draft} @click=${this.#startDraft}>${t.comments.add}</button>
      ${this.hasSelection ? nothing : html`<p class="hint muted">${t.comments.addHint}</p>`}
    </div>`;
  }

  #renderDraft(draft: Draft) {
    const { t } = this.#i18n;
    return html`<form @submit=${this.#submitDraft} @keydown=${this.#submitOnCtrlEnter}>
      <p class="quote"><span class="text">${draft.quote}</span></p>
      <label class="visually-hidden" for="new-comment">${t.comments.body}</label>
      <textarea id="new-comment" name="body" required maxlength="2000" placeholder=${t.comments.body}></textarea>
      ${this.amendments?.canSuggest
        ? html`<label for="new-amendment">${t.amendments.field}</label>
            <p class="hint muted" id="new-amendment-hint">${t.amendments.fieldHint}</p>
            <textarea id="new-amendment" name="amendment" maxlength=${amendmentMaxChars} aria-describedby="new-amendment-hint"></textarea>`
        : nothing}
      <div class="row">
        <button type="submit">${t.comments.submit}</button>
        <button type="button" class="secondary" @click=${() => (this.draft = null)}>${t.comments.cancel}</button>
      </div>
    </form>`;
  }

  #renderThread(c: CommentThread) {
    const { t, locale } = this.#i18n;
    const located = this.editor ? resolveRange(this.editor.state, c.anchor, c.head) !== null : true;
    return html`<li>
      <article class="thread ${c.id === this.active ? 'active' : ''} ${c.resolved ? 'resolved' : ''}" data-thread=${c.id} aria-label=${`${c.author.name}: ${c.body}`}>
        ${located
          ? html`<button type="button" class="quote" title=${t.comments.goTo} @click=${() => this.#reveal(c)}><span class="text">${c.quote}</span></button>`
          : html`<p class="quote gone"><span class="text">${c.quote}</span><span class="gone-note">${t.comments.quoteGone}</span></p>`}
        <p class="meta">
          <strong>${c.author.name}</strong>
          <time datetime=${c.createdAt}>${c.createdAt ? formatDateTime(c.createdAt, locale) : ''}</time>
          ${c.resolved ? html`<span class="badge">· ${t.comments.resolved}</span>` : nothing}
        </p>
        <p class="body">${c.body}</p>
        ${c.amendment ? this.#renderAmendment(c, c.amendment) : nothing}
        ${c.replies.length > 0
          ? html`<ol class="replies" aria-label=${t.comments.replies(c.replies.length)}>
              ${c.replies.map(
                (r) => html`<li>
                  <p class="meta"><strong>${r.author.name}</strong> <time datetime=${r.createdAt}>${formatDateTime(r.createdAt, locale)}</time></p>
                  <p class="body">${r.body}</p>
                </li>`,
              )}
            </ol>`
          : nothing}
        ${this.canComment ? this.#renderThreadActions(c) : nothing}
      </article>
    </li>`;
  }

  /** The suggested text, and its decision or (for those who decide) the buttons that take it. */
  #renderAmendment(c: CommentThread, text: string) {
    const a = this.#i18n.t.amendments;
    const d = c.amendmentDecision;
    const rules = this.amendments;
    return html`<div class="amendment" role="group" aria-label=${a.label}>
      <p class="meta"><strong>${a.label}</strong></p>
      <p class="body suggested">${text}</p>
      ${d
        ? html`<p class="meta decision ${d.decision}">${d.decision === 'accepted' ? a.accepted(d.by.name) : a.declined(d.by.name)}</p>`
        : rules?.canDecide
          ? html`<div class="actions">
              <button type="button" class="small" ?disabled=${this.deciding === c.id} @click=${() => this.#decide(rules.proposalId, c, 'accepted')}>${a.accept}</button>
              <button type="button" class="secondary small" ?disabled=${this.deciding === c.id} @click=${() => this.#decide(rules.proposalId, c, 'declined')}>${a.decline}</button>
            </div>`
          : nothing}
      ${this.decisionError?.id === c.id ? html`<p class="message error" role="alert">${this.decisionError.text}</p>` : nothing}
    </div>`;
  }

  async #decide(proposalId: string, c: CommentThread, decision: AmendmentVerdict): Promise<void> {
    const { t } = this.#i18n;
    if (decision === 'accepted' && !confirm(t.amendments.confirmAccept)) return;
    this.deciding = c.id;
    this.decisionError = null;
    try {
      // The server marks the decision on the thread; it arrives through the comments' document.
      await call(api.decideAmendment, { params: { id: proposalId, threadId: c.id }, body: { decision } });
    } catch (error) {
      this.decisionError = { id: c.id, text: errorMessage(error, t.app.networkError) };
    } finally {
      this.deciding = null;
    }
  }

  #renderThreadActions(c: CommentThread) {
    const { t } = this.#i18n;
    if (this.replyingTo === c.id) {
      return html`<form @submit=${(e: SubmitEvent) => this.#submitReply(e, c.id)} @keydown=${this.#submitOnCtrlEnter}>
        <label class="visually-hidden" for=${`reply-${c.id}`}>${t.comments.replyLabel}</label>
        <textarea id=${`reply-${c.id}`} name="body" required maxlength="2000" placeholder=${t.comments.replyLabel}></textarea>
        <div class="row">
          <button type="submit">${t.comments.replySubmit}</button>
          <button type="button" class="secondary" @click=${() => (this.replyingTo = null)}>${t.comments.cancel}</button>
        </div>
      </form>`;
    }
    return html`<div class="actions">
      ${c.resolved ? nothing : html`<button type="button" class="secondary" @click=${() => this.#startReply(c.id)}>${t.comments.reply}</button>`}
      <button type="button" class="secondary" @click=${() => this.#resolve(c)}>${c.resolved ? t.comments.reopen : t.comments.resolve}</button>
    </div>`;
  }

  /** Threads in the order of their text; those whose text is gone last. */
  #ordered(threads: CommentThread[]): CommentThread[] {
    const editor = this.editor;
    if (!editor) return threads;
    const at = (c: CommentThread) => resolveRange(editor.state, c.anchor, c.head)?.from ?? Number.MAX_SAFE_INTEGER;
    return threads
      .map((c) => ({ c, at: at(c) }))
      .sort((a, b) => a.at - b.at)
      .map(({ c }) => c);
  }

  #watch(editor: Editor | null): void {
    if (editor === this.#watched) return;
    this.#watched?.off('selectionUpdate', this.#onSelection);
    this.#watched?.off('transaction', this.#onTransaction);
    this.#watched?.view.dom.removeEventListener(commentClickEvent, this.#onCommentClick);
    this.#watched = editor;
    editor?.on('selectionUpdate', this.#onSelection);
    editor?.on('transaction', this.#onTransaction);
    editor?.view.dom.addEventListener(commentClickEvent, this.#onCommentClick);
    this.#onSelection();
  }

  readonly #onSelection = () => {
    const selection = this.#watched?.state.selection;
    this.hasSelection = !!selection && !selection.empty;
  };

  /** Remote edits move and delete ranges: the order and "text gone" may change. */
  readonly #onTransaction = ({ transaction }: { transaction: { docChanged: boolean } }) => {
    if (transaction.docChanged) this.requestUpdate();
  };

  readonly #onCommentClick = async (event: Event) => {
    const id = (event as CustomEvent<{ id: string }>).detail.id;
    this.active = id;
    await this.updateComplete;
    this.renderRoot.querySelector(`[data-thread="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  };

  #reveal(c: CommentThread): void {
    this.active = c.id;
    if (this.editor) revealThread(this.editor, c);
  }

  async #startDraft() {
    if (!this.editor) return;
    const anchor = selectionAnchor(this.editor);
    if (!anchor) return;
    this.draft = anchor;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLTextAreaElement>('#new-comment')?.focus();
  }

  async #startReply(id: string) {
    this.replyingTo = id;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLTextAreaElement>(`#reply-${CSS.escape(id)}`)?.focus();
  }

  #submitDraft(event: SubmitEvent): void {
    event.preventDefault();
    const body = bodyOf(event);
    if (!body || !this.draft || !this.doc || !this.user) return;
    const amendment = this.amendments?.canSuggest ? fieldOf(event, 'amendment') : '';
    const id = addThread(this.doc, { ...this.draft, author: this.user, body, amendment: amendment || null });
    this.draft = null;
    this.active = id;
  }

  #submitReply(event: SubmitEvent, id: string): void {
    event.preventDefault();
    const body = bodyOf(event);
    if (!body || !this.doc || !this.user) return;
    addReply(this.doc, id, { author: this.user, body });
    this.replyingTo = null;
  }

  #resolve(c: CommentThread): void {
    if (!this.doc) return;
    setResolved(this.doc, c.id, !c.resolved);
    if (!c.resolved && this.active === c.id && this.editor) {
      this.active = null;
      clearActiveThread(this.editor);
    }
  }

  /** Ctrl+Enter (⌘+Enter) posts; a plain Enter is a new line, and nothing happens while an IME composes. */
  readonly #submitOnCtrlEnter = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.isComposing || event.keyCode === 229 || !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    (event.currentTarget as HTMLFormElement).requestSubmit();
  };
}

function bodyOf(event: SubmitEvent): string {
  return fieldOf(event, 'body');
}

function fieldOf(event: SubmitEvent, name: string): string {
  const value = new FormData(event.target as HTMLFormElement).get(name);
  return typeof value === 'string' ? value.trim() : '';
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-comments-panel': CommentsPanel;
  }
}
