import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../../shared/api/endpoints';
import type { CallOutput } from '../../shared/api/endpoint';
import { roles, subcommitteeIds, type Role, type SubcommitteeId } from '../../shared/domain';
import { limits } from '../../shared/limits';
import { call } from '../http/call';
import { fieldValue, ImeSubmitGuard } from '../forms/ime-guard';
import { SubmitController } from '../forms/submit-controller';
import { formatDateTime } from '../i18n/format';
import { LocaleController } from '../i18n/i18n';
import { sharedStyles } from '../styles/shared-styles';
import { adminStyles } from './admin-styles';

type Created = CallOutput<typeof api.createInvitation>;

/** Invite a person with a role (and a subcommittee for chairs); shows the one-time link to copy. */
@customElement('fw-invite-form')
export class InviteForm extends LitElement {
  static override styles = [
    sharedStyles,
    adminStyles,
    css`
      [role='status'] {
        margin-top: 24px;
      }
      #second-chair {
        margin-top: 12px;
      }
      #second-chair:empty {
        margin-top: 0;
      }
      .created {
        margin-top: 12px;
        padding: 20px 24px;
      }
    `,
  ];

  @state() private chosenRole: Role | '' = '';
  @state() private chosenSubcommittee: SubcommitteeId | '' = '';
  /** Each subcommittee's chairperson now, to warn before a second one is invited. */
  @state() private chairs = new Map<SubcommitteeId, string>();
  @state() private created: Created | null = null;
  @state() private copyStatus = '';

  readonly #i18n = new LocaleController(this);
  readonly #ime = new ImeSubmitGuard();
  readonly #sending = new SubmitController(this);

  override render() {
    const { t } = this.#i18n;
    const it = t.admin.invite;
    return html`
      <form @submit=${this.#submit} @keydown=${this.#ime.keydown} @keyup=${this.#ime.keyup}>
        <div class="form-grid">
          <div class="field">
            <label for="email">${it.email}</label>
            <input id="email" name="email" type="email" autocomplete="off" required maxlength=${limits.emailChars} />
          </div>
          <div class="field">
            <label for="name">${it.name} <span class="optional">${it.optional}</span></label>
            <input id="name" name="name" autocomplete="off" maxlength=${limits.nameChars} />
          </div>
          <div class="field">
            <label for="role">${it.role}</label>
            <select id="role" name="role" required @change=${this.#roleChanged}>
              <option value="" ?selected=${this.chosenRole === ''}>${it.choose}</option>
              ${roles.map((r) => html`<option value=${r} ?selected=${this.chosenRole === r}>${t.roles[r]}</option>`)}
            </select>
          </div>
          ${this.chosenRole === 'chair'
            ? html`<div class="field">
                <label for="subcommittee">${it.subcommittee}</label>
                <select
                  id="subcommittee"
                  name="subcommittee"
                  required
                  aria-describedby="second-chair"
                  @change=${(e: Event) => (this.chosenSubcommittee = (e.target as HTMLSelectElement).value as SubcommitteeId | '')}
                >
                  <option value="">${it.choose}</option>
                  ${subcommitteeIds.map((s) => html`<option value=${s}>${t.subcommittees[s]}</option>`)}
                </select>
              </div>`
            : nothing}
        </div>
        <div role="status" id="second-chair">${this.#secondChair()}</div>
        <div role="alert">${this.#sending.renderError(t)}</div>
        <div class="actions">
          <button type="submit" ?disabled=${this.#sending.busy}>${it.submit}</button>
        </div>
      </form>
      <div role="status">
        ${this.created ? html`<p class="message success">${t.admin.invite.created(this.created.invitation.email)}</p>` : nothing}
      </div>
      ${this.created ? this.#renderCreated(this.created) : nothing}
    `;
  }

  #renderCreated(created: Created) {
    const { t, locale } = this.#i18n;
    const it = t.admin.invite;
    return html`<div class="card created">
      <div class="field">
        <label for="link">${it.link}</label>
        <div class="actions">
          <input id="link" readonly .value=${created.link} @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} style="flex: 1 1 320px" />
          <button type="button" class="secondary" @click=${this.#copy}>${it.copy}</button>
        </div>
        <p class="hint">${it.expiresAt(formatDateTime(created.invitation.expiresAt, locale))}</p>
        <p class="hint" aria-live="polite">${this.copyStatus}</p>
      </div>
    </div>`;
  }

  override firstUpdated(): void {
    // Only a warning: without the list the form still works.
    call(api.users).then(
      ({ users }) => (this.chairs = new Map(users.flatMap((u) => (u.role === 'chair' && u.subcommittee ? [[u.subcommittee, u.name] as const] : [])))),
      () => {},
    );
  }

  #secondChair() {
    if (this.chosenRole !== 'chair' || !this.chosenSubcommittee) return nothing;
    const chair = this.chairs.get(this.chosenSubcommittee);
    if (!chair) return nothing;
    const { t } = this.#i18n;
    return html`<p class="message warning">${t.admin.invite.secondChair(t.subcommittees[this.chosenSubcommittee], chair)}</p>`;
  }

  #roleChanged(event: Event) {
    this.chosenRole = (event.target as HTMLSelectElement).value as Role | '';
  }

  async #submit(event: SubmitEvent) {
    event.preventDefault();
    if (this.#ime.composing(event)) return;
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    const role = fieldValue(form, 'role') as Role;
    const name = fieldValue(form, 'name');
    await this.#sending.run(async () => {
      this.copyStatus = '';
      this.created = await call(api.createInvitation, {
        body: {
          email: fieldValue(form, 'email'),
          ...(name ? { name } : {}),
          role,
          subcommittee: role === 'chair' ? (fieldValue(form, 'subcommittee') as SubcommitteeId) : null,
        },
      });
      formElement.reset();
      this.chosenRole = '';
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#link')?.focus();
    });
  }

  async #copy() {
    const it = this.#i18n.t.admin.invite;
    const link = this.created?.link ?? '';
    try {
      await navigator.clipboard.writeText(link);
      this.copyStatus = it.copied;
    } catch {
      // no clipboard access (insecure origin, denied): select it for Ctrl+C
      this.renderRoot.querySelector<HTMLInputElement>('#link')?.select();
      this.copyStatus = it.copyManually;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-invite-form': InviteForm;
  }
}
