import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../shared/api/endpoints';
import { call } from '../http/call';
import { fieldValue, ImeSubmitGuard, passwordValue } from '../forms/ime-guard';
import { SubmitController } from '../forms/submit-controller';
import { LocaleController } from '../i18n/i18n';
import { sessionContext, type Session } from '../session/session-context';
import { sharedStyles } from '../styles/shared-styles';
import { pageStyles } from './page-styles';

/** Email and password; the server's answer to a failed attempt is read out. */
@customElement('fw-sign-in-page')
export class SignInPage extends LitElement {
  static override styles = [sharedStyles, pageStyles];

  /** Why the person is here again, e.g. their session ended. */
  @property() notice = '';
  @consume({ context: sessionContext }) session?: Session;

  readonly #i18n = new LocaleController(this);
  readonly #ime = new ImeSubmitGuard();
  readonly #sending = new SubmitController(this);

  override render() {
    const { t } = this.#i18n;
    const { busy } = this.#sending;
    return html`<div class="page">
      <section class="narrow card" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">${t.signIn.title}</h1>
        <p class="intro">${t.signIn.intro}</p>
        <form @submit=${this.#submit} @keydown=${this.#ime.keydown} @keyup=${this.#ime.keyup}>
          <div role="status">${this.notice ? html`<p class="message error">${this.notice}</p>` : nothing}</div>
          <div class="field">
            <label for="email">${t.signIn.email}</label>
            <input id="email" name="email" type="email" autocomplete="username" inputmode="email" required autofocus />
          </div>
          <div class="field">
            <label for="password">${t.signIn.password}</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required />
          </div>
          <div role="alert">${this.#sending.renderError(t)}</div>
          <button type="submit" ?disabled=${busy}>${busy ? t.signIn.submitting : t.signIn.submit}</button>
        </form>
      </section>
    </div>`;
  }

  async #submit(event: SubmitEvent) {
    event.preventDefault();
    if (this.#ime.composing(event)) return;
    const form = new FormData(event.currentTarget as HTMLFormElement);
    await this.#sending.run(async () => {
      const { user } = await call(api.login, { body: { email: fieldValue(form, 'email'), password: passwordValue(form) } });
      this.session?.signedIn(user);
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-sign-in-page': SignInPage;
  }
}
