import { SearchQuery, SearchResponse } from '../schemas/search';
import { endpoint } from './endpoint';

/** Search over the text of proposals and minutes. */
export const searchEndpoints = {
  search: endpoint({
    method: 'get', path: '/api/search', tag: 'search', access: 'signed-in (each hit only to those who may read it)',
    summary: 'Proposals and minutes whose text (or a proposal whose title) contains the words, Korean included, with the passage around the match',
    query: SearchQuery, response: SearchResponse,
  }),
} as const;
