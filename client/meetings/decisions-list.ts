import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { api } from '../../shared/api/endpoints';
import { seoulToday } from '../../shared/domain';
import type { ActionItemDone } from '../../shared/schemas/action-items';
import type { Decision } from '../../shared/schemas/meetings';
import { RefreshController } from '../components/refresh-controller';
import { call } from '../http/call';
import type { Catalogue } from '../i18n/catalogue';
import { LocaleController, type Locale } from '../i18n/i18n';
import { sharedStyles } from '../styles/shared-styles';
import { formatDay } from './format';
import { panelStyles } from './meeting-styles';

/** Styles of one decision or action item in a list (room, live view, home page). */
export const decisionStyles = css`
  .decisions {
    display: grid;
    gap: 10px;
  }
  .decision {
    padding: 10px 12px;
    border-left: 4px solid var(--fw-primary);
    border-radius: 0 8px 8px 0;
    background: var(--fw-primary-soft);
  }
  .decision.actionItem {
    border-left-color: var(--fw-away);
    background: #fff7e6;
  }
  .kind {
    font-size: 0.8125rem;
    font-weight: 800;
    color: var(--fw-primary-dark);
  }
  .actionItem .kind {
    color: var(--fw-away);
  }
  .text {
    white-space: pre-wrap;
  }
  .done {
    color: var(--fw-success);
    font-weight: 700;
  }
  .details {
    display: flex;
    flex-wrap: wrap;
    gap: 2px 12px;
    font-size: 0.875rem;
    color: var(--fw-text-muted);
  }
`;

/** One decision or action item: its kind, text, owner and due date, and where it was decided. */
export function decisionItem(t: Catalogue, locale: Locale, d: Decision, extra: unknown = nothing) {
  const m = t.meetings.decisions;
  return html`<li class="decision ${d.kind}" data-item=${d.id ?? nothing}>
    <p class="kind">${d.kind === 'decision' ? m.decision : m.actionItem}</p>
    <p class="text">${d.text}</p>
    <p class="details">
      ${d.kind === 'actionItem' ? html`<span>${d.owner ? m.owner(d.owner) : m.noOwner}</span>` : nothing}
      ${d.due ? html`<span>${m.due(formatDay(d.due, locale))}</span>` : nothing}
      ${d.section ? html`<span><span class="visually-hidden">${m.section}: </span>${d.section}</span>` : nothing}
      ${extra}
    </p>
  </li>`;
}

/** "결정 사항 · 후속 조치" of one meeting, as the minutes hold them now. */
@customElement('fw-decisions-list')
export class DecisionsList extends LitElement {
  static override styles = [sharedStyles, panelStyles, decisionStyles];

  @property({ attribute: false }) decisions: Decision[] = [];
  /** The meeting, to show which action items are done (kept beside the minutes). */
  @property({ attribute: 'meeting-id' }) meetingId = '';

  readonly #i18n = new LocaleController(this);
  /** Done action items by id; read again whenever the list of items changes. */
  readonly #done = new Task(this, {
    task: async ([meetingId]) => {
      if (!meetingId) return new Map<string, ActionItemDone>();
      const { items } = await call(api.meetingActionItems, { params: { id: meetingId } });
      return new Map(items.flatMap((i) => (i.done ? [[i.id, i.done] as const] : [])));
    },
    args: () => [this.meetingId, this.decisions.map((d) => `${d.id}:${d.ownerId}`).join(',')] as const,
  });
  constructor() {
    super();
    // Someone elsewhere (the owner, on their home page) may tick an item done.
    new RefreshController(this, () => void this.#done.run());
  }

  override render() {
    const { t, locale } = this.#i18n;
    const m = t.meetings.decisions;
    return html`<section class="panel" aria-labelledby="decisions-title">
      <header>
        <h2 id="decisions-title">${m.title}</h2>
        <span class="count">${this.decisions.length}</span>
      </header>
      ${this.decisions.length === 0
        ? html`<p class="muted">${m.empty}</p>`
        : html`<ol class="plain decisions">
            ${repeat(
              this.decisions,
              (d) => `${d.position}:${d.kind}`,
              (d) => decisionItem(t, locale, d, this.#doneNote(d)),
            )}
          </ol>`}
    </section>`;
  }

  #doneNote(d: Decision) {
    const done = d.id ? this.#done.value?.get(d.id) : undefined;
    if (!done) return nothing;
    const { t, locale } = this.#i18n;
    return html`<span class="done">${t.actionItems.doneOn(formatDay(seoulToday(new Date(done.at)), locale), done.by.name)}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-decisions-list': DecisionsList;
  }
}
