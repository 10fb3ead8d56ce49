import { STRATEGY_PREFIX, FORUM_ID } from '../../shared/strategy';
import { err, ok } from '../../shared/result';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { DocKind } from '../documents/access';
import type { LiveDocuments } from '../proposals/live-documents';
import type { Store } from '../store/store';
import { DocVersions } from '../versions/doc-versions';
import { StrategyService, type MoveToIncorporated } from './strategy-service';

export { strategyRoutes } from './routes';

/** The strategy domain, assembled: its commands and its kind of document. */
export interface Strategy {
  service: StrategyService;
  /** Named snapshots of its text, as proposals have them; ministry staff save and restore. */
  versions: DocVersions;
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
  const versions = new DocVersions(
    { docs: d.store.docs, db: d.store, documents: d.documents, audit: d.audit, clock: d.clock, userNames: (ids) => d.store.proposals.userNames(ids) },
    {
      noun: 'strategy',
      actions: { version: 'strategy.version', restore: 'strategy.restore' },
      docName: () => service.docName,
      exists: async (id) => id === FORUM_ID,
      writable: async (actor) => (service.access(actor).text === 'write' ? ok(true) : err('forbidden', "Only ministry staff can change the strategy's text.", 'role.ministry_only')),
    },
  );
  return {
    service,
    versions,
    docKind: { prefix: STRATEGY_PREFIX, access: async (user, id) => (id === FORUM_ID ? service.access(user) : null) },
  };
}
