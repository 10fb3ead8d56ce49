import { STRATEGY_PREFIX, FORUM_ID } from '../../shared/strategy';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { DocKind } from '../documents/access';
import type { LiveDocuments } from '../proposals/live-documents';
import type { Store } from '../store/store';
import { StrategyService, type MoveToIncorporated } from './strategy-service';

export { strategyRoutes } from './routes';

/** The strategy domain, assembled: its commands and its kind of document. */
export interface Strategy {
  service: StrategyService;
  /** `strategy:<forumId>`: ministry staff write, chairpersons comment, others read. */
  docKind: DocKind;
}

export function createStrategy(d: {
  store: Store;
  documents: LiveDocuments;
  audit: AuditLog;
  clock: Clock;
  moveToIncorporated: MoveToIncorporated;
}): Strategy {
  const service = new StrategyService({ store: d.store, documents: d.documents, audit: d.audit, clock: d.clock, moveToIncorporated: d.moveToIncorporated });
  return {
    service,
    // Comments come through the same DocKind mechanism as proposals and minutes: 'comment' access.
    docKind: { prefix: STRATEGY_PREFIX, access: async (user, id) => (id === FORUM_ID ? service.access(user) : null) },
  };
}
