import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { LocaleController, localeNames, localeState, locales } from '../i18n/i18n';
import { sharedStyles } from '../styles/shared-styles';

/** 한국어 / English: a pair of toggle buttons; the pressed one is the current language. */
@customElement('fw-lang-switch')
export class LangSwitch extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: inline-block;
      }
      .group {
        display: inline-flex;
        border: 1px solid rgb(255 255 255 / 0.6);
        border-radius: 999px;
        overflow: hidden;
      }
      button {
        min-height: 32px;
        padding: 0 14px;
        border: 0;
        border-radius: 0;
        background: transparent;
        color: #fff;
        font-weight: 500;
        font-size: 0.875rem;
      }
      button:hover {
        background: rgb(255 255 255 / 0.15);
        border: 0;
      }
      button[aria-pressed='true'] {
        background: #fff;
        color: var(--fw-navy);
        font-weight: 700;
      }
      button:focus-visible {
        outline: 3px solid #ffd166;
        outline-offset: -3px;
      }
    `,
  ];

  readonly #i18n = new LocaleController(this);

  override render() {
    const current = this.#i18n.locale;
    return html`<div class="group" role="group" aria-label=${this.#i18n.t.header.language}>
      ${locales.map(
        (locale) =>
          html`<button type="button" lang=${locale} aria-pressed=${String(locale === current)} @click=${() => void localeState.set(locale)}>
            ${localeNames[locale]}
          </button>`,
      )}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-lang-switch': LangSwitch;
  }
}
