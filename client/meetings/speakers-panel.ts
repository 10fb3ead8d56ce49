import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { elapsedMs, isLive } from '../../shared/meetings/state-machine';
import type { Ack } from '../../shared/realtime/ack';
import type { MeetingState } from '../../shared/schemas/meetings';
import { SubmitController, type Submitted } from '../forms/submit-controller';
import { LocaleController } from '../i18n/i18n';
import { sharedStyles } from '../styles/shared-styles';
import { saidAck } from './ack-message';
import { formatClock, formatDuration } from './format';
import type { MeetingController } from './meeting-controller';
import { panelStyles } from './meeting-styles';
import type { MeetingAbilities } from './permissions';
import { TickController } from '../components/tick-controller';

/**
 * "발언": raise and lower one's hand, the queue in order, and for those who run the
 * meeting "발언권 부여"; the current speaker with a running time.
 */
@customElement('fw-speakers-panel')
export class SpeakersPanel extends LitElement {
  static override styles = [
    sharedStyles,
    panelStyles,
    css`
      .current {
        display: grid;
        gap: 6px;
        padding: 12px 14px;
        border-radius: 10px;
        background: var(--fw-bg);
        margin-bottom: 14px;
      }
      .current.speaking {
        background: #e9f7ef;
        border: 1px solid #9fd3b4;
      }
      .current .who {
        font-size: 1.125rem;
        font-weight: 800;
      }
      .current .timer {
        font-size: 1.375rem;
      }
      .mine {
        margin-bottom: 14px;
      }
      h3 {
        margin-bottom: 8px;
      }
      ol.queue li {
        display: grid;
        gap: 6px;
        padding: 8px 0;
        border-top: 1px solid var(--fw-border);
      }
      ol.queue li.me .name {
        font-weight: 800;
      }
      .pos {
        display: inline-block;
        min-width: 1.8em;
        font-weight: 800;
        color: var(--fw-primary-dark);
      }
    `,
  ];

  @property({ attribute: false }) state: MeetingState | null = null;
  @property({ attribute: false }) room: MeetingController | null = null;
  @property({ attribute: false }) abilities: MeetingAbilities | null = null;
  @property({ attribute: false }) userId = '';

  readonly #i18n = new LocaleController(this);
  readonly #sending = new SubmitController(this);
  constructor() {
    super();
    new TickController(this, () => Boolean(this.state?.speakers.current));
  }

  override render() {
    const { t } = this.#i18n;
    const s = t.meetings.speakers;
    const state = this.state;
    if (!state) return nothing;
    const live = isLive(state.meeting.status);
    const { queue, current } = state.speakers;
    const runs = Boolean(this.abilities?.run) && live;
    const mine = queue.findIndex((q) => q.userId === this.userId);
    const { busy } = this.#sending;
    return html`<section class="panel" aria-labelledby="speakers-title">
      <header><h2 id="speakers-title">${s.title}</h2></header>
      <div class="current ${current ? 'speaking' : ''}">
        <p class="meta">${s.current}</p>
        ${current
          ? html`<p class="who">${current.name}${current.userId === this.userId ? html` <span class="meta">(${s.you})</span>` : nothing}</p>
              <p>
                <span class="visually-hidden">${t.meetings.projector.elapsed}</span>
                <span class="timer">${formatDuration(elapsedMs(current.since, Date.now(), this.room?.offsetMs ?? 0))}</span>
                <span class="meta">· ${s.since(formatClock(current.since, this.#i18n.locale))}</span>
              </p>
              ${runs || current.userId === this.userId
                ? html`<div class="actions">
                    <button type="button" class="secondary small" ?disabled=${busy} @click=${() => this.#act(() => this.room!.endFloor())}>
                      ${s.endFloor}
                    </button>
                  </div>`
                : nothing}`
          : html`<p>${s.none}</p>`}
      </div>
      ${this.abilities?.participate && live
        ? html`<div class="mine actions">
            ${mine >= 0
              ? html`<button type="button" class="secondary" ?disabled=${busy} @click=${() => this.#act(() => this.room!.lowerHand())}>
                  ${s.lower}
                </button>`
              : html`<button type="button" ?disabled=${busy} @click=${this.#raise}>${s.raise}</button>`}
          </div>`
        : nothing}
      <div role="status" aria-live="polite">
        ${this.#sending.renderError(t)}${this.#sending.renderNotice(t)}
      </div>
      <h3 id="queue-title">${s.queue} <span class="count">${queue.length}</span></h3>
      ${queue.length === 0
        ? html`<p class="muted">${s.queueEmpty}</p>`
        : html`<ol class="plain queue" aria-labelledby="queue-title">
            ${repeat(
              queue,
              (q) => q.userId,
              (q, i) => html`<li class=${q.userId === this.userId ? 'me' : ''}>
                <span><span class="pos">${i + 1}.</span><span class="name">${q.name}</span>${q.userId === this.userId
                    ? html` <span class="meta">(${s.you})</span>`
                    : nothing}</span>
                ${runs
                  ? html`<span class="actions">
                      <button type="button" class="small" aria-label=${s.giveTo(q.name)} ?disabled=${busy} @click=${() => this.#act(() => this.room!.giveFloor(q.userId))}>
                        ${s.give}
                      </button>
                      ${q.userId === this.userId
                        ? nothing
                        : html`<button type="button" class="secondary small" aria-label=${s.lowerOf(q.name)} ?disabled=${busy} @click=${() => this.#act(() => this.room!.lowerHand(q.userId))}>
                            ${s.lower}
                          </button>`}
                    </span>`
                  : nothing}
              </li>`,
            )}
          </ol>`}
    </section>`;
  }

  readonly #raise = async () => {
    const raised = await this.#act(() => this.room!.raiseHand());
    if (raised.kind !== 'done') return;
    const { position } = raised.value;
    this.#sending.tell((t) => t.meetings.speakers.raised(position));
  };

  async #act<T extends object>(action: () => Promise<Ack<T>>): Promise<Submitted<{ ok: true } & T>> {
    if (!this.room) return { kind: 'ignored' };
    return this.#sending.ask(action, saidAck);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-speakers-panel': SpeakersPanel;
  }
}
