import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { z } from 'zod';
import { api } from '../../shared/api/endpoints';
import type { User } from '../../shared/domain';
import { mayVote } from '../../shared/permissions';
import type { AgendaItem } from '../../shared/schemas/meetings';
import { BallotMode, PollKind, ResultsVisibility, VoteRule, VoterRole, type CreatePollBody } from '../../shared/schemas/polls';
import { fieldValue, ImeSubmitGuard } from '../forms/ime-guard';
import { SubmitController } from '../forms/submit-controller';
import { call } from '../http/call';
import { LocaleController } from '../i18n/i18n';
import type { Said } from '../i18n/said';
import { sharedStyles } from '../styles/shared-styles';
import { pollCreatedEvent, pollFormCancelEvent, type PollCreatedDetail } from './poll-form-events';
import { pollStyles } from './poll-styles';


/** Chairs first: most voters are chairs. */
const voterRoles: readonly VoterRole[] = ['chair', ...VoterRole.exclude(['chair']).options];
/** The most private (the default) first. */
const visibilities: readonly ResultsVisibility[] = [...ResultsVisibility.options].reverse();
const oneOf = <T extends string>(values: readonly T[], value: string, fallback: T): T => (values.includes(value as T) ? (value as T) : fallback);

/**
 * Preparing a poll: every setting a poll has, with the rules that tie them
 * explained where they bite (a secret ballot shows results only after the close
 * and cannot be changed; nothing can be loosened once opened). Korean IME safe:
 * the Enter that commits a composition never submits.
 */
@customElement('fw-poll-form')
export class PollForm extends LitElement {
  static override styles = [
    sharedStyles,
    pollStyles,
    css`
      form {
        gap: 18px;
      }
      fieldset {
        margin: 0;
        padding: 12px 14px 14px;
        border: 1px solid var(--fw-border);
        border-radius: var(--fw-radius);
        display: grid;
        gap: 8px;
        min-width: 0;
      }
      legend {
        font-weight: 700;
        padding: 0 4px;
      }
      .choice {
        display: flex;
        align-items: flex-start;
        gap: 10px;
        font-weight: 500;
      }
      .choice input {
        width: 20px;
        min-height: 20px;
        height: 20px;
        margin: 2px 0 0;
        flex: none;
      }
      .choice small {
        display: block;
        color: var(--fw-text-muted);
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(220px, 1fr));
        gap: 14px 18px;
      }
      textarea {
        font: inherit;
        min-height: 96px;
        padding: 10px 12px;
        border: 1px solid var(--fw-border-strong);
        border-radius: var(--fw-radius);
      }
      .people {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(200px, 1fr));
        gap: 4px 12px;
        max-height: 220px;
        overflow: auto;
      }
      .optional {
        font-weight: 400;
        color: var(--fw-text-muted);
      }
    `,
  ];

  @property({ attribute: false }) meetingId = '';
  @property({ attribute: false }) agenda: AgendaItem[] = [];
  @property({ attribute: false }) currentItemId: string | null = null;
  /** Proposals to link, by id, with their titles. */
  @property({ attribute: false }) proposals: { id: string; title: string }[] = [];
  /** People who may be named as voters (observers are left out here). */
  @property({ attribute: false }) users: User[] = [];

  @state() private kind: PollKind = 'yes_no_abstain';
  @state() private ballot: BallotMode = 'named';
  @state() private customVoters = false;
  @state() private agendaItemId = '';
  @state() private proposalId = '';

