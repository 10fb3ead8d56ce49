/**
 * Text a record can trust (issue 14.4): reusable zod schemas for every title, name, option,
 * label and note that people type. Each value is NFC-normalized (so "한" typed as jamo and as a
 * syllable are one value) and trimmed, and refused, with the field named by its path, when it
 * holds control characters, a line break where one line is expected, bidirectional overrides
 * (which can make a title read differently than it is stored), or nothing visible at all.
 */
import { z } from 'zod';

/** C0 and C1 control characters; `paragraph` allows tab and line feed among them. */
const controls = /[\u0000-\u001F\u007F-\u009F]/u;
const paragraphControls = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;
/** Line breaks other than the control characters: line and paragraph separators. */
const separators = /[\u2028\u2029]/u;
/** Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069); the marks LRM/RLM stay allowed. */
const bidiControls = /[\u202A-\u202E\u2066-\u2069]/u;
/** What renders as nothing: whitespace, zero-width characters, the soft hyphen and Hangul fillers. */
const invisible = /[\s\u00AD\u180E\u200B-\u200D\u2060\uFEFF\u115F\u1160\u3164\uFFA0]/gu;

const codePoint = (s: string, pattern: RegExp): string => {
  const found = s.match(pattern)?.[0] ?? '';
  return `U+${(found.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
};

/** Trims, NFC-normalizes and refuses invisible-only values; `lines`: whether line breaks are allowed. */
function typed(max: number, lines: boolean) {
  const forbidden = lines ? paragraphControls : controls;
  return z
    .string()
    .overwrite((s) => (lines ? s.replace(/\r\n?/g, '\n') : s).normalize('NFC'))
    .trim()
    .max(max, `must be at most ${max} characters`)
    .superRefine((s, ctx) => {
      const issue = (message: string) => ctx.addIssue({ code: 'custom', message });
      if (s.replace(invisible, '') === '') return issue(s === '' ? 'must not be empty' : 'must not be empty: it holds only spaces or invisible characters');
      if (!lines && /[\n\r]/.test(s)) return issue('must be one line: no line breaks');
      if (!lines && separators.test(s)) return issue(`must be one line: no line or paragraph separators (${codePoint(s, separators)})`);
      if (forbidden.test(s)) return issue(`must not contain control characters (${codePoint(s, forbidden)})`);
      if (bidiControls.test(s)) return issue(`must not contain bidirectional override characters (${codePoint(s, bidiControls)}): they make text read differently than it is stored`);
    });
}

/** One line of visible text: titles, names, options, labels, places. */
export const line = (max: number) => typed(max, false);

/** Visible text that may run over several lines (line feeds and tabs allowed): summaries, notes. */
export const paragraph = (max: number) => typed(max, true);

/** How two values compare for "must differ": NFC (already), spaces collapsed, case folded. */
export const sameText = (s: string): string => s.replace(/\s+/gu, ' ').toLocaleLowerCase('ko');
