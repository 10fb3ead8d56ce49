import { Task } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Node as ProseNode, Schema } from '@tiptap/pm/model';
import type * as Y from 'yjs';
import type { CallOutput } from '../../shared/api/endpoint';
import { api } from '../../shared/api/endpoints';
import { proseStyles } from '../editor/editor-styles';
import { editorSchema } from '../editor/extensions';
import { strategySchema } from '../editor/extensions/incorporation';
import { docFromBase64, proseOf, renderProse } from '../editor/render-version';
import { fieldValue, ImeSubmitGuard } from '../forms/ime-guard';
import { SubmitController } from '../forms/submit-controller';
import { call, errorMessage, said } from '../http/call';
import { formatDateTime } from '../i18n/format';
import { LocaleController } from '../i18n/i18n';
import { sharedStyles } from '../styles/shared-styles';
import { versionsPanelStyles } from './versions-panel-styles';
import { blocksOf, diffBlocks, type Block, type BlockChange } from './block-diff';
import type { Said } from '../i18n/said';
import { versionLabel } from './version-label';

type Version = CallOutput<typeof api.proposalVersions>['versions'][number];

/** Where a panel's versions come from: a proposal's text or the strategy's, through the same four calls. */
export interface VersionSource {
  /** Names the text; the list loads again when it changes. */
  readonly key: string;
  /** The schema of the text (it must know every node the text holds). */
  schema(): Schema;
  list(): Promise<readonly Version[]>;
  save(label: string): Promise<Version>;
  /** The version's Yjs state, base64. */
  state(versionId: string): Promise<string>;
  restore(versionId: string): Promise<void>;
}

/** A proposal's versions. */
export const proposalVersionSource = (id: string): VersionSource => ({
  key: `proposal:${id}`,
  schema: editorSchema,
  list: async () => (await call(api.proposalVersions, { params: { id } })).versions,
  save: async (label) => (await call(api.createProposalVersion, { params: { id }, body: { label } })).version,
  state: async (versionId) => (await call(api.proposalVersion, { params: { id, versionId } })).version.state,
  restore: async (versionId) => void (await call(api.restoreProposalVersion, { params: { id, versionId } })),
});

/** The strategy's versions. */
export const strategyVersionSource: VersionSource = {
  key: 'strategy',
  schema: strategySchema,
  list: async () => (await call(api.strategyVersions, {})).versions,
  save: async (label) => (await call(api.createStrategyVersion, { body: { label } })).version,
  state: async (versionId) => (await call(api.strategyVersion, { params: { versionId } })).version.state,
  restore: async (versionId) => void (await call(api.restoreStrategyVersion, { params: { versionId } })),
};

interface Opened {
  version: Version;
  /** The version's text, once fetched. */
  node: ProseNode | null;
  error: Said | null;
  tab: 'content' | 'changes';
  confirming: boolean;
  restoring: boolean;
}

/** Fired (bubbling, composed) after a version was restored. */
export const versionRestoredEvent = 'fw-version-restored';

/**
 * Named versions of a text (a proposal's, the strategy's): save one with a label, view one
 * read-only, see what changed since (paragraph by paragraph, against the live text), restore one.
 */
@customElement('fw-versions-panel')
export class VersionsPanel extends LitElement {
  static override styles = [sharedStyles, proseStyles, versionsPanelStyles];

  @property({ attribute: false }) source: VersionSource | null = null;
  /** Whether this person may save and restore (they write the text). */
  @property({ type: Boolean }) canSave = false;
  /** The live document, to compare a version with. */
  @property({ attribute: false }) doc: Y.Doc | null = null;

  @state() private opened: Opened | null = null;

