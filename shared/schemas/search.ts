import { z } from 'zod';
import { line } from './text';

/** What a search looks for: any part of a proposal's, the minutes' or the strategy's text (or a proposal's title), Korean included. */
export const SearchQuery = z.strictObject({
  q: line(100),
});

/** The passage around a match: the client shows `match` marked (<mark>) between the two. */
export const SearchSnippet = z.object({
  before: z.string(),
  match: z.string(),
  after: z.string(),
});
export type SearchSnippet = z.infer<typeof SearchSnippet>;

export const searchHitKinds = ['proposal', 'minutes', 'strategy'] as const;

export const SearchHit = z.object({
  kind: z.enum(searchHitKinds),
  /** The proposal's id, the meeting's for its minutes, the forum's for the strategy. */
  id: z.string(),
  /** The proposal's title, or the meeting's; empty for the strategy, which the client names in the reader's language. */
  title: z.string(),
  /** Where the words were found. */
  field: z.enum(['title', 'text']),
  /** The passages around the first three matches, in the text's order (one for a title). */
  snippets: z.array(SearchSnippet).min(1).max(3),
  /** How many times the words occur in the text (or the title), including matches not shown. */
  matches: z.number().int().positive(),
  /** When the text (or the proposal) last changed. */
  updatedAt: z.string(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchResponse = z.object({ hits: z.array(SearchHit) });
