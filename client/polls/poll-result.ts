import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { PollDecision, PollResult, PollView } from '../../shared/schemas/polls';
import type { Catalogue } from '../i18n/catalogue';
import { LocaleController } from '../i18n/i18n';
import { sharedStyles } from '../styles/shared-styles';
import { pollStyles } from './poll-styles';
import { marksNeeded, optionLabel, percent } from './poll-format';

/**
 * A poll's counts as horizontal bars, each with its label and its value in text
 * (the bars are decoration; nothing is said by colour alone), and, once closed,
 * the result: passed or not, turnout, quorum, the rule's threshold and why it
 * failed. `size="large"` for the projector.
 */
@customElement('fw-poll-result')
export class PollResultChart extends LitElement {
  static override styles = [
    sharedStyles,
    pollStyles,
    css`
      :host {
        --bar-height: 14px;
        --bar-font: 1rem;
      }
      :host([size='large']) {
        --bar-height: 40px;
        --bar-font: 2rem;
      }
      figure {
        margin: 0;
      }
      /* On the projector the chart stands beside the verdict and the facts, so a result fits one 16:9 screen. */
      :host([size='large']) .layout.with-result {
        display: grid;
        grid-template-columns: minmax(0, 1.3fr) minmax(0, 1fr);
        column-gap: 3vw;
        align-items: start;
      }
      :host([size='large']) .with-result .verdict {
        margin-top: 0;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .bars {
        display: grid;
        gap: 10px;
      }
      .bars li {
        display: grid;
        grid-template-columns: minmax(5em, max-content) minmax(0, 1fr) minmax(6.5em, max-content);
        align-items: center;
        gap: 12px;
        font-size: var(--bar-font);
      }
      .label {
        font-weight: 700;
        overflow-wrap: anywhere;
      }
      .mark {
        margin-left: 6px;
        font-size: 0.8em;
        font-weight: 600;
        color: var(--fw-text-muted);
      }
      .track {
        display: block;
        height: var(--bar-height);
        border-radius: 4px;
        background: var(--fw-bg);
        border: 1px solid var(--fw-border);
        overflow: hidden;
      }
      .fill {
        display: block;
        height: 100%;
        background: var(--fw-primary);
        transition: width 0.3s ease;
      }
      .opt-yes .fill {
        background: #15803d;
      }
      /* No and abstain carry a pattern as well as a colour. */
      .opt-no .fill {
        background: repeating-linear-gradient(135deg, #b42318 0 6px, #d4574c 6px 10px);
      }
      .opt-abstain .fill {
        background: repeating-linear-gradient(90deg, #6b7280 0 4px, #9ca3af 4px 6px);
      }
      .value {
        font-variant-numeric: tabular-nums;
        text-align: right;
      }
      .verdict {
        display: inline-flex;
        align-items: center;
        gap: 8px;
        margin-top: 14px;
        padding: 6px 14px;
        border-radius: 999px;
        font-weight: 800;
        font-size: calc(var(--bar-font) * 1.15);
        border: 2px solid;
      }
      .verdict.passed {
        color: var(--fw-success);
        background: var(--fw-success-soft);
      }
      .verdict.failed {
        color: var(--fw-danger);
        background: var(--fw-danger-soft);
      }
      .facts {
        display: grid;
        gap: 4px;
        margin-top: 10px;
        color: var(--fw-text-muted);
        font-size: calc(var(--bar-font) * 0.9);
      }
      .facts .reason {
        color: var(--fw-text);
        font-weight: 600;
      }
      @media (prefers-reduced-motion: reduce) {
        .fill {
          transition: none;
        }
      }
    `,
  ];

  @property({ attribute: false }) poll: PollView | null = null;
  @property({ reflect: true }) size: 'normal' | 'large' = 'normal';

  readonly #i18n = new LocaleController(this);

