import type { User } from '../../shared/domain';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Store } from '../store/store';
import { SearchIndexer } from './search-indexer';
import { SearchService } from './search-service';

export type { SearchStore, SearchTextRow } from './search-store';
export { searchRoutes } from './routes';
export { SearchIndexer, SearchService };

export interface Search {
  service: SearchService;
  indexer: SearchIndexer;
}

/** Search over proposals', minutes' and the strategy's text: the index kept from the live documents, and the query. */
export function createSearch(d: {
  store: Store;
  clock: Clock;
  logger: Logger;
  delayMs: number;
  mayRead(user: User, docName: string): Promise<boolean>;
}): Search {
  return {
    indexer: new SearchIndexer({ store: d.store, clock: d.clock, logger: d.logger.child({ module: 'search' }), delayMs: d.delayMs }),
    service: new SearchService({ store: d.store, mayRead: d.mayRead }),
  };
}
