import type { SearchCatalogue } from './catalogue';

/** English strings of search (terms from shared/GLOSSARY.md). */
export const enSearch: SearchCatalogue = {
  title: 'Search',
  label: 'Search proposals, minutes and the strategy',
  hint: 'e.g. tax credit',
  submit: 'Search',
  intro: 'Looks in the titles and text of proposals and in the text of the minutes and of the strategy.',
  searching: 'Searching…',
  empty: (q) => `No proposal, minutes or strategy text contains “${q}”.`,
  count: (n, q) => `${n} result${n === 1 ? '' : 's'} for “${q}”`,
  kinds: { proposal: 'Proposal', minutes: 'Minutes', strategy: 'Strategy' },
  fields: { title: 'Title', text: 'Text' },
  matches: (n) => `${n} match${n === 1 ? '' : 'es'}`,
  changed: (time) => `Last changed ${time}`,
};
