import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../../shared/api/endpoints';
import { deliveryChoices, notificationKinds, offersChoice } from '../../shared/notifications';
import type { DeliveryChoice, NotificationKind, Preferences } from '../../shared/schemas/notifications';
import { call, errorMessage, said } from '../http/call';
import { LocaleController } from '../i18n/i18n';
import { sharedStyles } from '../styles/shared-styles';
import type { Said } from '../i18n/said';

/** Per kind of event: in the app only, in the app and by e-mail, or off; and the e-mail language. */
@customElement('fw-notification-preferences')
export class NotificationPreferences extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      table {
        width: 100%;
        border-collapse: collapse;
        font-size: 0.875rem;
      }
      th,
      td {
        text-align: left;
        padding: 4px;
      }
    `,
  ];

  @state() private prefs: Preferences | null = null;
  @state() private message = '';
  @state() private error: Said | null = null;

  readonly #i18n = new LocaleController(this);
  readonly #load = new Task(this, {
    task: async () => {
      this.prefs = (await call(api.notificationPreferences)).preferences;
    },
    args: () => [],
  });

  override render() {
    const { t } = this.#i18n;
    const p = t.notifications.preferences;
    const prefs = this.prefs;
    return html`<form @submit=${this.#save} aria-label=${p.title}>
      <p class="muted">${p.intro}</p>
      ${this.#load.render({ error: (e) => html`<p class="message error">${errorMessage(e, t.app.networkError)}</p>` })}
      ${prefs
        ? html`<table>
              <thead><tr><th scope="col">${p.kind}</th><th scope="col"></th></tr></thead>
              <tbody>
                ${notificationKinds.map(
                  (kind) => html`<tr>
                    <th scope="row"><label for="pref-${kind}">${t.notifications.kinds[kind]}</label></th>
                    <td>
                      <select id="pref-${kind}" name=${kind} @change=${(e: Event) => this.#choose(kind, (e.target as HTMLSelectElement).value as DeliveryChoice)}>
                        ${deliveryChoices.filter((c) => offersChoice(kind, c)).map((c) => html`<option value=${c} ?selected=${prefs.kinds[kind] === c}>${t.notifications.choices[c]}</option>`)}
                      </select>
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>
            <label
              >${p.language}
              <select name="locale" @change=${(e: Event) => (this.prefs = { ...prefs, locale: (e.target as HTMLSelectElement).value as Preferences['locale'] })}>
                <option value="ko" ?selected=${prefs.locale === 'ko'}>한국어</option>
                <option value="en" ?selected=${prefs.locale === 'en'}>English</option>
              </select></label
            >
            <button type="submit" class="small">${p.save}</button>`
        : nothing}
      <div role="status">${this.message ? html`<p class="message success">${this.message}</p>` : nothing}</div>
      <div role="alert">${this.error ? html`<p class="message error">${this.error(this.#i18n.t)}</p>` : nothing}</div>
    </form>`;
  }

  #choose(kind: NotificationKind, choice: DeliveryChoice) {
    if (this.prefs) this.prefs = { ...this.prefs, kinds: { ...this.prefs.kinds, [kind]: choice } };
  }

  readonly #save = async (event: Event) => {
    event.preventDefault();
    if (!this.prefs) return;
    this.message = '';
    this.error = null;
    try {
      this.prefs = (await call(api.setNotificationPreferences, { body: { kinds: this.prefs.kinds, locale: this.prefs.locale } })).preferences;
      this.message = this.#i18n.t.notifications.preferences.saved;
    } catch (error) {
      this.error = said(error);
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-notification-preferences': NotificationPreferences;
  }
}
