import type { User } from '../../shared/domain';
import { can } from '../../shared/permissions';
import { isTextLocked, statusNames } from '../../shared/proposals/workflow';
import { err, ok, type Result } from '../../shared/result';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { DocStore } from '../documents/doc-store';
import type { Transactor } from '../store/store';
import { DocVersions } from '../versions/doc-versions';
import { proposalDocName, type LiveDocuments } from './live-documents';
import type { ProposalStore } from './proposal-store';

/** Named snapshots of a proposal's text (list, take, show, restore): the shared machinery, keyed by proposal id. */
export type ProposalVersions = DocVersions;

export interface ProposalVersionsDeps {
  store: ProposalStore;
  docs: DocStore;
  db: Transactor;
  documents: LiveDocuments;
  audit: AuditLog;
  clock: Clock;
}

/** A proposal's versions: its writers save and restore them (not once the text is locked); a restore touches its change time. */
export function proposalVersions(d: ProposalVersionsDeps): ProposalVersions {
  const writable = async (actor: User, id: string): Promise<Result<true>> => {
    const row = await d.store.byId(id);
    if (!row) return err('not_found', 'No such proposal.', 'missing.proposal');
    if (can(actor, { type: 'proposals.edit', proposal: row })) return ok(true);
    if (isTextLocked(row.status)) {
      return err('conflict', `The text is locked while the proposal is ${statusNames[row.status].en}; only a draft can change.`, 'proposal.locked', { status: row.status });
    }
    return err('forbidden', "Only the chair of this proposal's subcommittee and ministry staff can change its text.", 'role.proposal_writer');
  };
  return new DocVersions(
    { docs: d.docs, db: d.db, documents: d.documents, audit: d.audit, clock: d.clock, userNames: (ids) => d.store.userNames(ids) },
    {
      noun: 'proposal',
      actions: { version: 'proposals.version', restore: 'proposals.restore' },
      docName: proposalDocName,
      exists: async (id) => (await d.store.byId(id)) !== null,
      writable,
      touch: (tx, id, at) => tx.proposals.touch(id, at),
    },
  );
}
