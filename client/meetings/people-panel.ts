import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { MeetingPresent, MeetingState } from '../../shared/schemas/meetings';
import type { Catalogue } from '../i18n/catalogue';
import { LocaleController } from '../i18n/i18n';
import { roleLabel } from '../i18n/labels';
import { sharedStyles } from '../styles/shared-styles';
import { panelStyles } from './meeting-styles';
import { presenceDotStyles } from '../presence/presence-styles';

/** Where in the room someone is (`agenda`, `minutes`, `proposal:12`, …), in words. */
export function whereLabel(t: Catalogue, location: string): string {
  const kind = location.split(':')[0] ?? location;
  const where = t.meetings.where;
  return kind in where ? where[kind as keyof typeof where] : location;
}

/**
 * "참석자": everyone in the room but observers (name, role, subcommittee, where,
 * idle, hand raised), and the audience count with observers.
 */
@customElement('fw-meeting-people')
export class MeetingPeople extends LitElement {
  static override styles = [
    sharedStyles,
    presenceDotStyles,
    panelStyles,
    css`
      li {
        display: grid;
        grid-template-columns: auto 1fr;
        column-gap: 10px;
        padding: 8px 0;
        border-top: 1px solid var(--fw-border);
      }
      .name {
        font-weight: 700;
      }
      .tags {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 8px;
        font-size: 0.8125rem;
      }
      .tag {
        font-weight: 700;
      }
      .tag.hand {
        color: #fff;
        background: var(--fw-away);
        border-radius: 999px;
        padding: 0 8px;
      }
      .tag.state {
        color: var(--fw-success);
      }
      .idle .tag.state {
        color: var(--fw-away);
      }
      .audience {
        margin-bottom: 6px;
      }
    `,
  ];

  @property({ attribute: false }) state: MeetingState | null = null;
  @property({ attribute: false }) userId = '';

  readonly #i18n = new LocaleController(this);

  override render() {
    const { t, locale } = this.#i18n;
    const p = t.meetings.people;
    const state = this.state;
    if (!state) return nothing;
    const present = [...state.present].sort(
      (a, b) => Number(b.handRaised) - Number(a.handRaised) || Number(a.idle) - Number(b.idle) || a.name.localeCompare(b.name, locale),
    );
    return html`<section class="panel" aria-labelledby="people-title">
      <header>
        <h2 id="people-title">${p.title}</h2>
        <span class="count">${present.length}</span>
      </header>
      ${state.audience ? html`<p class="audience meta">${p.audience(state.audience.observers, state.audience.total)}</p>` : nothing}
      ${present.length === 0
        ? html`<p class="muted">${p.empty}</p>`
        : html`<ul class="plain">
            ${repeat(present, (u) => u.userId, (u) => this.#person(t, u))}
          </ul>`}
    </section>`;
  }

  #person(t: Catalogue, u: MeetingPresent) {
    const p = t.meetings.people;
    return html`<li class=${u.idle ? 'idle' : 'active'}>
      <span class="dot" aria-hidden="true"></span>
      <div>
        <p class="name">${u.name}${u.userId === this.userId ? html` <span class="meta">(${p.you})</span>` : nothing}</p>
        <p class="meta">${roleLabel(t, u)}</p>
        <p class="tags">
          <span class="tag state">${u.idle ? p.idle : p.active}</span>
          <span>${whereLabel(t, u.location)}</span>
          ${u.handRaised ? html`<span class="tag hand">${p.handRaised}</span>` : nothing}
          ${u.following ? html`<span>${p.following}</span>` : nothing}
        </p>
      </div>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-meeting-people': MeetingPeople;
  }
}
