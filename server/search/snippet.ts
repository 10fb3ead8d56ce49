import type { SearchSnippet } from '../../shared/schemas/search';

/** Characters of context shown before and after a match. */
const BEFORE = 40;
const AFTER = 80;
/** Most passages shown for one document. */
export const MAX_PASSAGES = 3;

/** ASCII letters folded, as the stores fold them (lower() folds ASCII only; Hangul has no case); same length. */
const foldAscii = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** Where `text` contains `q`, as offsets of non-overlapping matches from the start. */
function matchStarts(text: string, q: string): number[] {
  const starts: number[] = [];
  for (let at = text.indexOf(q); at >= 0 && q.length > 0; at = text.indexOf(q, at + q.length)) starts.push(at);
  return starts;
}

/**
 * The passage around the match at `at`, kept within [floor, ceiling): it never reaches back
 * into the passage before nor on to the next match, so no passage shows a match unmarked.
 * A cut end starts and stops at a space where one is near, not inside a word, and gets "…".
 */
function passage(flat: string, at: number, length: number, floor: number, ceiling: number): { snippet: SearchSnippet; to: number } {
  const end = at + length;
  let from = Math.max(floor, at - BEFORE);
  const space = flat.indexOf(' ', from);
  if (from > 0 && space >= 0 && space < at && space - from < 16) from = space + 1;
  let to = Math.min(ceiling, end + AFTER);
  const lastSpace = flat.lastIndexOf(' ', to);
  if (to < flat.length && lastSpace > end && to - lastSpace < 16) to = lastSpace;
  const snippet = {
    before: (from > 0 ? '…' : '') + flat.slice(from, at).trimStart(),
    match: flat.slice(at, end),
    after: flat.slice(end, to).trimEnd() + (to < flat.length ? '…' : ''),
  };
  return { snippet, to };
}

/** The passages around where a text contains the words, and how many times it does. */
export interface Passages {
  /** The first MAX_PASSAGES matches, each with the text around it, in the text's order. */
  snippets: SearchSnippet[];
  /** Every match in the text, including those not shown. */
  matches: number;
}

/**
 * The passages around the first few places `text` contains `q`, split so the client can mark
 * each match (the text is never sent as HTML). Lines run together. Null when the text does not
 * contain it (the index and this disagree only on normalization, which both sides do the same way).
 */
export function passagesOf(text: string, q: string): Passages | null {
  const flat = text.replace(/\s+/g, ' ');
  const query = q.replace(/\s+/g, ' ');
  const starts = matchStarts(foldAscii(flat), foldAscii(query));
  if (starts.length === 0) return null;
  const snippets: SearchSnippet[] = [];
  let floor = 0;
  for (const [i, at] of starts.slice(0, MAX_PASSAGES).entries()) {
    const { snippet, to } = passage(flat, at, query.length, floor, starts[i + 1] ?? flat.length);
    snippets.push(snippet);
    floor = to;
  }
  return { snippets, matches: starts.length };
}
