import { statusVersionLabel } from '../../shared/versions/labels';
import * as Y from 'yjs';
import type { z } from 'zod';
import type { User } from '../../shared/domain';
import { can } from '../../shared/permissions';
import { canSome } from '../../shared/permissions/some';
import {
  isVoteDecidable,
  needsReason,
  nextStatuses,
  statusNames,
  stepBetween,
  transitionProblem,
  type ProposalStatus,
  type ProposalStep,
} from '../../shared/proposals/workflow';
import { err, ok, type Result } from '../../shared/result';
import { Verdict, type CreateProposalBody, type Proposal, type ProposalDetail, type UpdateProposalBody } from '../../shared/schemas/proposals';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { grant, type DocGrant } from '../documents/access';
import { newId } from '../ids';
import { proposalDocName, type LiveDocuments } from './live-documents';
import type { ProposalAnnouncement } from '../notifications';
import type { ProposalCheck } from '../polls/ports';
import type { Transactor, Tx } from '../store/store';
import type { ProposalFilter, ProposalRow, ProposalStore } from './proposal-store';

type ProposalView = z.infer<typeof Proposal>;
type DetailView = z.infer<typeof ProposalDetail>;

export interface ProposalServiceDeps {
  store: ProposalStore;
  /** Each command's change, version and audit entry commit in one transaction. */
  db: Transactor;
  documents: LiveDocuments;
  audit: AuditLog;
  clock: Clock;
  /** Told after every change of status, title or summary (live pages reload the proposal). */
  onChanged?(id: string, status: ProposalStatus): void;
  /**
   * Incorporation into the strategy (server/strategy): the move to `incorporated` is that
   * command, which puts the adopted text into its chapter first. Without it, a plain move.
   */
  incorporate?(actor: User, id: string, note: string | null): Promise<Result<true>>;
  /** Tells the subcommittee that a vote moved its proposal (notifications), inside the move's transaction. */
  announce?(tx: Tx, announcement: ProposalAnnouncement): Promise<void>;
}

const stepVerbs: Record<ProposalStep, string> = {
  submit: 'submit',
  start_discussion: 'start discussing',
  adopt: 'adopt',
  reject: 'reject',
  withdraw: 'withdraw',
  incorporate: 'incorporate into the strategy',
  reopen: 'reopen',
};

const view = (r: ProposalRow): ProposalView => ({
  id: r.id,
  title: r.title,
  subcommittee: r.subcommittee,
  status: r.status,
  summary: r.summary,
  createdBy: r.createdBy,
  authorName: r.authorName,
  createdAt: r.createdAt,
  updatedAt: r.lastChangedAt,
});

/** Proposals and their status workflow: the commands, free of HTTP. */
export class ProposalService {
  constructor(private readonly d: ProposalServiceDeps) {}

  async list(filter: ProposalFilter): Promise<ProposalView[]> {
    return (await this.d.store.list(filter)).map(view);
  }

  async get(actor: User, id: string): Promise<Result<DetailView>> {
    const row = await this.d.store.byId(id);
    return row ? ok(await this.detail(actor, row)) : notFound();
  }

  async create(actor: User, body: z.output<typeof CreateProposalBody>): Promise<Result<DetailView>> {
    const subcommittee = body.subcommittee ?? actor.subcommittee;
    if (!subcommittee) return err('invalid_input', 'Choose the subcommittee the proposal belongs to.', 'proposal.subcommittee_required');
    if (!can(actor, { type: 'proposals.create', subcommittee })) {
      // A chair may create, just not there.
      return canSome(actor, 'proposals.create')
        ? err('forbidden', 'Chairs create proposals in their own subcommittee only.', 'role.own_subcommittee')
        : err('forbidden', 'Only chairs and ministry staff can create proposals.', 'role.chairs_and_ministry');
    }
    const now = this.now();
    const id = newId();
    const record = {
      id,
      title: body.title,
      subcommittee,
      status: 'draft' as const,
      summary: body.summary ?? null,
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
    };
    await this.d.db.transaction(async (tx) => {
      await tx.proposals.create(record);
      await this.d.audit.in(tx).record(actor.id, 'proposals.create', proposalDocName(id), { title: body.title, subcommittee });
    });
    return this.get(actor, id);
  }

