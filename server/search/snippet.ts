import type { SearchSnippet } from '../../shared/schemas/search';

/** Characters of context shown before and after the match. */
const BEFORE = 40;
const AFTER = 80;

/** ASCII letters folded, as the stores fold them (lower() folds ASCII only; Hangul has no case); same length. */
const foldAscii = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * The passage around the first place `text` contains `q`, split so the client can mark
 * the match (the text is never sent as HTML). Lines run together; a cut end gets "…".
 * Null when the text does not contain it (the index and this disagree only on
 * normalization, which both sides do the same way).
 */
export function snippetOf(text: string, q: string): SearchSnippet | null {
  const flat = text.replace(/\s+/g, ' ');
  const query = q.replace(/\s+/g, ' ');
  const at = foldAscii(flat).indexOf(foldAscii(query));
  if (at < 0) return null;
  const end = at + query.length;
  // A cut end starts and stops at a space where one is near, not inside a word.
  let from = Math.max(0, at - BEFORE);
  const space = flat.indexOf(' ', from);
  if (from > 0 && space >= 0 && space < at && space - from < 16) from = space + 1;
  let to = Math.min(flat.length, end + AFTER);
  const lastSpace = flat.lastIndexOf(' ', to);
  if (to < flat.length && lastSpace > end && to - lastSpace < 16) to = lastSpace;
  return {
    before: (from > 0 ? '…' : '') + flat.slice(from, at).trimStart(),
    match: flat.slice(at, end),
    after: flat.slice(end, to).trimEnd() + (to < flat.length ? '…' : ''),
  };
}
