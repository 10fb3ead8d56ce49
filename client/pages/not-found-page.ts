import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { LocaleController } from '../i18n/i18n';
import { sharedStyles } from '../styles/shared-styles';
import { pageStyles } from './page-styles';

/** An address the app does not know. */
@customElement('fw-not-found-page')
export class NotFoundPage extends LitElement {
  static override styles = [sharedStyles, pageStyles];

  readonly #i18n = new LocaleController(this);

  override render() {
    const { t } = this.#i18n;
    return html`<div class="page">
      <section class="narrow card">
        <h1>${t.app.notFoundTitle}</h1>
        <p class="intro">${t.app.notFoundBody}</p>
        <a class="button" href="/">${t.app.goHome}</a>
      </section>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-not-found-page': NotFoundPage;
  }
}
