import { Task } from '@lit/task';
import type { Editor } from '@tiptap/core';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../shared/api/endpoints';
import { minutesTransition, type MinutesStatus } from '../../shared/meetings/state-machine';
import type { Meeting } from '../../shared/schemas/meetings';
import { actionItemAt, newActionItemId } from '../editor/extensions/action-item';
import { fieldValue, ImeSubmitGuard } from '../forms/ime-guard';
import { SubmitController } from '../forms/submit-controller';
import { call } from '../http/call';
import { formatDateTime } from '../i18n/format';
import { LocaleController } from '../i18n/i18n';
import { sharedStyles } from '../styles/shared-styles';
import { editorPanelStyles, minutesStatusBadge, panelStyles } from './meeting-styles';
import type { MeetingAbilities } from './permissions';
import { EditorRenderController } from '../editor/editor-render-controller';
import '../exports/export-buttons';

/** The owner picker's value for a name typed by hand. */
const OTHER = '__other__';

/**
 * "회의록": the live minutes (the page's `<fw-editor>`, slotted in as `editor`), the
 * owner and due date of the action item at the cursor, and for ministry staff the
 * workflow 초안 → 회람 중 → 확정 with who approved, when, and the hash of the text.
 */
@customElement('fw-minutes-panel')
export class MinutesPanel extends LitElement {
  static override styles = [
    sharedStyles,
    panelStyles,
    editorPanelStyles,
    css`
      .panel > header,
      .notices,
      .workflow,
      form.details {
        padding-left: 20px;
        padding-right: 20px;
      }
      .panel > header {
        padding-top: 16px;
        margin-bottom: 8px;
      }
      .notices {
        display: grid;
        gap: 8px;
        margin-bottom: 8px;
      }
      .notices:empty {
        display: none;
      }
      .workflow {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        align-items: center;
        margin-bottom: 10px;
      }
      .approval {
        display: grid;
        gap: 4px;
        padding: 10px 14px;
        margin: 0 20px 10px;
        border-radius: 8px;
        background: var(--fw-success-soft);
        color: var(--fw-success);
        font-weight: 600;
      }
      .hash {
        font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
        font-size: 0.8125rem;
        font-weight: 400;
        color: var(--fw-text);
        word-break: break-all;
      }
      form.details {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 12px;
        align-items: end;
        padding-top: 10px;
        padding-bottom: 10px;
        background: #fff7e6;
        border-top: 1px solid var(--fw-border);
        border-bottom: 1px solid var(--fw-border);
      }
      form.details .field {
        flex: 1 1 140px;
      }
      form.details input,
      form.details select {
        min-height: 40px;
        padding: 6px 10px;
      }
      fw-export-buttons.exports {
        padding: 0 20px 10px;
      }
      @media print {
        .workflow,
        form.details,
        .notices {
          display: none !important;
        }
      }
      form.details legend {
        font-weight: 700;
        font-size: 0.875rem;
        flex-basis: 100%;
      }
    `,
  ];

  @property({ attribute: false }) meeting: Meeting | null = null;
  @property({ attribute: false }) abilities: MeetingAbilities | null = null;
  /** The minutes' editor once open (for the action item's details). */
  @property({ attribute: false }) editor: Editor | null = null;
  /** No workflow buttons (the observers' live view). */
  @property({ type: Boolean, attribute: 'read-only' }) readOnly = false;
  /** "Someone else" chosen, or not, in the owner picker of this item (otherwise the item's own owner decides). */
  @state() private picked: { itemId: string | null; other: boolean } | null = null;

