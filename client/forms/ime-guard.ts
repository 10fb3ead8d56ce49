/**
 * Korean (and other) IME input: the Enter that commits a composition must not
 * submit the form. Chrome marks that keydown `isComposing`; Safari sends it
 * after compositionend with keyCode 229. Put `@keydown=${guard.keydown}` on the
 * form (and `@keyup=${guard.keyup}`), and start the submit handler with `if (guard.composing(event)) return;`.
 */
export class ImeSubmitGuard {
  #imeEnter = false;

  readonly keydown = (event: KeyboardEvent): void => {
    // keyCode is deprecated but is the only signal Safari gives for this case
    this.#imeEnter = event.key === 'Enter' && (event.isComposing || event.keyCode === 229);
  };

  /** The key is released: any submit after this is a real one (a click, a plain Enter). */
  readonly keyup = (): void => {
    this.#imeEnter = false;
  };

  /** True (and the submit cancelled) when this submit came from an IME's Enter. */
  composing(event: Event): boolean {
    const fromIme = this.#imeEnter;
    this.#imeEnter = false;
    if (fromIme) event.preventDefault();
    return fromIme;
  }
}

/** The trimmed text value of a form field. */
export function fieldValue(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/** A password field's value exactly as typed: never trimmed, its spaces may be part of it. */
export function passwordValue(form: FormData, name = 'password'): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}
