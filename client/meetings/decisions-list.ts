import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Decision } from '../../shared/schemas/meetings';
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
  return html`<li class="decision ${d.kind}">
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

  readonly #i18n = new LocaleController(this);

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
              (d) => decisionItem(t, locale, d),
            )}
          </ol>`}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-decisions-list': DecisionsList;
  }
}
