import { describe, expect, it } from 'vitest';
import { en } from '../../../client/i18n/en';
import { ko } from '../../../client/i18n/ko';
import { enReasons } from '../../../client/i18n/reasons-en';
import { koReasons } from '../../../client/i18n/reasons-ko';

/**
 * Every language says everything. The types already demand each key of the Catalogue; this
 * reads the objects themselves, so a key added through a cast or a spread, or a word left as
 * a string where the other language takes parameters, shows too.
 */
/** Each leaf as "path: kind" (a string, an empty one, a function), in key order. */
function leaves(words: object, path = ''): string[] {
  return Object.entries(words)
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([key, value]: [string, unknown]) => {
      const at = path ? `${path}.${key}` : key;
      if (value !== null && typeof value === 'object') return leaves(value, at);
      return [`${at}: ${value === '' ? 'empty' : typeof value}`];
    });
}

/** Each string leaf with its path, for checks of the words themselves. */
function strings(words: object, path = ''): [string, string][] {
  return Object.entries(words).flatMap(([key, value]: [string, unknown]): [string, string][] => {
    const at = path ? `${path}.${key}` : key;
    if (typeof value === 'string') return [[at, value]];
    return value !== null && typeof value === 'object' ? strings(value, at) : [];
  });
}

describe('the Korean and English catalogues', () => {
  // A word left empty on purpose (nothing to say, e.g. polls.tallyHidden.live) is empty in both.
  it('have the same keys, each a sentence in both, empty in both, or a function of its values in both', () => {
    expect(leaves(en)).toEqual(leaves(ko));
  });

  it('say every refusal in both languages', () => {
    expect(leaves(enReasons)).toEqual(leaves(koReasons));
  });

  it('leave no Korean in English', () => {
    const hangul = /[가-힣]/;
    expect(strings(en).filter(([, text]) => hangul.test(text)).map(([at]) => at)).toEqual([]);
  });
});
