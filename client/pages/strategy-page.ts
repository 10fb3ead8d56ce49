import { consume } from '@lit/context';
import type { Editor } from '@tiptap/core';
import { LitElement, css, html, nothing, render } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type * as Y from 'yjs';
import { api } from '../../shared/api/endpoints';
import { CloseCode } from '../../shared/close-codes';
import { proposalStatuses } from '../../shared/proposals/workflow';
import type { StrategyView } from '../../shared/schemas/strategy';
import '../editor/comments/comments-panel';
import '../editor/editor';
import { editorChangeEvent, editorRefusedEvent, type EditorChangeDetail } from '../editor/editor';
import type { CollabRefusal } from '../editor/collab-connection';
import { strategyExtensions } from '../editor/extensions/incorporation';
import '../exports/export-buttons';
import { strategyVersionSource, type VersionsPanel } from '../proposals/versions-panel';
import { SubmitController } from '../forms/submit-controller';
import { call, errorMessage } from '../http/call';
import { LocaleController } from '../i18n/i18n';
import { proposalPageStyles } from '../proposals/proposal-page-styles';
import { sessionContext, type Session } from '../session/session-context';
import { sharedStyles } from '../styles/shared-styles';
import { pageStyles } from './page-styles';

type Tab = 'document' | 'progress';
type Tool = 'comments' | 'versions';

/**
 * `/strategy`: the co-edited strategy document (ministry staff write, chairpersons
 * comment, everyone reads), its exports, and the progress per subcommittee with the
 * adopted proposals waiting to be incorporated. The editor is a light-DOM child
 * slotted into the layout (ProseMirror must not live in a shadow root).
 */
@customElement('fw-strategy-page')
export class StrategyPage extends LitElement {
  static override styles = [
    sharedStyles,
    pageStyles,
    proposalPageStyles,
    css`
      .due {
        font-weight: 700;
        color: var(--fw-primary);
      }
      table.progress {
        width: 100%;
        border-collapse: collapse;
        margin: 12px 0 24px;
        font-size: 0.9375rem;
      }
      table.progress th,
      table.progress td {
        border: 1px solid var(--fw-border);
        padding: 6px 8px;
        text-align: center;
      }
      table.progress th[scope='row'] {
        text-align: left;
      }
      ul.pending {
        display: grid;
        gap: 8px;
        padding: 0;
        list-style: none;
      }
      ul.pending li {
        display: flex;
        gap: 12px;
        align-items: center;
        justify-content: space-between;
        border: 1px solid var(--fw-border);
        border-radius: var(--fw-radius);
        padding: 8px 12px;
      }
      fw-export-buttons {
        margin: 8px 0 12px;
      }
      @media print {
        [role='tablist'],
        aside,
        .notices,
        fw-export-buttons {
          display: none !important;
        }
      }
    `,
  ];

  @consume({ context: sessionContext, subscribe: true }) session?: Session;
  @state() private strategy: StrategyView | null = null;
  @state() private error: string | null = null;
  @state() private tab: Tab = 'document';
  @state() private tool: Tool = 'comments';
  @state() private editor: Editor | null = null;
  @state() private doc: Y.Doc | null = null;
  /** The comment threads' own document. */
  @state() private comments: Y.Doc | null = null;

