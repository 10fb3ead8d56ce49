import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../shared/api/endpoints';
import { call, errorMessage } from '../http/call';
import { fieldValue, ImeSubmitGuard } from '../forms/ime-guard';
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
  @state() private error = '';
  @state() private busy = false;

  readonly #i18n = new LocaleController(this);
  readonly #ime = new ImeSubmitGuard();

  override render() {
    const { t } = this.#i18n;
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
          <div role="alert">${this.error ? html`<p class="message error">${this.error}</p>` : nothing}</div>
          <button type="submit" ?disabled=${this.busy}>${this.busy ? t.signIn.submitting : t.signIn.submit}</button>
        </form>
      </section>
    </div>`;
  }

  async #submit(event: SubmitEvent) {
    event.preventDefault();
    if (this.#ime.composing(event) || this.busy) return;
    const form = new FormData(event.currentTarget as HTMLFormElement);
    // The password is sent exactly as typed; only the email is trimmed.
    const password = form.get('password');
    this.error = '';
    this.busy = true;
    try {
      const { user } = await call(api.login, {
        body: { email: fieldValue(form, 'email'), password: typeof password === 'string' ? password : '' },
      });
      this.session?.signedIn(user);
    } catch (error) {
      this.error = errorMessage(error, this.#i18n.t.app.networkError);
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-sign-in-page': SignInPage;
  }
}
