import { Task } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { api } from '../../shared/api/endpoints';
import { roles, subcommitteeIds, type Role, type SubcommitteeId, type User } from '../../shared/domain';
import { call, errorMessage, said } from '../http/call';
import { LocaleController } from '../i18n/i18n';
import { sharedStyles } from '../styles/shared-styles';
import { adminStyles } from './admin-styles';
import type { Said } from '../i18n/said';

interface Draft {
  role: Role;
  subcommittee: SubcommitteeId | null;
}

/** Everyone with an account; ministry staff change a person's role (and subcommittee for chairs). */
@customElement('fw-user-roles')
export class UserRoles extends LitElement {
  static override styles = [sharedStyles, adminStyles];

  /** Unsaved choices per user id. */
  @state() private drafts = new Map<string, Draft>();
  /** Users as saved since the list was loaded. */
  @state() private saved = new Map<string, User>();
  @state() private saving = '';
  @state() private message: { kind: 'success' | 'error'; say: Said } | null = null;

  readonly #i18n = new LocaleController(this);
  readonly #users = new Task(this, {
    task: async () => (await call(api.users)).users,
    args: () => [],
  });

  override render() {
    const { t } = this.#i18n;
    return html`
      <div role="status">
        ${this.message ? html`<p class="message ${this.message.kind}">${this.message.say(t)}</p>` : nothing}
      </div>
      ${this.#users.render({
        pending: () => html`<p class="status" role="status">${t.app.loading}</p>`,
        error: (error) => html`<p class="message error" role="alert">${errorMessage(error, t.app.networkError)}</p>`,
        complete: (users) => this.#renderTable(users),
      })}
    `;
  }

  #renderTable(users: User[]) {
    const { t } = this.#i18n;
    const u = t.admin.users;
    if (users.length === 0) return html`<p class="muted">${u.empty}</p>`;
    return html`<div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">${u.name}</th>
            <th scope="col">${u.email}</th>
            <th scope="col">${u.role}</th>
            <th scope="col">${u.subcommittee}</th>
            <th scope="col"><span class="visually-hidden">${u.change}</span></th>
          </tr>
        </thead>
        <tbody>
          ${repeat(users, (user) => user.id, (user) => this.#renderRow(this.saved.get(user.id) ?? user))}
        </tbody>
      </table>
    </div>`;
  }

  #renderRow(user: User) {
    const { t } = this.#i18n;
    const u = t.admin.users;
    const draft = this.drafts.get(user.id) ?? { role: user.role, subcommittee: user.subcommittee };
    const changed = draft.role !== user.role || draft.subcommittee !== user.subcommittee;
    const complete = (draft.role === 'chair') === (draft.subcommittee !== null);
    return html`<tr>
      <th scope="row">${user.name}</th>
      <td>${user.email}</td>
      <td>
        <select aria-label=${u.roleOf(user.name)} @change=${(e: Event) => this.#setRole(user, (e.target as HTMLSelectElement).value as Role)}>
          ${roles.map((r) => html`<option value=${r} ?selected=${draft.role === r}>${t.roles[r]}</option>`)}
        </select>
      </td>
      <td>
        ${draft.role === 'chair'
          ? html`<select
              aria-label=${u.subcommitteeOf(user.name)}
              @change=${(e: Event) => this.#setSubcommittee(user, (e.target as HTMLSelectElement).value as SubcommitteeId)}
            >
              <option value="" ?selected=${draft.subcommittee === null}>${t.admin.invite.choose}</option>
              ${subcommitteeIds.map((s) => html`<option value=${s} ?selected=${draft.subcommittee === s}>${t.subcommittees[s]}</option>`)}
            </select>`
          : html`<span class="muted" aria-hidden="true">—</span>`}
      </td>
      <td>
        <button type="button" ?disabled=${!changed || !complete || this.saving === user.id} @click=${() => this.#save(user, draft)}>
          ${u.save}
        </button>
      </td>
    </tr>`;
  }

  #setRole(user: User, role: Role) {
    const subcommittee = role === 'chair' ? (this.drafts.get(user.id)?.subcommittee ?? user.subcommittee) : null;
    this.drafts = new Map(this.drafts).set(user.id, { role, subcommittee });
  }

  #setSubcommittee(user: User, subcommittee: SubcommitteeId | '') {
    this.drafts = new Map(this.drafts).set(user.id, { role: 'chair', subcommittee: subcommittee || null });
  }

  async #save(user: User, draft: Draft) {
    this.saving = user.id;
    this.message = null;
    try {
      const { user: saved } = await call(api.setRole, { params: { id: user.id }, body: draft });
      this.saved = new Map(this.saved).set(saved.id, saved);
      const drafts = new Map(this.drafts);
      drafts.delete(user.id);
      this.drafts = drafts;
      this.message = { kind: 'success', say: (t) => t.admin.users.saved(saved.name) };
    } catch (error) {
      this.message = { kind: 'error', say: said(error) };
    } finally {
      this.saving = '';
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-user-roles': UserRoles;
  }
}