  readonly #i18n = new LocaleController(this);
  readonly #ime = new ImeSubmitGuard();
  /** Saving a version; its status region also says that one was restored (the dialog keeps its own failure). */
  readonly #saving = new SubmitController(this);
  readonly #versions = new Task(this, {
    task: async ([key]) => (key && this.source ? this.source.list() : []),
    args: () => [this.source?.key] as const,
  });

  /** Lists the versions again (after a status change took a snapshot). */
  refresh(): void {
    void this.#versions.run();
  }

  override render() {
    const { t } = this.#i18n;
    return html`
      ${this.canSave ? this.#renderSave() : nothing}
      <div role="status">${this.#saving.renderError(t)}${this.#saving.renderNotice(t)}</div>
      ${this.#versions.render({
        pending: () => (this.#versions.value ? this.#renderList(this.#versions.value) : html`<p class="muted">${t.app.loading}</p>`),
        error: (error) => html`<p class="message error" role="alert">${errorMessage(error, t.app.networkError)}</p>`,
        complete: (versions) => this.#renderList(versions),
      })}
      <dialog @close=${() => (this.opened = null)} aria-labelledby="version-title">${this.opened ? this.#renderDialog(this.opened) : nothing}</dialog>
    `;
  }

  #renderSave() {
    const { t } = this.#i18n;
    return html`<form class="save" @submit=${this.#save} @keydown=${this.#ime.keydown} @keyup=${this.#ime.keyup}>
      <label for="version-label">${t.proposals.versions.label}</label>
      <div class="row">
        <input id="version-label" name="label" required maxlength="100" autocomplete="off" placeholder=${t.proposals.versions.labelHint} />
        <button type="submit" ?disabled=${this.#saving.busy}>${t.proposals.versions.save}</button>
      </div>
    </form>`;
  }

  #renderList(versions: readonly Version[]) {
    const { t, locale } = this.#i18n;
    if (versions.length === 0) return html`<p class="muted">${t.proposals.versions.empty}</p>`;
    return html`<ol aria-label=${t.proposals.detail.tabs.versions}>
      ${repeat(
        versions,
        (v) => v.id,
        (v) => html`<li>
          <div>
            <p class="label">${versionLabel(t, v.label)}</p>
            <p class="by">${v.createdByName ?? t.proposals.versions.system} · <time datetime=${v.createdAt}>${formatDateTime(v.createdAt, locale)}</time></p>
          </div>
          <button type="button" class="secondary" aria-label=${`${t.proposals.versions.view}: ${versionLabel(t, v.label)}`} @click=${() => this.#open(v)}>
            ${t.proposals.versions.view}
          </button>
        </li>`,
      )}
    </ol>`;
  }

  #renderDialog(opened: Opened) {
    const { t, locale } = this.#i18n;
    const v = t.proposals.versions;
    return html`<div class="dialog">
      <header>
        <div>
          <h2 id="version-title">${v.dialogTitle(versionLabel(t, opened.version.label))}</h2>
          <p class="muted">${opened.version.createdByName ?? v.system} · ${formatDateTime(opened.version.createdAt, locale)}</p>
        </div>
        <button type="button" class="secondary" @click=${this.#close}>${v.close}</button>
      </header>
      <div class="tabs">
        <button type="button" aria-pressed=${String(opened.tab === 'content')} @click=${() => this.#setTab('content')}>${v.content}</button>
        <button type="button" aria-pressed=${String(opened.tab === 'changes')} @click=${() => this.#setTab('changes')}>${v.changes}</button>
      </div>
      <div class="scroll">
        ${opened.error
          ? html`<p class="message error" role="alert">${opened.error(t)}</p>`
          : !opened.node
            ? html`<p class="muted diff">${t.app.loading}</p>`
            : opened.tab === 'content'
              ? html`<div class="fw-prose" data-version-content>${renderProse(opened.node)}</div>`
              : this.#renderChanges(opened.node)}
      </div>
      ${this.canSave && opened.node ? this.#renderRestore(opened) : nothing}
    </div>`;
  }

  #renderChanges(node: ProseNode) {
    const { t } = this.#i18n;
    if (!this.doc) return nothing;
    const changes = diffBlocks(blocksOf(node), blocksOf(proseOf(this.doc, node.type.schema)));
    const changed = changes.some((c) => c.op !== 'same');
    return html`<div class="diff" data-version-changes>
      <p class="intro">${changed ? t.proposals.versions.changesIntro : t.proposals.versions.noChanges}</p>
      ${changes.map((c) => this.#renderChange(c))}
    </div>`;
  }

  #renderChange(change: BlockChange) {
    const { t } = this.#i18n;
    const op = change.op === 'added' ? t.proposals.versions.added : change.op === 'removed' ? t.proposals.versions.removed : '';
    return html`<div class="change ${change.op}">
      <span class="op">${op}</span>
      <span class="text ${change.block.kind}">${blockText(change.block)}</span>
    </div>`;
  }

  #renderRestore(opened: Opened) {
    const v = this.#i18n.t.proposals.versions;
    if (!opened.confirming) {
      return html`<footer><button type="button" class="secondary" @click=${() => this.#patch({ confirming: true })}>${v.restore}</button></footer>`;
    }
    return html`<footer role="alertdialog" aria-label=${v.restore}>
      <p>${v.restoreConfirm(versionLabel(this.#i18n.t, opened.version.label))}</p>
      <button type="button" class="secondary" @click=${() => this.#patch({ confirming: false })}>${this.#i18n.t.proposals.detail.cancel}</button>
      <button type="button" class="danger" ?disabled=${opened.restoring} @click=${this.#restore}>${v.restoreDo}</button>
    </footer>`;
  }

  async #save(event: SubmitEvent) {
    event.preventDefault();
    if (this.#ime.composing(event)) return;
    const form = event.target as HTMLFormElement;
    const label = fieldValue(new FormData(form), 'label');
    if (!label) return;
    await this.#saving.run(async () => {
      if (!this.source) return;
      const version = await this.source.save(label);
      form.reset();
      this.#saving.tell((t) => t.proposals.versions.saved(versionLabel(t, version.label)));
      this.refresh();
    });
  }

  async #open(version: Version) {
    this.opened = { version, node: null, error: null, tab: 'content', confirming: false, restoring: false };
    await this.updateComplete;
    this.renderRoot.querySelector('dialog')?.showModal();
    try {
      if (!this.source) return;
      const doc = docFromBase64(await this.source.state(version.id));
      const node = proseOf(doc, this.source.schema());
      doc.destroy();
      if (this.opened?.version.id === version.id) this.#patch({ node });
    } catch (error) {
      if (this.opened?.version.id === version.id) this.#patch({ error: said(error) });
    }
  }

  #setTab(tab: Opened['tab']): void {
    this.#patch({ tab });
  }

  #patch(change: Partial<Opened>): void {
    if (this.opened) this.opened = { ...this.opened, ...change };
  }

  readonly #close = () => {
    this.renderRoot.querySelector('dialog')?.close();
  };

  readonly #restore = async () => {
    const opened = this.opened;
    if (!opened) return;
    this.#patch({ restoring: true });
    try {
      await this.source?.restore(opened.version.id);
      this.#saving.tell((t) => t.proposals.versions.restored(versionLabel(t, opened.version.label)));
      this.#close();
      this.refresh();
      this.dispatchEvent(new CustomEvent(versionRestoredEvent, { bubbles: true, composed: true }));
    } catch (error) {
      this.#patch({ restoring: false, error: said(error) });
    }
  };
}

function blockText(block: Block): string {
  return block.kind === 'listItem' ? `• ${block.text}` : block.text;
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-versions-panel': VersionsPanel;
  }
}