  readonly #i18n = new LocaleController(this);
  readonly #ime = new ImeSubmitGuard();
  readonly #sending = new SubmitController(this);
  /** Everyone with an account, to pick an action item's owner from (loaded once a writer opens the panel). */
  readonly #users = new Task(this, {
    task: async ([writes]) => (writes ? (await call(api.users)).users : []),
    args: () => [Boolean(this.abilities?.writeMinutes) && !this.readOnly] as const,
  });

  /** The scrolling box around the text (followers scroll it to the presenter's position). */
  get scroller(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.scroller');
  }

  constructor() {
    super();
    // The action item's details follow the cursor into and out of action items.
    new EditorRenderController(this, () => this.editor);
  }

  override render() {
    const { t } = this.#i18n;
    const mt = t.meetings.minutes;
    const m = this.meeting;
    if (!m) return nothing;
    const minutes = m.minutes;
    return html`<section class="panel" aria-labelledby="minutes-title">
      <header>
        <h2 id="minutes-title">${mt.title}</h2>
        ${minutesStatusBadge(t, minutes.status)}
      </header>
      <div class="notices">${this.#notices(m)}</div>
      ${this.readOnly ? nothing : this.#workflow(m)}
      ${minutes.status === 'approved' && minutes.approvedAt
        ? html`<div class="approval">
            <p>${mt.approvedBy(minutes.approvedBy?.name ?? '', formatDateTime(minutes.approvedAt, this.#i18n.locale))}</p>
            ${minutes.contentHash
              ? html`<p><span class="meta">${mt.hash}</span><br /><code class="hash">${minutes.contentHash}</code></p>`
              : nothing}
          </div>`
        : nothing}
      <fw-export-buttons
        class="exports"
        base=${`/api/exports/minutes/${encodeURIComponent(m.id)}`}
        note=${minutes.status === 'approved' ? '' : t.strategy.exports.draftNote}
      ></fw-export-buttons>
      ${this.#details()}
      <!-- a stop for the keyboard: read-only text has nothing focusable to scroll it by -->
      <div class="scroller" part="scroller" tabindex="0"><slot name="editor"></slot></div>
    </section>`;
  }

  #notices(m: Meeting) {
    const { t } = this.#i18n;
    const mt = t.meetings.minutes;
    const status = m.minutes.status;
    const info =
      status === 'approved' ? mt.locked
      : this.abilities?.writeMinutes ? null
      : status === 'circulated' && this.abilities?.commentMinutes ? mt.readOnlyCirculated
      : mt.readOnly;
    return html`<div role="status">${this.#sending.renderError(t)}${this.#sending.renderNotice(t)}</div>
      ${info ? html`<p class="message info">${info}</p>` : nothing}`;
  }

  #workflow(m: Meeting) {
    if (!this.abilities?.minutesStatus || m.minutes.status === 'approved') return nothing;
    const { t } = this.#i18n;
    const mt = t.meetings.minutes;
    const button = (to: MinutesStatus, label: string, primary: boolean) => {
      const allowed = minutesTransition(m.status, m.minutes.status, to).ok;
      return html`<button type="button" class=${primary ? 'small' : 'secondary small'} ?disabled=${this.#sending.busy || !allowed} @click=${() => this.#move(to)}>
        ${label}
      </button>`;
    };
    return html`<div class="workflow" role="group" aria-label=${mt.workflow}>
      ${m.minutes.status === 'draft' ? button('circulated', mt.circulate, true) : nothing}
      ${m.minutes.status === 'circulated' ? html`${button('approved', mt.approve, true)}${button('draft', mt.backToDraft, false)}` : nothing}
      ${m.status !== 'ended' ? html`<span class="meta">${mt.onlyAfterEnd}</span>` : nothing}
    </div>`;
  }

  /** Owner (a user, or a name typed for an outsider) and due date of the action item at the cursor, for those who write. */
  #details() {
    const editor = this.editor;
    if (this.readOnly || !editor?.isEditable) return nothing;
    const attrs = actionItemAt(editor);
    if (!attrs) return nothing;
    const f = this.#i18n.t.actionItems.form;
    const users = this.#users.value ?? [];
    const other = this.picked && this.picked.itemId === attrs.id ? this.picked.other : attrs.owner !== null && attrs.ownerId === null;
    const choice = other ? OTHER : (attrs.ownerId ?? '');
    return html`<form class="details" aria-label=${f.legend} @submit=${this.#applyDetails} @keydown=${this.#ime.keydown} @keyup=${this.#ime.keyup}>
      <div class="field">
        <label for="owner">${f.owner}</label>
        <select id="owner" name="ownerId" @change=${(e: Event) => (this.picked = { itemId: attrs.id, other: (e.target as HTMLSelectElement).value === OTHER })}>
          <option value="" ?selected=${choice === ''}>${f.ownerNone}</option>
          ${users.map((u) => html`<option value=${u.id} ?selected=${choice === u.id}>${u.name}</option>`)}
          <option value=${OTHER} ?selected=${choice === OTHER}>${f.ownerOther}</option>
        </select>
      </div>
      ${other
        ? html`<div class="field">
            <label for="owner-name">${f.ownerName}</label>
            <input id="owner-name" name="owner" maxlength="80" autocomplete="off" .value=${attrs.ownerId ? '' : (attrs.owner ?? '')} />
          </div>`
        : nothing}
      <div class="field">
        <label for="due">${f.due}</label>
        <input id="due" name="due" type="date" .value=${attrs.due ?? ''} />
      </div>
      <button type="submit" class="secondary small" ?disabled=${this.#sending.busy}>${f.apply}</button>
    </form>`;
  }

  /** Through the server when the item has its id (it writes the minutes and tells the new owner). */
  readonly #applyDetails = async (event: SubmitEvent) => {
    event.preventDefault();
    if (this.#ime.composing(event)) return;
    const editor = this.editor;
    const attrs = editor ? actionItemAt(editor) : null;
    const m = this.meeting;
    if (!editor || !attrs || !m) return;
    const form = new FormData(event.target as HTMLFormElement);
    const choice = fieldValue(form, 'ownerId');
    const name = fieldValue(form, 'owner');
    const due = fieldValue(form, 'due');
    const owner = choice === OTHER ? (name ? { name } : null) : choice ? { userId: choice } : null;
    if (!attrs.id) {
      const user = owner && 'userId' in owner ? this.#users.value?.find((u) => u.id === owner.userId) : undefined;
      editor.chain().setActionItemDetails({ id: newActionItemId(), owner: user?.name ?? name, ownerId: user?.id ?? null, due }).focus().run();
      return;
    }
    const itemId = attrs.id;
    await this.#sending.run(async () => {
      await call(api.assignActionItem, { params: { id: m.id, itemId }, body: { owner, due } });
      this.picked = null;
      this.#sending.tell((t) => t.actionItems.form.saved);
    });
  };

  /** The question before approving: the plain one, or the amendments still open on the agenda's proposals, listed. */
  async #approvalQuestion(meetingId: string): Promise<string> {
    const { amendments } = await call(api.meetingOpenAmendments, { params: { id: meetingId } });
    const mt = this.#i18n.t.meetings.minutes;
    if (amendments.length === 0) return mt.confirmApprove;
    const list = amendments.map((a) => mt.openAmendment(a.proposalTitle, a.quote, a.text, a.author)).join('\n');
    return mt.confirmApproveOpenAmendments(list, amendments.length);
  }

  async #move(to: MinutesStatus): Promise<void> {
    const m = this.meeting;
    if (!m) return;
    await this.#sending.run(async () => {
      if (to === 'approved' && !confirm(await this.#approvalQuestion(m.id))) return;
      const { minutes } = await call(api.minutesStatus, { params: { id: m.id }, body: { to } });
      this.meeting = { ...m, minutes };
      this.#sending.tell((t) => t.meetings.minutes.moved(t.meetings.minutesStatuses[minutes.status]));
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-minutes-panel': MinutesPanel;
  }
}
