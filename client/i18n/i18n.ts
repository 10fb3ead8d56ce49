import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Catalogue } from './catalogue';
import { isPackLoaded, loadPack, locales, packOf, type Locale } from './packs';

export { localeNames, locales, type Locale } from './packs';

const storageKey = 'fw.locale';
const isLocale = (value: unknown): value is Locale => locales.includes(value as Locale);

function storedLocale(): Locale {
  try {
    const value = localStorage.getItem(storageKey);
    return isLocale(value) ? value : 'ko';
  } catch {
    return 'ko'; // storage may be blocked; Korean first
  }
}

type Listener = (locale: Locale) => void;

/**
 * The page's one current language: remembered in localStorage, mirrored in `<html lang>`.
 * A language other than Korean becomes current once its pack has loaded; until the
 * remembered one has, `settling` is true and the app shows its boot message.
 */
class LocaleState {
  #locale: Locale = 'ko';
  #settling = false;
  readonly #listeners = new Set<Listener>();

  constructor() {
    document.documentElement.lang = this.#locale;
    const remembered = storedLocale();
    if (remembered !== 'ko') {
      this.#settling = true;
      void this.set(remembered).finally(() => {
        this.#settling = false;
        this.#notify();
      });
    }
  }

  get locale(): Locale {
    return this.#locale;
  }

  get settling(): boolean {
    return this.#settling;
  }

  /** The current language's strings. */
  get catalogue(): Catalogue {
    return packOf(this.#locale).catalogue;
  }

  /** Switches once the language's pack is here; a failed fetch leaves the page as it is. */
  async set(locale: Locale): Promise<void> {
    if (!isPackLoaded(locale)) {
      try {
        await loadPack(locale);
      } catch {
        return;
      }
    }
    if (locale === this.#locale) return;
    this.#locale = locale;
    document.documentElement.lang = locale;
    try {
      localStorage.setItem(storageKey, locale);
    } catch {
      // not remembered across visits; the switch still works for this page
    }
    this.#notify();
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #notify(): void {
    for (const listener of this.#listeners) listener(this.#locale);
  }
}

export const localeState = new LocaleState();

/** Gives a component the current catalogue and re-renders it when the language changes. */
export class LocaleController implements ReactiveController {
  #unsubscribe: (() => void) | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  get locale(): Locale {
    return localeState.locale;
  }

  /** The current language's strings. */
  get t(): Catalogue {
    return localeState.catalogue;
  }

  hostConnected(): void {
    this.#unsubscribe = localeState.subscribe(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}