  /** Title and summary; a chair may change them while the proposal is a draft. */
  async update(actor: User, id: string, body: z.output<typeof UpdateProposalBody>): Promise<Result<DetailView>> {
    const row = await this.d.store.byId(id);
    if (!row) return notFound();
    if (!can(actor, { type: 'proposals.rename', proposal: row })) {
      // Would the actor be let in while the text was open? Then it is the status that refuses, not the role.
      const lockedOut = can(actor, { type: 'proposals.rename', proposal: { ...row, status: 'draft' } });
      return lockedOut
        ? err('conflict', `The proposal is ${statusNames[row.status].en}; only ministry staff can rename it now.`, 'proposal.rename_locked', { status: row.status })
        : err('forbidden', "Only the chair of this proposal's subcommittee and ministry staff can rename it.", 'role.proposal_writer');
    }
    const changes: { title?: string; summary?: string | null } = {};
    if (body.title !== undefined && body.title !== row.title) changes.title = body.title;
    if (body.summary !== undefined && body.summary !== row.summary) changes.summary = body.summary;
    if (Object.keys(changes).length > 0) {
      const details: Record<string, unknown> = {};
      if (changes.title !== undefined) details.title = { from: row.title, to: changes.title };
      if (changes.summary !== undefined) details.summary = { from: row.summary, to: changes.summary };
      await this.d.db.transaction(async (tx) => {
        await tx.proposals.update(id, changes, this.now());
        await this.d.audit.in(tx).record(actor.id, changes.title !== undefined ? 'proposals.rename' : 'proposals.update', proposalDocName(id), details);
      });
      this.d.onChanged?.(id, row.status);
    }
    return this.get(actor, id);
  }

  async changeStatus(actor: User, id: string, to: ProposalStatus, note: string | null): Promise<Result<DetailView>> {
    const row = await this.d.store.byId(id);
    if (!row) return notFound();
    const problem = transitionProblem(row.status, to);
    if (problem) return err('conflict', problem, 'proposal.transition', { from: row.status, to });
    if (!can(actor, { type: 'proposals.move', proposal: row, to })) return err('forbidden', this.whoMayMove(row, to), 'role.not_allowed');
    if (needsReason(row.status, to) && !note) return err('invalid_input', 'note: give the reason for reopening a rejected proposal; it is kept in its history.', 'proposal.reopen_reason');
    const moved = to === 'incorporated' && this.d.incorporate ? await this.d.incorporate(actor, id, note) : await this.move(actor.id, row, to, note, {});
    return moved.ok ? this.get(actor, id) : moved;
  }

  /**
   * Whether a vote closed by `actor` may move the proposal now, read inside the poll's
   * close: only under discussion, and only if `actor` may take both steps (adopt, reject)
   * by the permissions table. Null when there is no such proposal.
   */
  async voteCheck(tx: Tx, actor: User, id: string): Promise<ProposalCheck | null> {
    const row = await tx.proposals.byId(id);
    if (!row) return null;
    // Who may decide it, whatever its status now: the steps a vote takes, from under discussion.
    const decidable = { ...row, status: 'under_discussion' as const };
    const mayDecide = Verdict.options.every((to) => can(actor, { type: 'proposals.move', proposal: decidable, to }));
    const blocked = !mayDecide ? 'not_allowed' : isVoteDecidable(row.status) ? null : 'not_under_discussion';
    return { title: row.title, status: row.status, blocked };
  }

  /**
   * The move a closed poll decides, inside the close's transaction: the workflow and the
   * permissions apply to `actor` (who closed the poll); the history names them and the
   * poll (`note`). The text is locked under discussion, so the stored log is the snapshot.
   * Throws, rolling the close back, if what `voteCheck` allowed no longer holds.
   */
  async decideIn(tx: Tx, actor: User, id: string, to: Verdict, note: string, source: Record<string, unknown>): Promise<void> {
    const row = await tx.proposals.byId(id);
    if (!row) throw new Error(`no proposal ${id}`);
    const problem = transitionProblem(row.status, to);
    if (problem || !isVoteDecidable(row.status) || !can(actor, { type: 'proposals.move', proposal: row, to })) {
      throw new Error(`a vote closed by ${actor.id} may not move proposal ${id} to ${to}: ${problem ?? 'not allowed'}`);
    }
    const docName = proposalDocName(id);
    const at = this.now();
    const stored = await tx.docs.load(docName);
    const state = stored.length > 0 ? Y.mergeUpdates(stored) : Y.encodeStateAsUpdate(new Y.Doc());
    const changed = await tx.proposals.setStatus(id, { from: row.status, to, note, actorId: actor.id, actorName: null, at });
    if (changed !== 'changed') throw new Error(`proposal ${id} changed during the close of its poll`);
    const version = await tx.docs.saveVersion({ docName, label: statusVersionLabel(to), state, createdBy: null, createdAt: at });
    await this.d.audit.in(tx).record(actor.id, 'proposals.status', docName, { from: row.status, to, note, version, source });
    // The subcommittee is told in the same transaction (notifications).
    await this.d.announce?.(tx, { type: 'decided', proposalId: row.id, title: row.title, subcommittee: row.subcommittee, authorId: row.createdBy, to });
    tx.afterCommit(() => {
      void this.d.documents.recheck(docName);
      this.d.onChanged?.(id, to);
    });
  }

