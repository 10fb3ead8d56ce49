/** The strings of search over proposals, minutes and the strategy. Part of the app's Catalogue as `t.search`. */
export interface SearchCatalogue {
  /** The header's field and the page's heading. */
  title: string;
  label: string;
  hint: string;
  submit: string;
  intro: string;
  searching: string;
  empty: (q: string) => string;
  count: (n: number, q: string) => string;
  kinds: { proposal: string; minutes: string; strategy: string };
  /** Where the words were found. */
  fields: { title: string; text: string };
  /** How many times the words occur in the document (up to three passages are shown). */
  matches: (n: number) => string;
  changed: (time: string) => string;
}
