import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { api } from '../../shared/api/endpoints';
import { seoulToday } from '../../shared/domain';
import type { ActionItem } from '../../shared/schemas/action-items';
import { RefreshController } from '../components/refresh-controller';
import { call, errorMessage } from '../http/call';
import { LocaleController } from '../i18n/i18n';
import { formatDay } from '../meetings/format';
import { panelStyles } from '../meetings/meeting-styles';
import { meetingPath } from '../meetings/paths';
import { sharedStyles } from '../styles/shared-styles';

/** Styles of one action item with its done box (home page, meeting room). */
export const actionItemStyles = css`
  .items {
    display: grid;
    gap: 10px;
  }
  .item {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: 4px 12px;
    align-items: start;
    padding: 10px 12px;
    border-left: 4px solid var(--fw-away);
    border-radius: 0 8px 8px 0;
    background: #fff7e6;
  }
  .item.overdue {
    border-left-color: var(--fw-danger);
    background: var(--fw-danger-soft);
  }
  .item.done {
    border-left-color: var(--fw-success);
    background: var(--fw-surface);
  }
  .item.done .text {
    color: var(--fw-text-muted);
    text-decoration: line-through;
  }
  .item input[type='checkbox'] {
    width: 22px;
    height: 22px;
    margin: 2px 0 0;
    accent-color: var(--fw-success);
  }
  .text {
    white-space: pre-wrap;
    font-weight: 600;
  }
  .details {
    grid-column: 2;
    display: flex;
    flex-wrap: wrap;
    gap: 2px 12px;
    font-size: 0.875rem;
    color: var(--fw-text-muted);
  }
  .flag {
    color: #fff;
    background: var(--fw-danger);
    border-radius: 999px;
    padding: 0 8px;
    font-weight: 700;
  }
  .overdue .due {
    color: var(--fw-danger);
    font-weight: 700;
  }
`;

/**
 * "내 후속 조치": the action items whose owner is the signed-in person, overdue ones on top
 * and marked, each with a box to mark it done (GET /api/action-items/mine).
 */
@customElement('fw-my-action-items')
export class MyActionItems extends LitElement {
  static override styles = [
    sharedStyles,
    panelStyles,
    actionItemStyles,
    css`
      :host {
        display: block;
        margin-bottom: 32px;
      }
      .panel {
        padding: 22px 24px;
      }
      details {
        margin-top: 12px;
      }
      summary {
        cursor: pointer;
        font-weight: 600;
        min-height: 36px;
      }
    `,
  ];

  @state() private error: string | null = null;
  @state() private busy = new Set<string>();

  readonly #i18n = new LocaleController(this);
  readonly #items = new Task(this, { task: async () => (await call(api.myActionItems)).items, args: () => [] });

  constructor() {
    super();
    new RefreshController(this, () => void this.#items.run());
  }

  override render() {
    const { t } = this.#i18n;
    const a = t.actionItems;
    return html`<section class="panel" aria-labelledby="my-action-items-title">
      <header>
        <h2 id="my-action-items-title">${a.mine.title}</h2>
        ${this.#items.value ? html`<span class="count">${this.#items.value.filter((i) => !i.done).length}</span>` : nothing}
      </header>
      <div role="alert">${this.error ? html`<p class="message error">${this.error}</p>` : nothing}</div>
      ${this.#items.render({
        initial: () => html`<p class="muted" role="status">${t.app.loading}</p>`,
        pending: () => (this.#items.value ? this.#list(this.#items.value) : html`<p class="muted" role="status">${t.app.loading}</p>`),
        error: (error) => html`<p class="message error" role="alert">${t.app.loadFailed} ${errorMessage(error, t.app.networkError)}</p>`,
        complete: (items) => this.#list(items),
      })}
    </section>`;
  }

  #list(items: ActionItem[]) {
    const a = this.#i18n.t.actionItems;
    if (items.length === 0) return html`<p class="muted">${a.mine.empty}</p>`;
    const open = items.filter((i) => !i.done);
    const done = items.filter((i) => i.done);
    return html`${open.length > 0 ? html`<ul class="plain items">${repeat(open, key, (i) => this.#item(i))}</ul>` : nothing}
    ${done.length > 0
      ? html`<details>
          <summary>${a.mine.doneTitle(done.length)}</summary>
          <ul class="plain items">${repeat(done, key, (i) => this.#item(i))}</ul>
        </details>`
      : nothing}`;
  }

  #item(i: ActionItem) {
    const { t, locale } = this.#i18n;
    const a = t.actionItems;
    const state = i.done ? 'done' : i.overdue ? 'overdue' : 'open';
    return html`<li class="item ${state}" data-item=${i.id}>
      <input
        type="checkbox"
        .checked=${Boolean(i.done)}
        ?disabled=${this.busy.has(key(i))}
        aria-label=${a.doneLabel(i.text)}
        @change=${(e: Event) => this.#toggle(i, (e.target as HTMLInputElement).checked)}
      />
      <p class="text">${i.text}</p>
      <p class="details">
        ${i.overdue ? html`<span class="flag">${a.overdue}</span>` : nothing}
        <span class="due">${i.due ? a.due(formatDay(i.due, locale)) : a.noDue}</span>
        ${i.done ? html`<span>${a.doneOn(formatDay(seoulToday(new Date(i.done.at)), locale), i.done.by.name)}</span>` : nothing}
        <a href=${meetingPath(i.meetingId)}><span class="visually-hidden">${a.mine.from}: </span>${i.meetingTitle}</a>
        ${i.section ? html`<span>${i.section}</span>` : nothing}
      </p>
    </li>`;
  }

  async #toggle(i: ActionItem, done: boolean): Promise<void> {
    const k = key(i);
    this.busy = new Set(this.busy).add(k);
    this.error = null;
    try {
      await call(api.actionItemDone, { params: { id: i.meetingId, itemId: i.id }, body: { done } });
      await this.#items.run();
    } catch (error) {
      this.error = errorMessage(error, this.#i18n.t.app.networkError);
      this.requestUpdate();
    } finally {
      const next = new Set(this.busy);
      next.delete(k);
      this.busy = next;
    }
  }
}

const key = (i: ActionItem) => `${i.meetingId}:${i.id}`;

declare global {
  interface HTMLElementTagNameMap {
    'fw-my-action-items': MyActionItems;
  }
}