  readonly #i18n = new LocaleController(this);
  readonly #sending = new SubmitController(this);
  /** The proposal being incorporated, whose button says so. */
  #incorporating: string | null = null;
  readonly #extensions = strategyExtensions();
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
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  protected override updated(): void {
    render(this.#renderEditor(), this, { host: this });
    // A link to one incorporated proposal (from its page) lands on its block once the text is there.
    if (location.hash && this.editor) this.querySelector(location.hash)?.scrollIntoView();
  }

  async #load(): Promise<void> {
    try {
      this.strategy = (await call(api.strategy, {})).strategy;
      this.error = null;
    } catch (error) {
      this.error = errorMessage(error, this.#i18n.t.app.networkError);
    }
  }

  #renderEditor() {
    const s = this.strategy;
    const user = this.session?.user;
    if (!s || !user) return nothing;
    if (this.#editorUser?.id !== user.id) this.#editorUser = { id: user.id, name: user.name };
    return html`<fw-editor
      slot="editor"
      doc-name=${s.docName}
      .user=${this.#editorUser}
      .extensions=${this.#extensions}
      ?editable=${s.canWrite}
      label=${this.#i18n.t.strategy.editorLabel}
    ></fw-editor>`;
  }

  override render() {
    const { t } = this.#i18n;
    const st = t.strategy;
    const s = this.strategy;
    if (this.error) return html`<div class="page"><p class="message error" role="alert">${t.app.loadFailed} ${this.error}</p></div>`;
    if (!s) return html`<div class="page"><p class="status" role="status">${t.app.loading}</p></div>`;
    return html`<div class="page">
      <header>
        <h1>${st.title}</h1>
        <p class="due">${st.due(s.daysLeft, s.dueOn)}</p>
        <p>${st.intro}</p>
        <fw-export-buttons base="/api/exports/strategy"></fw-export-buttons>
      </header>
      <div class="notices">
        <div role="status">${this.#sending.renderError(t)}${this.#sending.renderNotice(t)}</div>
        ${s.canWrite ? nothing : html`<p class="message info">${s.canComment ? st.commentOnly : st.readOnly}</p>`}
      </div>
      <div role="tablist" aria-label=${st.title}>
        ${(['document', 'progress'] as const).map(
          (tab) => html`<button type="button" role="tab" id=${`tab-${tab}`} aria-selected=${String(this.tab === tab)} @click=${() => (this.tab = tab)}>${st.tabs[tab]}</button>`,
        )}
      </div>
      <div role="tabpanel" aria-labelledby="tab-document" ?hidden=${this.tab !== 'document'}>
        <div class="layout">
          <div class="text"><slot name="editor"></slot></div>
          ${this.#renderAside(s)}
        </div>
      </div>
      <div role="tabpanel" aria-labelledby="tab-progress" ?hidden=${this.tab !== 'progress'}>${this.#renderProgress(s)}</div>
    </div>`;
  }

  #renderAside(s: StrategyView) {
    const { t } = this.#i18n;
    return html`<aside aria-label=${t.strategy.tools}>
      <div role="tablist" aria-label=${t.strategy.tools}>
        ${(['comments', 'versions'] as const).map(
          (tool) => html`<button type="button" role="tab" id=${`tool-${tool}`} aria-selected=${String(this.tool === tool)} @click=${() => (this.tool = tool)}>
            ${t.proposals.detail.tabs[tool]}
          </button>`,
        )}
      </div>
      <div role="tabpanel" aria-labelledby="tool-comments" ?hidden=${this.tool !== 'comments'}>
        <fw-comments-panel .editor=${this.editor} .doc=${this.comments} .user=${this.#editorUser} ?canComment=${s.canComment}></fw-comments-panel>
      </div>
      <div role="tabpanel" aria-labelledby="tool-versions" ?hidden=${this.tool !== 'versions'}>
        <fw-versions-panel .source=${strategyVersionSource} ?canSave=${s.canWrite} .doc=${this.doc}></fw-versions-panel>
      </div>
    </aside>`;
  }

  #renderProgress(s: StrategyView) {
    const { t } = this.#i18n;
    const p = t.strategy.progress;
    const total = (status: (typeof proposalStatuses)[number]) => s.chapters.reduce((n, c) => n + (c.counts[status] ?? 0), 0);
    const pending = s.chapters.flatMap((c) => c.pending.map((x) => ({ ...x, subcommittee: c.subcommittee })));
    return html`<table class="progress">
        <caption>${p.caption}</caption>
        <thead>
          <tr><th scope="col">${p.subcommittee}</th>${proposalStatuses.map((status) => html`<th scope="col">${t.proposals.statuses[status]}</th>`)}</tr>
        </thead>
        <tbody>
          ${s.chapters.map((c) => html`<tr><th scope="row">${t.subcommittees[c.subcommittee]}</th>${proposalStatuses.map((status) => html`<td>${c.counts[status] ?? 0}</td>`)}</tr>`)}
          <tr><th scope="row">${p.total}</th>${proposalStatuses.map((status) => html`<td>${total(status)}</td>`)}</tr>
        </tbody>
      </table>
      <h2>${p.pending}</h2>
      ${pending.length === 0
        ? html`<p class="status">${p.nonePending}</p>`
        : html`<ul class="pending">
            ${pending.map(
              (x) => html`<li>
                <span><a href=${`/proposals/${x.id}`}>${x.title}</a> · ${t.subcommittees[x.subcommittee]}</span>
                ${s.canIncorporate
                  ? html`<button type="button" ?disabled=${this.#sending.busy} @click=${() => void this.#incorporate(x.id, x.title)}>
                      ${this.#sending.busy && this.#incorporating === x.id ? p.incorporating : p.incorporate}
                    </button>`
                  : nothing}
              </li>`,
            )}
          </ul>`}`;
  }

  async #incorporate(id: string, title: string): Promise<void> {
    const p = this.#i18n.t.strategy.progress;
    if (!confirm(p.confirm(title))) return;
    await this.#sending.run(async () => {
      this.#incorporating = id;
      await call(api.incorporate, { params: { id }, body: {} });
      this.#sending.tell((t) => t.strategy.progress.incorporated(title));
      // Each incorporation saved a version of the strategy.
      this.renderRoot.querySelector<VersionsPanel>('fw-versions-panel')?.refresh();
      await this.#load();
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-strategy-page': StrategyPage;
  }
}
