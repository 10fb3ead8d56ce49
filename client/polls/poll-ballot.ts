import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { PollView } from '../../shared/schemas/polls';
import { LocaleController } from '../i18n/i18n';
import { sharedStyles } from '../styles/shared-styles';
import { optionLabel } from './poll-format';

/** Fired (bubbling, composed) when the voter casts: `detail.choices` are option ids. */
export const castEvent = 'fw-poll-cast';
export type CastDetail = { choices: string[] };

let nextId = 0;

/**
 * One ballot: a radio group for yes/no/abstain and single choice (arrow keys
 * choose, Enter or Space casts, one click casts), a checkbox group with a
 * button for multiple choice. It casts nothing itself: it fires `fw-poll-cast`.
 */
@customElement('fw-poll-ballot')
export class PollBallot extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      fieldset {
        margin: 0;
        padding: 0;
        border: 0;
        min-width: 0;
      }
      .legend {
        display: block;
        font-weight: 700;
        color: var(--fw-heading);
        margin-bottom: 4px;
        padding: 0;
      }
      .hint {
        margin-bottom: 10px;
      }
      .options {
        display: flex;
        flex-wrap: wrap;
        gap: 10px;
      }
      .options button {
        min-width: 120px;
        min-height: 56px;
        font-size: 1.125rem;
        background: var(--fw-surface);
        color: var(--fw-heading);
        border: 2px solid var(--fw-border-strong);
      }
      .options button:hover:not([aria-disabled='true']) {
        background: var(--fw-primary-soft);
        color: var(--fw-primary-dark);
        border-color: var(--fw-primary);
      }
      .options button[aria-checked='true'] {
        background: var(--fw-primary);
        border-color: var(--fw-primary-dark);
        color: #fff;
      }
      .options button[aria-disabled='true'] {
        cursor: default;
      }
      .options button[aria-disabled='true']:not([aria-checked='true']) {
        color: var(--fw-text-muted);
        border-color: var(--fw-border);
      }
      .tick {
        font-weight: 800;
      }
      .checks {
        display: grid;
        gap: 8px;
        margin-bottom: 12px;
      }
      .checks label {
        display: flex;
        align-items: center;
        gap: 10px;
        min-height: 44px;
        padding: 6px 12px;
        border: 1px solid var(--fw-border-strong);
        border-radius: var(--fw-radius);
        background: var(--fw-surface);
        font-weight: 600;
      }
      .checks input {
        width: 22px;
        min-height: 22px;
        height: 22px;
        margin: 0;
      }
    `,
  ];

  @property({ attribute: false }) poll: PollView | null = null;
  /** The group's name: "내 투표", or "○○ 위원장 대리 투표". */
  @property() label = '';
  /** The voter's earlier choices (named polls), shown as chosen. */
  @property({ attribute: false }) previous: string[] | null = null;
  @property({ type: Boolean }) voted = false;
  @property({ type: Boolean }) busy = false;
  @property({ type: Boolean }) disabled = false;

  @state() private selected: string[] = [];

  readonly #i18n = new LocaleController(this);
  readonly #id = `ballot-${++nextId}`;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('previous') || (changed.has('poll') && changed.get('poll')?.id !== this.poll?.id)) {
      this.selected = this.previous ? [...this.previous] : [];
    }
  }

  /** Puts keyboard focus on the ballot: the chosen (or first) option. */
  async focusFirst(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[role="radio"][tabindex="0"], input[type="checkbox"]')?.focus();
  }

  /** Nothing more can be cast from here: voted (and no change allowed), busy, or not allowed now. */
  get #locked(): boolean {
    return this.disabled || this.busy || !this.poll || this.poll.status !== 'open' || (this.voted && !this.poll.allowChange);
  }

  override render() {
    const poll = this.poll;
    if (!poll) return nothing;
    return poll.kind === 'multiple' ? this.#renderChecks(poll) : this.#renderRadios(poll);
  }

  #renderRadios(poll: PollView) {
    const { t } = this.#i18n;
    const locked = this.#locked;
    const current = this.selected[0] ?? null;
    const focusable = current ?? poll.options[0]?.id;
    return html`<div>
      <p class="legend" id=${`${this.#id}-label`}>${this.label}</p>
      <p class="hint" id=${`${this.#id}-hint`}>${t.polls.vote.keyboardHint}</p>
      <div
        class="options"
        role="radiogroup"
        aria-labelledby=${`${this.#id}-label`}
        aria-describedby=${`${this.#id}-hint`}
        aria-disabled=${locked ? 'true' : 'false'}
        @keydown=${this.#radioKeydown}
      >
        ${poll.options.map(
          (option) => html`<button
            type="button"
            role="radio"
            data-option=${option.id}
            aria-checked=${current === option.id ? 'true' : 'false'}
            aria-disabled=${locked ? 'true' : 'false'}
            tabindex=${option.id === focusable ? 0 : -1}
            @click=${() => this.#clickOption(option.id)}
          >
            ${current === option.id ? html`<span class="tick" aria-hidden="true">✓</span>` : nothing}${optionLabel(t, poll, option.id)}
          </button>`,
        )}
      </div>
    </div>`;
  }

  #renderChecks(poll: PollView) {
    const { t } = this.#i18n;
    const locked = this.#locked;
    const full = this.selected.length >= poll.maxChoices;
    return html`<fieldset @keydown=${this.#checksKeydown}>
      <legend class="legend">${this.label}</legend>
      <p class="hint">${t.polls.vote.multipleHint(poll.maxChoices)}</p>
      <div class="checks">
        ${poll.options.map((option) => {
          const checked = this.selected.includes(option.id);
          return html`<label>
            <input
              type="checkbox"
              .checked=${checked}
              ?disabled=${locked || (full && !checked)}
              @change=${(event: Event) => this.#toggle(option.id, (event.target as HTMLInputElement).checked)}
            />
            ${optionLabel(t, poll, option.id)}
          </label>`;
        })}
      </div>
      <button type="button" ?disabled=${locked || this.selected.length === 0} @click=${this.#castSelected}>
        ${this.busy ? t.polls.vote.sending : t.polls.vote.submit}
      </button>
    </fieldset>`;
  }

  #clickOption(id: string) {
    if (this.#locked) return;
    this.selected = [id];
    this.#cast([id]);
  }

  readonly #radioKeydown = (event: KeyboardEvent) => {
    const poll = this.poll;
    if (!poll || event.isComposing) return;
    const ids = poll.options.map((o) => o.id);
    // Moves start from the focused option (before any is chosen, focus is on the first).
    const focused = (event.composedPath()[0] as HTMLElement | undefined)?.dataset?.option;
    const from = ids.indexOf(focused ?? this.selected[0] ?? '');
    let next: string | undefined;
    switch (event.key) {
      case 'ArrowRight':
      case 'ArrowDown':
        next = ids[(from + 1) % ids.length];
        break;
      case 'ArrowLeft':
      case 'ArrowUp':
        next = ids[(Math.max(from, 0) - 1 + ids.length) % ids.length];
        break;
      case 'Home':
        next = ids[0];
        break;
      case 'End':
        next = ids[ids.length - 1];
        break;
      case 'Enter':
      case ' ': {
        event.preventDefault();
        // The focused option is the one cast (Space or Enter on an unchosen option chooses it).
        const choice = focused ?? this.selected[0];
        if (choice && !this.#locked) {
          this.selected = [choice];
          this.#cast([choice]);
        }
        return;
      }
      default:
        return;
    }
    event.preventDefault();
    if (!next) return;
    // Once the ballot is final, arrows only move focus, so that the options can still be read.
    if (!this.#locked) this.selected = [next];
    void this.#focusOption(next);
  };

  async #focusOption(id: string) {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-option="${CSS.escape(id)}"]`)?.focus();
  }

  #toggle(id: string, checked: boolean) {
    this.selected = checked ? [...this.selected.filter((c) => c !== id), id] : this.selected.filter((c) => c !== id);
  }

  readonly #checksKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.isComposing) return;
    if ((event.composedPath()[0] as HTMLElement | undefined)?.tagName !== 'INPUT') return;
    event.preventDefault();
    this.#castSelected();
  };

  readonly #castSelected = () => {
    if (this.#locked || this.selected.length === 0) return;
    const order = this.poll?.options.map((o) => o.id) ?? [];
    this.#cast(order.filter((id) => this.selected.includes(id)));
  };

  #cast(choices: string[]) {
    this.dispatchEvent(new CustomEvent<CastDetail>(castEvent, { detail: { choices }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-poll-ballot': PollBallot;
  }
}
