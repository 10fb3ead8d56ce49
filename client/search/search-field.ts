import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { fieldValue, ImeSubmitGuard } from '../forms/ime-guard';
import { LocaleController } from '../i18n/i18n';
import { navigate } from '../router/router-controller';
import { searchPath } from '../router/routes';
import { sharedStyles } from '../styles/shared-styles';

/** The header's search field: Enter (or the button) opens the search page for the words. */
@customElement('fw-search-field')
export class SearchField extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      form {
        display: flex;
        gap: 6px;
        align-items: center;
      }
      input {
        width: 13rem;
        min-width: 0;
        min-height: 40px;
      }
      @media (max-width: 600px) {
        input {
          flex: 1;
          width: auto;
        }
      }
      button {
        min-height: 40px;
        padding: 0 14px;
      }
    `,
  ];

  /** The words searched for now (on the search page), shown in the field. */
  @property() q = '';

  readonly #i18n = new LocaleController(this);
  readonly #ime = new ImeSubmitGuard();

  override render() {
    const { t } = this.#i18n;
    return html`<form role="search" aria-label=${t.search.label} @submit=${this.#submit} @keydown=${this.#ime.keydown} @keyup=${this.#ime.keyup}>
      <input name="q" type="search" autocomplete="off" maxlength="100" aria-label=${t.search.label} placeholder=${t.search.hint} .value=${this.q} />
      <button type="submit" class="secondary">${t.search.submit}</button>
    </form>`;
  }

  readonly #submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (this.#ime.composing(event)) return;
    const q = fieldValue(new FormData(event.target as HTMLFormElement), 'q');
    if (q) navigate(searchPath(q));
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-search-field': SearchField;
  }
}
