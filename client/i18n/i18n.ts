import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Catalogue } from './catalogue';
import { en } from './en';
import { ko } from './ko';

export const locales = ['ko', 'en'] as const;
export type Locale = (typeof locales)[number];

export const catalogues: Record<Locale, Catalogue> = { ko, en };

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

/** The page's one current language: remembered in localStorage, mirrored in `<html lang>`. */
class LocaleState {
  #locale: Locale = storedLocale();
  readonly #listeners = new Set<Listener>();

  constructor() {
    document.documentElement.lang = this.#locale;
  }

  get locale(): Locale {
    return this.#locale;
  }

  set(locale: Locale): void {
    if (locale === this.#locale) return;
    this.#locale = locale;
    document.documentElement.lang = locale;
    try {
      localStorage.setItem(storageKey, locale);
    } catch {
      // not remembered across visits; the switch still works for this page
    }
    for (const listener of this.#listeners) listener(locale);
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
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
    return catalogues[localeState.locale];
  }

  hostConnected(): void {
    this.#unsubscribe = localeState.subscribe(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}
