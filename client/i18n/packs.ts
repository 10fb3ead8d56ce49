import type { Catalogue } from './catalogue';
import { ko } from './ko';
import type { ReasonSentences } from './reason-words';
import { koReasons } from './reasons-ko';

import { locales, type Locale } from '../../shared/domain';

export { locales, type Locale };

/** Each language's name in itself, for the language switch (known before its catalogue loads). */
export const localeNames: Record<Locale, string> = { ko: '한국어', en: 'English' };

/** Everything a language says: the catalogue and the words for every refusal. */
export interface LocalePack {
  catalogue: Catalogue;
  reasons: ReasonSentences;
}

/**
 * Korean is built in; another language's pack is a chunk of its own, fetched only by
 * someone who reads it (most readers never download the English strings).
 */
const packs: Partial<Record<Locale, LocalePack>> = { ko: { catalogue: ko, reasons: koReasons } };
const loaders: Record<Exclude<Locale, 'ko'>, () => Promise<LocalePack>> = {
  en: async () => (await import('./en-pack')).enPack,
};

/** Fetches a language's pack once; resolves when it can be used. */
export async function loadPack(locale: Locale): Promise<LocalePack> {
  const loaded = packs[locale];
  if (loaded) return loaded;
  const pack = await loaders[locale as Exclude<Locale, 'ko'>]();
  packs[locale] = pack;
  return pack;
}

export const isPackLoaded = (locale: Locale): boolean => packs[locale] !== undefined;

/** A loaded language's pack; Korean while another is still on its way. */
export const packOf = (locale: Locale): LocalePack => packs[locale] ?? packs.ko!;
