import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../shared/api/endpoints';
import type { User } from '../../shared/domain';
import { can, mayVote } from '../../shared/permissions';
import { canSome } from '../../shared/permissions/some';
import type { Delegation } from '../../shared/schemas/polls';
import { SubmitController } from '../forms/submit-controller';
import { call } from '../http/call';
import { LocaleController } from '../i18n/i18n';
import type { Catalogue } from '../i18n/catalogue';
import type { Said } from '../i18n/said';
import { sharedStyles } from '../styles/shared-styles';
import { pollStyles } from './poll-styles';

/** Fired (bubbling, composed) after a delegation was granted or withdrawn here. */
export const delegationsChangedEvent = 'fw-delegations-changed';

/**
 * Who votes for whom in a meeting. A chairperson delegates their own vote (and
 * withdraws it); ministry staff may record one for any chairperson. The list is
 * read over HTTP when shown and after each change made here.
 */
@customElement('fw-poll-delegations')
export class PollDelegations extends LitElement {
  static override styles = [
    sharedStyles,
    pollStyles,
    css`
      ul.list {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 8px;
      }
      ul.list li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 6px 14px;
        padding: 8px 12px;
        border: 1px solid var(--fw-border);
        border-radius: var(--fw-radius);
        background: var(--fw-surface);
      }
      ul.list .who {
        font-weight: 700;
      }
      ul.list button {
        min-height: 40px;
        padding: 0 14px;
        margin-left: auto;
      }
      form {
        grid-template-columns: repeat(auto-fit, minmax(200px, 1fr));
        align-items: end;
        gap: 12px;
        margin-top: 12px;
      }
      form button {
        min-height: 48px;
      }
    `,
  ];

  @property({ attribute: false }) meetingId = '';
  @property({ attribute: false }) user: User | null = null;
  @property({ attribute: false }) users: User[] = [];
  @property({ type: Boolean }) ended = false;

  @state() private delegations: Delegation[] = [];

  readonly #i18n = new LocaleController(this);
  /** Granting and withdrawing; its alert region also tells of a list that would not load. */
  readonly #sending = new SubmitController(this, { unreachable: (t) => t.polls.errors.offline });
  #request = 0;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('meetingId')) void this.load();
  }

  /** Reads the meeting's delegations again. */
  async load(): Promise<void> {
    const request = ++this.#request;
    if (!this.meetingId) return;
    try {
      const { delegations } = await call(api.delegations, { params: { id: this.meetingId } });
      if (request === this.#request) this.delegations = delegations;
    } catch (error) {
      if (request === this.#request) this.#sending.report(error);
    }
  }

  override render() {
    const { t } = this.#i18n;
    const d = t.polls.delegation;
    const user = this.user;
    return html`<p class="hint">${d.intro}</p>
      ${this.delegations.length === 0
        ? html`<p class="muted">${d.empty}</p>`
        : html`<ul class="list">
            ${this.delegations.map((x) => {
              const mayRevoke = !this.ended && user && can(user, { type: 'polls.delegate', fromUserId: x.fromUserId });
              const granter = this.users.find((u) => u.id === x.grantedBy)?.name;
              return html`<li>
                <span class="who">${d.entry(x.fromName, x.toName)}</span>
                ${granter && x.grantedBy !== x.fromUserId ? html`<span class="muted">${d.grantedBy(granter)}</span>` : nothing}
                ${user?.id === x.toUserId ? html`<span>${d.toYou(x.fromName)}</span>` : nothing}
                ${mayRevoke
                  ? html`<button type="button" class="secondary" aria-label=${d.revokeOf(x.fromName)} ?disabled=${this.#sending.busy} @click=${() => this.#revoke(x)}>
                      ${d.revoke}
                    </button>`
                  : nothing}
              </li>`;
            })}
          </ul>`}
      ${this.ended ? html`<p class="hint">${d.ended}</p>` : this.#renderForm()}
      <div role="status">${this.#sending.renderNotice(t)}</div>
      <div role="alert">${this.#sending.renderError(t)}</div>`;
  }

  #renderForm() {
    const user = this.user;
    if (!user || !canSome(user, 'polls.delegate')) return nothing;
    const { t } = this.#i18n;
    const d = t.polls.delegation;
    const delegating = new Set(this.delegations.map((x) => x.fromUserId));
    // Votes this person may hand over and that are not handed over yet: a chair's own; every chair's for ministry staff.
    const chairs = this.users.filter((u) => can(u, { type: 'polls.delegable' }) && can(user, { type: 'polls.delegate', fromUserId: u.id }) && !delegating.has(u.id));
    if (chairs.length === 0) return nothing;
    const forOthers = chairs.some((u) => u.id !== user.id);
    const targets = this.users.filter((u) => mayVote(u) && (forOthers || u.id !== user.id));
    return html`<form @submit=${this.#grant}>
      ${forOthers
        ? html`<div class="field">
            <label for="delegation-from">${d.from}</label>
            <select id="delegation-from" name="from" required>
              <option value="">${d.choose}</option>
              ${chairs.map((u) => html`<option value=${u.id}>${u.name}</option>`)}
            </select>
          </div>`
        : nothing}
      <div class="field">
        <label for="delegation-to">${d.to}</label>
        <select id="delegation-to" name="to" required>
          <option value="">${d.choose}</option>
          ${targets.map((u) => html`<option value=${u.id}>${u.name} · ${t.roles[u.role]}</option>`)}
        </select>
      </div>
      <button type="submit" ?disabled=${this.#sending.busy}>${d.submit}</button>
    </form>`;
  }

  readonly #grant = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const toUserId = String(form.get('to') ?? '');
    const from = String(form.get('from') ?? '');
    if (!toUserId || (form.has('from') && !from)) return;
    await this.#act(async () => {
      const { delegation } = await call(api.createDelegation, {
        params: { id: this.meetingId },
        body: from ? { fromUserId: from, toUserId } : { toUserId },
      });
      return (t: Catalogue) => t.polls.delegation.granted(delegation.fromName, delegation.toName);
    });
  };

  async #revoke(x: Delegation) {
    await this.#act(async () => {
      await call(api.revokeDelegation, { params: { id: this.meetingId, fromUserId: x.fromUserId } });
      return (t: Catalogue) => t.polls.delegation.revoked(x.fromName);
    });
  }

  /** One change to the delegations; the list is read again after it, whatever its outcome. */
  async #act(action: () => Promise<Said>) {
    await this.#sending.run(async () => {
      this.#sending.tell(await action());
      this.dispatchEvent(new Event(delegationsChangedEvent, { bubbles: true, composed: true }));
    });
    await this.load();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-poll-delegations': PollDelegations;
  }
}