  override render() {
    const poll = this.poll;
    if (!poll) return nothing;
    const counts = poll.result?.counts ?? poll.counts;
    return html`<div class="layout ${poll.result ? 'with-result' : ''}">
      ${counts ? this.#renderBars(poll, counts) : nothing}
      ${poll.result ? html`<div class="outcome">${this.#renderResult(poll, poll.result)}</div>` : nothing}
    </div>`;
  }

  #renderBars(poll: PollView, counts: Record<string, number>) {
    const { t, locale } = this.#i18n;
    const ballots = poll.result?.ballots ?? poll.votedCount;
    // Percentages follow the rule shown: when abstentions do not count, they are out of the whole too.
    const abstentionsOut = poll.kind === 'yes_no_abstain' && !(poll.result?.abstentionsCounted ?? poll.abstentionsCount);
    const whole = abstentionsOut ? ballots - (counts['abstain'] ?? 0) : ballots;
    const winners = new Set(poll.result?.winners ?? []);
    const carried = new Set(poll.result?.carried ?? []);
    return html`<figure aria-label=${t.polls.result.chartLabel(poll.title)}>
      <ul class="bars">
        ${poll.options.map((option) => {
          const n = counts[option.id] ?? 0;
          const outOfShare = abstentionsOut && option.id === 'abstain';
          const base = outOfShare ? ballots : whole;
          const width = base > 0 ? Math.min(100, (100 * n) / base) : 0;
          const choicePoll = poll.kind !== 'yes_no_abstain';
          const mark = choicePoll && carried.has(option.id) ? t.polls.result.carriedMark : choicePoll && winners.has(option.id) ? t.polls.result.most : '';
          return html`<li class=${`opt-${option.id}`}>
            <span class="label">${optionLabel(t, poll, option.id)}${mark ? html`<span class="mark">${mark}</span>` : nothing}</span>
            <span class="track" aria-hidden="true"><span class="fill" style=${styleMap({ width: `${width}%` })}></span></span>
            <span class="value">${outOfShare ? t.polls.result.count(n) : t.polls.result.value(n, percent(n, whole, locale))}</span>
          </li>`;
        })}
      </ul>
    </figure>`;
  }

  #renderResult(poll: PollView, result: PollResult) {
    const { t, locale } = this.#i18n;
    const r = t.polls.result;
    const rule = t.polls.rules[result.rule];
    const abstentions = poll.kind === 'yes_no_abstain' ? (result.abstentionsCounted ? r.abstentionsIncluded : r.abstentionsExcluded) : '';
    const carried = result.carried.map((id) => optionLabel(t, poll, id)).join(', ');
    const reason = result.passed ? null : !result.quorumMet ? r.reasonQuorum : r.reasonRule(rule);
    return html`<p class="verdict ${result.passed ? 'passed' : 'failed'}">
        <span aria-hidden="true">${result.passed ? '✔' : '✖'}</span><span>${result.passed ? r.passed : r.notPassed}</span>
      </p>
      <ul class="facts">
        <li>${r.ballots(result.ballots, result.eligible)} · ${r.turnout(percent(result.ballots, result.eligible, locale))}</li>
        <li>${result.quorum > 0 ? (result.quorumMet ? r.quorumMet(result.quorum) : r.quorumNotMet(result.quorum)) : r.noQuorum}</li>
        <li>${r.threshold(rule, result.counted, marksNeeded(result.rule, result.counted), abstentions || r.allBallots)}</li>
        ${poll.kind !== 'yes_no_abstain' ? html`<li>${carried ? r.carried(carried) : r.noneCarried}</li>` : nothing}
        ${reason ? html`<li class="reason">${reason}</li>` : nothing}
      </ul>
      ${result.decision ? decisionLine(t, result.decision) : nothing}`;
  }
}

/** What a closed decisive poll did to its proposal, or why it did nothing: for everyone in the room. */
export function decisionLine(t: Catalogue, d: PollDecision) {
  const r = t.polls.result;
  if (d.moved) {
    return html`<p class="consequence decision" role="status">${r.decided(d.proposalTitle, d.moved === 'adopted' ? r.adoptedWord : r.rejectedWord)}</p>`;
  }
  return html`<p class="consequence decision decisive blocked" role="alert">${r.notApplied(d.proposalTitle, r.blockReasons[d.blocked ?? 'no_proposal'])}</p>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-poll-result': PollResultChart;
  }
}