  readonly #i18n = new LocaleController(this);
  readonly #ime = new ImeSubmitGuard();
  readonly #sending = new SubmitController(this, { unreachable: (t) => t.polls.errors.offline });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('currentItemId') || (changed.has('agenda') && !this.agendaItemId)) {
      this.#chooseItem(this.currentItemId ?? '');
    }
  }

  /** Focuses the first field (after the form is shown). */
  async focusFirst(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#poll-title')?.focus();
  }

  override render() {
    const { t } = this.#i18n;
    const f = t.polls.form;
    const secret = this.ballot === 'secret';
    return html`<form @submit=${this.#submit} @keydown=${this.#keydown} @keyup=${this.#ime.keyup} aria-labelledby="poll-form-title" novalidate>
      <h3 id="poll-form-title">${f.heading}</h3>
      <div class="field">
        <label for="poll-title">${f.titleLabel}</label>
        <input id="poll-title" name="title" required maxlength="200" autocomplete="off" />
      </div>

      <fieldset>
        <legend>${f.kind}</legend>
        ${PollKind.options.map(
          (kind) => html`<label class="choice"
            ><input type="radio" name="kind" value=${kind} .checked=${this.kind === kind} @change=${() => (this.kind = kind)} />${t.polls.kinds[kind]}</label
          >`,
        )}
        ${this.kind !== 'yes_no_abstain'
          ? html`<div class="field">
              <label for="poll-options">${f.options}</label>
              <textarea id="poll-options" name="options" aria-describedby="poll-options-hint" required></textarea>
              <p class="hint" id="poll-options-hint">${f.optionsHint}</p>
            </div>`
          : nothing}
        ${this.kind === 'multiple'
          ? html`<div class="field">
              <label for="poll-max">${f.maxChoices} <span class="optional">${f.optional}</span></label>
              <input id="poll-max" name="maxChoices" type="number" min="1" max="20" inputmode="numeric" aria-describedby="poll-max-hint" />
              <p class="hint" id="poll-max-hint">${f.maxChoicesHint}</p>
            </div>`
          : nothing}
      </fieldset>

      <fieldset>
        <legend>${f.ballot}</legend>
        ${BallotMode.options.map(
          (ballot) => html`<label class="choice"
            ><input type="radio" name="ballot" value=${ballot} .checked=${this.ballot === ballot} @change=${() => (this.ballot = ballot)} />${t.polls.ballots[ballot]}</label
          >`,
        )}
        <p class="note" id="poll-ballot-note">${secret ? t.polls.secretExplain : t.polls.namedExplain}</p>
      </fieldset>

      ${this.#renderVoters()}

      <div class="grid">
        <div class="field">
          <label for="poll-quorum">${f.quorum}</label>
          <input
            id="poll-quorum"
            name="quorum"
            type="number"
            min="0"
            max="100000"
            inputmode="numeric"
            placeholder=${f.quorumDefault}
            aria-describedby="poll-quorum-hint"
          />
          <p class="hint" id="poll-quorum-hint">${f.quorumHint}</p>
        </div>
        <div class="field">
          <label for="poll-rule">${f.rule}</label>
          <select id="poll-rule" name="rule">
            ${VoteRule.options.map((rule) => html`<option value=${rule}>${t.polls.rules[rule]}</option>`)}
          </select>
          ${this.kind === 'yes_no_abstain'
            ? html`<label class="choice"><input type="checkbox" name="abstentionsCount" aria-describedby="poll-abst-hint" />${f.abstentionsCount}</label>
                <p class="hint" id="poll-abst-hint">${f.abstentionsHint}</p>`
            : nothing}
        </div>
      </div>

      <fieldset aria-describedby="poll-visibility-locked">
        <legend>${f.visibility}</legend>
        ${visibilities.map(
          (v) => html`<label class="choice"
            ><input type="radio" name="resultsVisibility" value=${v} ?checked=${v === 'after_close'} ?disabled=${secret && v !== 'after_close'} /><span
              >${t.polls.visibility[v]}<small>${f.visibilityHint[v]}</small></span
            ></label
          >`,
        )}
        ${secret ? html`<p class="hint">${f.secretForcesVisibility}</p>` : nothing}
        <p class="note" id="poll-visibility-locked">${f.visibilityLocked}</p>
      </fieldset>

      <fieldset>
        <legend class="visually-hidden">${f.allowChange}</legend>
        <label class="choice"><input type="checkbox" name="allowChange" ?disabled=${secret} />${f.allowChange}</label>
        ${secret ? html`<p class="hint">${f.allowChangeSecret}</p>` : nothing}
        <label class="choice"><input type="checkbox" name="requirePresence" checked />${f.requirePresence}</label>
      </fieldset>

      <div class="grid">
        <div class="field">
          <label for="poll-countdown">${f.countdown} <span class="optional">${f.optional}</span></label>
          <input id="poll-countdown" name="countdown" type="number" min="0.5" max="1440" step="0.5" inputmode="decimal" aria-describedby="poll-countdown-hint" />
          <p class="hint" id="poll-countdown-hint">${f.countdownHint}</p>
        </div>
        <div class="field">
          <label for="poll-item">${f.agendaItem}</label>
          <select id="poll-item" name="agendaItemId" @change=${(e: Event) => this.#chooseItem((e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${this.agendaItemId === ''}>${f.none}</option>
            ${this.agenda.map((item, i) => html`<option value=${item.id} ?selected=${this.agendaItemId === item.id}>${i + 1}. ${item.title}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="poll-proposal">${f.proposal}</label>
          <select id="poll-proposal" name="proposalId" @change=${(e: Event) => (this.proposalId = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${this.proposalId === ''}>${f.none}</option>
            ${this.#proposalChoices().map((p) => html`<option value=${p.id} ?selected=${this.proposalId === p.id}>${p.title}</option>`)}
          </select>
          <p class="hint">${f.proposalHint}</p>
        </div>
      </div>
      ${this.#renderConsequence()}

      <div role="alert">${this.#sending.renderError(t)}</div>
      <div class="actions">
        <button type="submit" ?disabled=${this.#sending.busy}>${this.#sending.busy ? f.submitting : f.submit}</button>
        <button type="button" class="secondary" @click=${this.#cancel}>${f.cancel}</button>
      </div>
    </form>`;
  }

  #renderVoters() {
    const { t } = this.#i18n;
    const f = t.polls.form;
    return html`<fieldset>
      <legend>${f.voters}</legend>
      <label class="choice"
        ><input type="radio" name="voters" value="default" .checked=${!this.customVoters} @change=${() => (this.customVoters = false)} />${f.votersDefault}</label
      >
      <label class="choice"
        ><input type="radio" name="voters" value="custom" .checked=${this.customVoters} @change=${() => (this.customVoters = true)} />${f.votersCustom}</label
      >
      ${this.customVoters
        ? html`<fieldset>
              <legend>${f.votersRoles}</legend>
              ${voterRoles.map(
                (role) => html`<label class="choice"><input type="checkbox" name="role" value=${role} ?checked=${role === 'chair'} />${t.polls.roles[role]}</label>`,
              )}
            </fieldset>
            <fieldset aria-describedby="poll-people-hint">
              <legend>${f.votersPeople}</legend>
              <p class="hint" id="poll-people-hint">${f.votersPeopleHint}</p>
              <div class="people">
                ${this.users
                  .filter((u) => mayVote(u))
                  .map((u) => html`<label class="choice"><input type="checkbox" name="person" value=${u.id} />${u.name}<small>&nbsp;${t.roles[u.role]}</small></label>`)}
              </div>
            </fieldset>`
        : nothing}
    </fieldset>`;
  }

  /** The proposals a vote of this meeting may decide: those on its agenda (the server checks their status). */
  #proposalChoices(): { id: string; title: string }[] {
    const linked = this.agenda.map((i) => i.proposalId).filter((id): id is string => id !== null);
    const known = new Map(this.proposals.map((p) => [p.id, p.title]));
    return [...new Set(linked)].map((id) => ({ id, title: known.get(id) ?? id }));
  }

  /** What the poll will do, said before it is created: decide the chosen proposal, or nothing but the minutes. */
  #renderConsequence() {
    const f = this.#i18n.t.polls.form;
    const title = this.#proposalChoices().find((p) => p.id === this.proposalId)?.title;
    if (!this.proposalId || !title) return html`<p class="note consequence" role="status">${f.procedural}</p>`;
    return html`<div class="consequence decisive" role="status">
      <p><strong>${f.decides(title)}</strong></p>
      <p class="hint">${f.decidesWho}</p>
      ${this.kind === 'yes_no_abstain' ? nothing : html`<p class="message error">${f.decisiveNeedsYesNo}</p>`}
    </div>`;
  }

  /** The agenda item only: a poll decides a proposal when its author chooses one, never by default. */
  #chooseItem(itemId: string) {
    this.agendaItemId = itemId;
  }

  readonly #keydown = (event: KeyboardEvent) => {
    this.#ime.keydown(event);
    if (event.key === 'Escape' && !event.isComposing) this.#cancel();
  };

  readonly #cancel = () => {
    this.#sending.clear();
    this.dispatchEvent(new Event(pollFormCancelEvent, { bubbles: true, composed: true }));
  };

  /** The request body from the form, or the words for what is missing. */
  #body(form: FormData): z.input<typeof CreatePollBody> | Said {
    const title = fieldValue(form, 'title');
    if (!title) return (t) => `${t.polls.form.titleLabel}: ${t.polls.errors.invalid_input}`;
    const number = (name: string) => {
      const raw = fieldValue(form, name);
      return raw === '' ? null : Number(raw);
    };
    const options =
      this.kind === 'yes_no_abstain'
        ? undefined
        : fieldValue(form, 'options')
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean);
    if (options && options.length < 2) return (t) => `${t.polls.form.options}: ${t.polls.form.optionsHint}`;
    const maxChoices = this.kind === 'multiple' ? number('maxChoices') : null;
    const minutes = number('countdown');
    const quorum = number('quorum');
    const roles = form.getAll('role').filter((r): r is VoterRole => voterRoles.includes(r as VoterRole));
    const userIds = form.getAll('person').filter((p): p is string => typeof p === 'string');
    const secret = this.ballot === 'secret';
    return {
      title,
      kind: this.kind,
      ...(options ? { options } : {}),
      ...(maxChoices !== null && Number.isFinite(maxChoices) ? { maxChoices } : {}),
      ballot: this.ballot,
      eligibility: this.customVoters ? { roles, userIds } : { roles: ['chair'], userIds: [] },
      // Left empty: the server sets a majority of the eligible voters.
      ...(quorum !== null ? { quorum: Math.max(0, Math.trunc(quorum)) } : {}),
      rule: oneOf(VoteRule.options, fieldValue(form, 'rule'), 'simple_majority'),
      abstentionsCount: form.get('abstentionsCount') === 'on',
      resultsVisibility: secret ? 'after_close' : oneOf(visibilities, fieldValue(form, 'resultsVisibility'), 'after_close'),
      allowChange: !secret && form.get('allowChange') === 'on',
      requirePresence: form.get('requirePresence') === 'on',
      countdownSeconds: minutes !== null && minutes > 0 ? Math.round(minutes * 60) : null,
      agendaItemId: this.agendaItemId || null,
      proposalId: this.proposalId || null,
    };
  }

  readonly #submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (this.#ime.composing(event)) return;
    const form = event.target as HTMLFormElement;
    const body = this.#body(new FormData(form));
    if (typeof body === 'function') {
      this.#sending.fail(body);
      return;
    }
    await this.#sending.run(async () => {
      const created = await call(api.createPoll, { params: { id: this.meetingId }, body });
      form.reset();
      this.kind = 'yes_no_abstain';
      this.ballot = 'named';
      this.customVoters = false;
      this.#chooseItem(this.currentItemId ?? '');
      this.proposalId = '';
      this.dispatchEvent(new CustomEvent<PollCreatedDetail>(pollCreatedEvent, { detail: created, bubbles: true, composed: true }));
    });
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-poll-form': PollForm;
  }
}
