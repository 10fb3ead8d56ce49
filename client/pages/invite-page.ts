import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../shared/api/endpoints';
import type { CallOutput } from '../../shared/api/endpoint';
import { limits } from '../../shared/limits';
import { call, errorMessage } from '../http/call';
import { fieldValue, ImeSubmitGuard, passwordValue } from '../forms/ime-guard';
import { SubmitController } from '../forms/submit-controller';
import { LocaleController } from '../i18n/i18n';
import { roleLabel } from '../i18n/labels';
import { navigate } from '../router/router-controller';
import { sessionContext, type Session } from '../session/session-context';
import { sharedStyles } from '../styles/shared-styles';
import { pageStyles } from './page-styles';

type Invitation = CallOutput<typeof api.invitation>['invitation'];

/** Accepting a one-time invitation link (/invite/<token>): choose a name and a password. */
@customElement('fw-invite-page')
export class InvitePage extends LitElement {
  static override styles = [
    sharedStyles,
    pageStyles,
    css`
      h1 {
        margin-bottom: 16px;
      }
      .after-error {
        margin-top: 16px;
      }
    `,
  ];

  @property() token = '';
  @consume({ context: sessionContext }) session?: Session;

  readonly #i18n = new LocaleController(this);
  readonly #ime = new ImeSubmitGuard();
  readonly #sending = new SubmitController(this);
  readonly #invitation = new Task(this, {
    task: async ([token]) => (await call(api.invitation, { params: { token } })).invitation,
    args: () => [this.token] as const,
  });

  override render() {
    const { t } = this.#i18n;
    return html`<div class="page">
      <section class="narrow card" aria-labelledby="invite-title">
        <h1 id="invite-title">${t.invite.title}</h1>
        ${this.#invitation.render({
          pending: () => html`<p class="status" role="status">${t.app.loading}</p>`,
          error: (error) => html`<p class="message error" role="alert">${errorMessage(error, t.app.networkError)}</p>
            <p class="after-error"><a href="/">${t.app.goHome}</a></p>`,
          complete: (invitation) => this.#renderForm(invitation),
        })}
      </section>
    </div>`;
  }

  #renderForm(invitation: Invitation) {
    const { t } = this.#i18n;
    const { busy } = this.#sending;
    return html`<p class="intro">${t.invite.intro(invitation.email, roleLabel(t, invitation))}</p>
      <form @submit=${this.#submit} @keydown=${this.#ime.keydown} @keyup=${this.#ime.keyup}>
        <div class="field">
          <label for="name">${t.invite.name}</label>
          <input id="name" name="name" autocomplete="name" required maxlength=${limits.nameChars} .value=${invitation.name ?? ''} />
        </div>
        <div class="field">
          <label for="password">${t.invite.password}</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="new-password"
            required
            minlength=${limits.passwordMinChars}
            maxlength=${limits.passwordMaxChars}
            aria-describedby="password-hint"
          />
          <p class="hint" id="password-hint">${t.invite.passwordHint(limits.passwordMinChars)}</p>
        </div>
        <div role="alert">${this.#sending.renderError(t)}</div>
        <button type="submit" ?disabled=${busy}>${busy ? t.invite.submitting : t.invite.submit}</button>
      </form>`;
  }

  async #submit(event: SubmitEvent) {
    event.preventDefault();
    if (this.#ime.composing(event)) return;
    const form = new FormData(event.currentTarget as HTMLFormElement);
    await this.#sending.run(async () => {
      const { user } = await call(api.acceptInvitation, { params: { token: this.token }, body: { name: fieldValue(form, 'name'), password: passwordValue(form) } });
      navigate('/', { replace: true });
      this.session?.signedIn(user);
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-invite-page': InvitePage;
  }
}
