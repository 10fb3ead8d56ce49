import * as Y from 'yjs';
import type { z } from 'zod';
import type { User } from '../../shared/domain';
import { can } from '../../shared/permissions';
import { isTextLocked, statusNames } from '../../shared/proposals/workflow';
import { err, ok, type Result } from '../../shared/result';
import type { ProposalVersion } from '../../shared/schemas/proposals';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { DocStore, DocVersionInfo } from '../documents/doc-store';
import type { Transactor, Tx } from '../store/store';
import { proposalDocName, TEXT_FIELD, type LiveDocuments } from './live-documents';
import type { ProposalRow, ProposalStore } from './proposal-store';

type VersionView = z.infer<typeof ProposalVersion>;

export interface ProposalVersionsDeps {
  store: ProposalStore;
  docs: DocStore;
  /** A version, a restore and their audit entries commit in one transaction. */
  db: Transactor;
  documents: LiveDocuments;
  audit: AuditLog;
  clock: Clock;
}

/**
 * Makes the text of `live` equal to the text of `snapshot` (a full state update), as
 * ordinary new operations: history and concurrent peers stay intact. Comments and
 * other fields of the document are left as they are.
 */
export function replaceText(live: Y.Doc, snapshot: Uint8Array): void {
  const source = new Y.Doc();
  Y.applyUpdate(source, snapshot);
  const from = source.getXmlFragment(TEXT_FIELD);
  const to = live.getXmlFragment(TEXT_FIELD);
  live.transact(() => {
    to.delete(0, to.length);
    // Tiptap content holds elements and text only; hooks (custom YMaps) never occur in it.
    const nodes = from.toArray().filter((node): node is Y.XmlElement | Y.XmlText => !(node instanceof Y.XmlHook));
    to.insert(0, nodes.map((node) => node.clone()));
  });
  source.destroy();
}

/** Named snapshots of a proposal's text: list, take, show, restore. */
export class ProposalVersions {
  constructor(private readonly d: ProposalVersionsDeps) {}

  async list(id: string): Promise<Result<VersionView[]>> {
    if (!(await this.d.store.byId(id))) return notFound();
    return ok(await this.views(await this.d.docs.listVersions(proposalDocName(id))));
  }

  async create(actor: User, id: string, label: string): Promise<Result<VersionView>> {
    const found = await this.writable(actor, id);
    if (!found.ok) return found;
    const docName = proposalDocName(id);
    const state = await this.d.documents.state(docName);
    const info = await this.d.db.transaction(async (tx) => {
      const saved = await this.save(tx, docName, label, state, actor.id);
      await this.d.audit.in(tx).record(actor.id, 'proposals.version', docName, { version: saved.id, label });
      return saved;
    });
    return ok((await this.views([info]))[0]!);
  }

  async fetch(id: string, versionId: string): Promise<Result<VersionView & { state: string }>> {
    const version = await this.d.docs.version(versionId);
    if (!version || version.docName !== proposalDocName(id)) return err('not_found', 'No such version of this proposal.');
    const [view] = await this.views([version]);
    return ok({ ...view!, state: Buffer.from(version.state).toString('base64') });
  }

  /**
   * A restore is a new edit; the text it replaces is kept as a version first, so nothing is
   * lost. The backup, the edit, the proposal's change time and the audit entry commit
   * together; the edit reaches live editors only then.
   */
  async restore(actor: User, id: string, versionId: string): Promise<Result<{ restored: VersionView; backup: VersionView }>> {
    const found = await this.writable(actor, id);
    if (!found.ok) return found;
    const docName = proposalDocName(id);
    const version = await this.d.docs.version(versionId);
    if (!version || version.docName !== docName) return err('not_found', 'No such version of this proposal.');
    const backup = await this.d.documents.exclusive(docName, async (doc) => {
      const before = doc.state();
      const edit = doc.stage((live) => replaceText(live, version.state));
      return this.d.db.transaction(async (tx) => {
        const saved = await this.save(tx, docName, `복원 전 (before restore): ${version.label}`, before, actor.id);
        await edit?.append(tx);
        await tx.proposals.touch(id, this.now());
        await this.d.audit.in(tx).record(actor.id, 'proposals.restore', docName, { version: version.id, label: version.label, backup: saved.id });
        return saved;
      });
    });
    const [restored, saved] = await this.views([version, backup]);
    return ok({ restored: restored!, backup: saved! });
  }

  /** Saves `state` as a version inside `tx`; `createdBy` null marks a snapshot the system took. */
  private async save(tx: Tx, docName: string, label: string, state: Uint8Array, createdBy: string | null): Promise<DocVersionInfo> {
    const createdAt = this.now();
    const versionId = await tx.docs.saveVersion({ docName, label, state, createdBy, createdAt });
    return { id: versionId, docName, label, createdBy, createdAt };
  }

  /** The proposal, if `actor` may write its text now. */
  private async writable(actor: User, id: string): Promise<Result<ProposalRow>> {
    const row = await this.d.store.byId(id);
    if (!row) return notFound();
    if (can(actor, { type: 'proposals.edit', proposal: row })) return ok(row);
    if (isTextLocked(row.status)) {
      return err('conflict', `The text is locked while the proposal is ${statusNames[row.status].en}; only a draft can change.`);
    }
    return err('forbidden', "Only the chair of this proposal's subcommittee and ministry staff can change its text.");
  }

  private async views(infos: DocVersionInfo[]): Promise<VersionView[]> {
    const names = await this.d.store.userNames(infos.flatMap((v) => (v.createdBy ? [v.createdBy] : [])));
    return infos.map((v) => ({
      id: v.id,
      label: v.label,
      createdBy: v.createdBy,
      createdByName: v.createdBy ? (names.get(v.createdBy) ?? null) : null,
      createdAt: v.createdAt,
    }));
  }

  private now(): string {
    return new Date(this.d.clock.now()).toISOString();
  }
}

const notFound = () => err('not_found', 'No such proposal.');