  async title(id: string): Promise<string | null> {
    return (await this.d.store.byId(id))?.title ?? null;
  }

  /**
   * The move to `incorporated`: the workflow and the permissions apply. `alongside` writes the
   * strategy's side (its edit, version and audit entry) in the move's own transaction, so the
   * two commit together or not at all.
   */
  async moveToIncorporated(actor: User, id: string, note: string | null, source: Record<string, unknown>, alongside: (tx: Tx) => Promise<void>): Promise<Result<true>> {
    const row = await this.d.store.byId(id);
    if (!row) return notFound();
    const problem = transitionProblem(row.status, 'incorporated');
    if (problem) return err('conflict', problem, 'proposal.transition', { from: row.status, to: 'incorporated' });
    if (!can(actor, { type: 'proposals.move', proposal: row, to: 'incorporated' })) return err('forbidden', this.whoMayMove(row, 'incorporated'), 'role.ministry_only');
    return this.move(actor.id, row, 'incorporated', note, { source }, alongside);
  }

  /** Reader or writer of `proposal:<id>` and of its comments; null when there is no such proposal. */
  async docAccess(user: User, id: string): Promise<DocGrant | null> {
    const row = await this.d.store.byId(id);
    if (!row) return null;
    const text = can(user, { type: 'proposals.edit', proposal: row }) ? 'write' : 'read';
    return grant(text, can(user, { type: 'comments.write', on: { kind: 'proposal', proposal: row } }));
  }

  /**
   * The move, the snapshot of the text and the audit entry, in one transaction, with the
   * document held so that the snapshot is the text the move applies to. Live editors are
   * locked or unlocked once it has committed, still before any further edit is written.
   */
  private async move(
    actorId: string | null,
    row: ProposalRow,
    to: ProposalStatus,
    note: string | null,
    extra: Record<string, unknown>,
    alongside?: (tx: Tx) => Promise<void>,
  ): Promise<Result<true>> {
    const docName = proposalDocName(row.id);
    const moved = await this.d.documents.exclusive(docName, async (doc) => {
      const at = this.now();
      const label = statusVersionLabel(to);
      const outcome = await this.d.db.transaction(async (tx) => {
        const changed = await tx.proposals.setStatus(row.id, { from: row.status, to, note, actorId, actorName: null, at });
        if (changed !== 'changed') return changed;
        const version = await tx.docs.saveVersion({ docName, label, state: doc.state(), createdBy: null, createdAt: at });
        await this.d.audit.in(tx).record(actorId, 'proposals.status', docName, { from: row.status, to, note, version, ...extra });
        await alongside?.(tx);
        return changed;
      });
      if (outcome === 'changed') await this.d.documents.recheck(docName);
      return outcome;
    });
    if (moved === 'missing') return notFound();
    if (moved === 'stale') return err('conflict', 'The status changed meanwhile; reload the proposal and try again.', 'proposal.changed');
    this.d.onChanged?.(row.id, to);
    return ok(true);
  }

  private whoMayMove(row: ProposalRow, to: ProposalStatus): string {
    const step = stepBetween(row.status, to)!;
    const chair = { id: '', role: 'chair' as const, subcommittee: row.subcommittee };
    return can(chair, { type: 'proposals.move', proposal: row, to })
      ? `Only the chair of this proposal's subcommittee and ministry staff can ${stepVerbs[step]} it.`
      : `Only ministry staff can ${stepVerbs[step]} a proposal.`;
  }

  private async detail(actor: User, row: ProposalRow): Promise<DetailView> {
    return {
      ...view(row),
      docName: proposalDocName(row.id),
      history: await this.d.store.history(row.id),
      canEdit: can(actor, { type: 'proposals.edit', proposal: row }),
      canComment: can(actor, { type: 'comments.write', on: { kind: 'proposal', proposal: row } }),
      canRename: can(actor, { type: 'proposals.rename', proposal: row }),
      nextStatuses: nextStatuses(row.status).filter((to) => can(actor, { type: 'proposals.move', proposal: row, to })),
    };
  }

  private now(): string {
    return new Date(this.d.clock.now()).toISOString();
  }
}

const notFound = () => err('not_found', 'No such proposal.', 'missing.proposal');
