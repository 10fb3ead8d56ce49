import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { DocKind } from '../documents/access';
import type { Store } from '../store/store';
import type { LiveDocuments } from './live-documents';
import { ProposalService, type ProposalServiceDeps } from './proposal-service';
import { proposalVersions, type ProposalVersions } from './versions';

export { proposalRoutes } from './routes';
export { proposalDocName } from './live-documents';

/** The proposals domain, assembled: its commands, its versions and its kind of document. */
export interface Proposals {
  service: ProposalService;
  versions: ProposalVersions;
  /** `proposal:<id>` documents: writers and readers as the permissions module decides. */
  docKind: DocKind;
}

/** Builds the domain over the durable store and the document server. */
export function createProposals(d: {
  store: Store;
  documents: LiveDocuments;
  audit: AuditLog;
  clock: Clock;
  onChanged?: ProposalServiceDeps['onChanged'];
  announce?: ProposalServiceDeps['announce'];
  incorporate?: ProposalServiceDeps['incorporate'];
}): Proposals {
  const versions = proposalVersions({ store: d.store.proposals, docs: d.store.docs, db: d.store, documents: d.documents, audit: d.audit, clock: d.clock });
  const service = new ProposalService({
    store: d.store.proposals,
    db: d.store,
    documents: d.documents,
    audit: d.audit,
    clock: d.clock,
    onChanged: d.onChanged,
    announce: d.announce,
    incorporate: d.incorporate,
  });
  return {
    service,
    versions,
    docKind: { prefix: 'proposal', access: (user, id) => service.docAccess(user, id) },
  };
}
