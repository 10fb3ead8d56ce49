import { en } from './en';
import type { LocalePack } from './packs';
import { enReasons } from './reasons-en';

/** English: loaded by packs.ts when someone reads the page in English. */
export const enPack: LocalePack = { catalogue: en, reasons: enReasons };
