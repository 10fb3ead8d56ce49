import { beforeRestoreVersionLabel } from '../../shared/versions/labels';
import * as Y from 'yjs';
import type { z } from 'zod';
import type { AuditAction } from '../../shared/audit-actions';
import type { User } from '../../shared/domain';
import { err, ok, type Result } from '../../shared/result';
import type { ProposalVersion } from '../../shared/schemas/proposals';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { DocumentServer } from '../documents';
import type { DocStore, DocVersionInfo } from '../documents/doc-store';
import { TEXT_FIELD } from '../../shared/text-field';
import type { Transactor, Tx } from '../store/store';

type VersionView = z.infer<typeof ProposalVersion>;

/**
 * Makes the text of `live` equal to the text of `snapshot` (a full state update), as
 * ordinary new operations: history and concurrent peers stay intact. Comments and
 * other fields of the document are left as they are. Only the blocks that differ are
 * replaced (a longest common subsequence of top-level blocks), so a comment anchored
 * in a block the restore does not change keeps its anchor (issue 17).
 */
export function replaceText(live: Y.Doc, snapshot: Uint8Array): void {
  const source = new Y.Doc();
  Y.applyUpdate(source, snapshot);
  // Tiptap content holds elements and text only; hooks (custom YMaps) never occur in it.
  const wanted = source
    .getXmlFragment(TEXT_FIELD)
    .toArray()
    .filter((node): node is Y.XmlElement | Y.XmlText => !(node instanceof Y.XmlHook));
  const to = live.getXmlFragment(TEXT_FIELD);
  const have = to.toArray().map((node) => node.toString());
  const want = wanted.map((node) => node.toString());
  const common = commonAfter(have, want);
  live.transact(() => {
    let i = 0;
    let j = 0;
    let at = 0;
    while (i < have.length || j < want.length) {
      if (i < have.length && j < want.length && have[i] === want[j]) {
        i++;
        j++;
        at++;
      } else if (j < want.length && (i === have.length || common(i, j + 1) >= common(i + 1, j))) {
        to.insert(at++, [wanted[j++]!.clone()]);
      } else {
        to.delete(at, 1);
        i++;
      }
    }
  });
  source.destroy();
}

/** `common(i, j)`: the length of the longest common subsequence of a[i..] and b[j..]. */
function commonAfter(a: string[], b: string[]): (i: number, j: number) => number {
  const width = b.length + 1;
  const table = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * width + j] = a[i] === b[j] ? table[(i + 1) * width + j + 1]! + 1 : Math.max(table[(i + 1) * width + j]!, table[i * width + j + 1]!);
    }
  }
  return (i, j) => table[i * width + j]!;
}

/** What a versioned text belongs to (a proposal, the strategy): its document, who may change it, its audit actions. */
export interface VersionedSubject {
  /** "proposal", "strategy": in error messages. */
  readonly noun: string;
  readonly actions: { readonly version: AuditAction; readonly restore: AuditAction };
  docName(id: string): string;
  exists(id: string): Promise<boolean>;
  /** Ok when `actor` may save and restore versions now; else why not. */
  writable(actor: User, id: string): Promise<Result<unknown>>;
  /** Inside a restore's transaction: what else marks the subject as changed (a proposal's change time). */
  touch?(tx: Tx, id: string, at: string): Promise<void>;
}

export interface DocVersionsDeps {
  docs: DocStore;
  /** A version, a restore and their audit entries commit in one transaction. */
  db: Transactor;
  /** The live texts, read and restored in place (proposals and the strategy hand in their LiveDocuments). */
  documents: Pick<DocumentServer, 'state' | 'exclusive'>;
  audit: AuditLog;
  clock: Clock;
  /** Display names of the people who saved versions. */
  userNames(ids: string[]): Promise<Map<string, string>>;
}

/** Named snapshots of a co-edited text: list, take, show, restore. Proposals and the strategy share it. */
export class DocVersions {
  constructor(
    private readonly d: DocVersionsDeps,
    private readonly subject: VersionedSubject,
  ) {}

  async list(id: string): Promise<Result<VersionView[]>> {
    if (!(await this.subject.exists(id))) return this.notFound();
    return ok(await this.views(await this.d.docs.listVersions(this.subject.docName(id))));
  }

  async create(actor: User, id: string, label: string): Promise<Result<VersionView>> {
    const allowed = await this.writable(actor, id);
    if (!allowed.ok) return allowed;
    const docName = this.subject.docName(id);
    const state = await this.d.documents.state(docName);
    const info = await this.d.db.transaction(async (tx) => {
      const saved = await this.save(tx, docName, label, state, actor.id);
      await this.d.audit.in(tx).record(actor.id, this.subject.actions.version, docName, { version: saved.id, label });
      return saved;
    });
    return ok((await this.views([info]))[0]!);
  }

  async fetch(id: string, versionId: string): Promise<Result<VersionView & { state: string }>> {
    const version = await this.d.docs.version(versionId);
    if (!version || version.docName !== this.subject.docName(id)) return this.noVersion();
    const [view] = await this.views([version]);
    return ok({ ...view!, state: Buffer.from(version.state).toString('base64') });
  }

  /**
   * A restore is a new edit; the text it replaces is kept as a version first, so nothing is
   * lost. The backup, the edit, the subject's change time and the audit entry commit
   * together; the edit reaches live editors only then.
   */
  async restore(actor: User, id: string, versionId: string): Promise<Result<{ restored: VersionView; backup: VersionView }>> {
    const allowed = await this.writable(actor, id);
    if (!allowed.ok) return allowed;
    const docName = this.subject.docName(id);
    const version = await this.d.docs.version(versionId);
    if (!version || version.docName !== docName) return this.noVersion();
    const backup = await this.d.documents.exclusive(docName, async (doc) => {
      const before = doc.state();
      const edit = doc.stage((live) => replaceText(live, version.state));
      return this.d.db.transaction(async (tx) => {
        const saved = await this.save(tx, docName, beforeRestoreVersionLabel(version.label), before, actor.id);
        await edit?.append(tx);
        await this.subject.touch?.(tx, id, this.now());
        await this.d.audit.in(tx).record(actor.id, this.subject.actions.restore, docName, { version: version.id, label: version.label, backup: saved.id });
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

  private async writable(actor: User, id: string): Promise<Result<unknown>> {
    if (!(await this.subject.exists(id))) return this.notFound();
    return this.subject.writable(actor, id);
  }

  private async views(infos: DocVersionInfo[]): Promise<VersionView[]> {
    const names = await this.d.userNames(infos.flatMap((v) => (v.createdBy ? [v.createdBy] : [])));
    return infos.map((v) => ({
      id: v.id,
      label: v.label,
      createdBy: v.createdBy,
      createdByName: v.createdBy ? (names.get(v.createdBy) ?? null) : null,
      createdAt: v.createdAt,
    }));
  }

  private notFound() {
    return err('not_found', `No such ${this.subject.noun}.`, this.subject.noun === 'proposal' ? 'missing.proposal' : 'missing.strategy');
  }

  private noVersion() {
    return err('not_found', `No such version of this ${this.subject.noun}.`, 'missing.version');
  }

  private now(): string {
    return new Date(this.d.clock.now()).toISOString();
  }
}
