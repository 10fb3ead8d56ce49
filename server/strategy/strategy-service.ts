import { incorporatedVersionLabel, statusVersionLabel } from '../../shared/versions/labels';
import * as Y from 'yjs';
import { daysUntil, seoulToday, subcommitteeIds, type User } from '../../shared/domain';
import { formatSeoulDateTime } from '../../shared/meetings/minutes';
import { can } from '../../shared/permissions';
import { proposalStatuses, transitionProblem, type ProposalStatus } from '../../shared/proposals/workflow';
import { err, type Result } from '../../shared/result';
import type { ChapterProgress, StrategyView } from '../../shared/schemas/strategy';
import { STRATEGY_FIELD, strategyDocName } from '../../shared/strategy';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { grant, type DocGrant } from '../documents/access';
import type { DocStore } from '../documents/doc-store';
import type { ForumStore } from '../forum/forum-store';
import type { MeetingStore } from '../meetings/meeting-store';
import type { PollRecord, PollStore } from '../polls/poll-store';
import { TEXT_FIELD } from '../../shared/text-field';
import { proposalDocName, type LiveDocuments } from '../proposals/live-documents';
import type { ProposalRow, ProposalStore } from '../proposals/proposal-store';
import type { Tx } from '../store/store';
import { insertIncorporation, strategyTemplate, type Chapter, type SourcePart } from './document';

/** The label of the snapshot a status change takes (ProposalService): "채택 (adopted)". */

/**
 * The proposal's move to `incorporated` (status, lock, snapshot, audit), as ProposalService
 * records any move, with `alongside` written in the same transaction.
 */
export type MoveToIncorporated = (actor: User, proposalId: string, note: string | null, source: Record<string, unknown>, alongside: (tx: Tx) => Promise<void>) => Promise<Result<true>>;

export interface StrategyServiceDeps {
  store: { forum: ForumStore; proposals: ProposalStore; polls: PollStore; meetings: MeetingStore; docs: DocStore };
  documents: LiveDocuments;
  audit: AuditLog;
  clock: Clock;
  moveToIncorporated: MoveToIncorporated;
}

/** The strategy document, its progress and the incorporation of adopted proposals: the commands, free of HTTP. */
export class StrategyService {
  readonly docName = strategyDocName();

  constructor(private readonly d: StrategyServiceDeps) {}

  /** Writes the template (preface, one chapter per subcommittee) into a strategy document that has nothing yet. */
  async ensureDocument(): Promise<void> {
    if ((await this.d.store.docs.count(this.docName)) > 0) return;
    await this.d.store.docs.append(this.docName, strategyTemplate(await this.chapters()));
  }

  /** Ministry staff write, chairpersons comment, everyone else reads. */
  access(user: User): DocGrant {
    return grant(can(user, { type: 'strategy.write' }) ? 'write' : 'read', can(user, { type: 'comments.write', on: { kind: 'strategy' } }));
  }

  async view(actor: User): Promise<StrategyView> {
    const forum = await this.d.store.forum.forum();
    const today = seoulToday(new Date(this.d.clock.now()));
    const dueOn = forum?.strategyDueOn ?? today;
    return {
      docName: this.docName,
      dueOn,
      today,
      daysLeft: daysUntil(dueOn, today),
      chapters: await this.progress(),
      canWrite: can(actor, { type: 'strategy.write' }),
      canComment: can(actor, { type: 'comments.write', on: { kind: 'strategy' } }),
      canIncorporate: can(actor, { type: 'strategy.incorporate' }),
    };
  }

  /** Per subcommittee: proposals by status, and what is adopted but not yet incorporated. */
  async progress(): Promise<ChapterProgress[]> {
    const subcommittees = await this.d.store.forum.subcommittees();
    const rows = await this.d.store.proposals.list({});
    return subcommittees.map((s) => {
      const own = rows.filter((r) => r.subcommittee === s.id);
      const counts = Object.fromEntries(proposalStatuses.map((status) => [status, own.filter((r) => r.status === status).length])) as Record<ProposalStatus, number>;
      const pick = (status: ProposalStatus) => own.filter((r) => r.status === status).map((r) => ({ id: r.id, title: r.title }));
      return { subcommittee: s.id, nameKo: s.nameKo, nameEn: s.nameEn, counts, pending: pick('adopted'), incorporated: pick('incorporated') };
    });
  }

  /**
   * Inserts the proposal's text as adopted (the version saved at adoption) into its chapter,
   * naming its source, and moves the proposal to `incorporated`: the proposal's status, its
   * snapshot, the strategy's edit, the strategy's version and both audit entries commit in
   * one transaction, with the strategy document held so that the version is the text the
   * edit produced. After a failure nothing of it remains, live editors included.
   */
  async incorporate(actor: User, proposalId: string, note: string | null): Promise<Result<true>> {
    const row = await this.d.store.proposals.byId(proposalId);
    if (!row) return err('not_found', 'No such proposal.', 'missing.proposal');
    if (!can(actor, { type: 'strategy.incorporate' })) return err('forbidden', 'Only ministry staff can incorporate proposals into the strategy.', 'role.ministry_only');
    const problem = transitionProblem(row.status, 'incorporated');
    if (problem) return err('conflict', problem, 'proposal.transition', { from: row.status, to: 'incorporated' });
    await this.ensureDocument();
    const adopted = await this.adoptedState(row.id);
    const poll = await this.adoptingPoll(row.id);
    const meeting = poll ? await this.d.store.meetings.get(poll.meetingId) : null;
    const chapters = await this.chapters();
    const position = Math.max(0, chapters.findIndex((c) => c.id === row.subcommittee));
    const chapter = chapters[position] ?? { id: row.subcommittee, nameKo: row.subcommittee };
    const source = sourceLine(row, poll, meeting);
    const refs = { poll: poll?.id ?? null, meeting: meeting?.id ?? null };
    return this.d.documents.exclusive(this.docName, async (held) => {
      const text = new Y.Doc();
      Y.applyUpdate(text, adopted);
      const edit = held.stage((doc) => {
        insertIncorporation(doc, { proposalId: row.id, pollId: refs.poll, meetingId: refs.meeting, chapter, position, source, adopted: text.getXmlFragment(TEXT_FIELD) });
      });
      text.destroy();
      const after = edit ? Y.mergeUpdates([held.state(), edit.update]) : held.state();
      return this.d.moveToIncorporated(actor, row.id, note, { strategy: this.docName, ...refs }, async (tx) => {
        await edit?.append(tx);
        const createdAt = new Date(this.d.clock.now()).toISOString();
        const version = await tx.docs.saveVersion({ docName: this.docName, label: incorporatedVersionLabel(row.title), state: after, createdBy: actor.id, createdAt });
        await this.d.audit.in(tx).record(actor.id, 'strategy.incorporate', this.docName, { proposalId: row.id, title: row.title, ...refs, version });
      });
    });
  }

  /** The snapshot saved when the proposal was adopted (its text is locked since); the live text if there is none. */
  private async adoptedState(proposalId: string): Promise<Uint8Array> {
    const docName = proposalDocName(proposalId);
    const label = statusVersionLabel('adopted');
    const info = (await this.d.store.docs.listVersions(docName)).find((v) => v.label === label && v.createdBy === null);
    const version = info && (await this.d.store.docs.version(info.id));
    return version ? version.state : this.d.documents.state(docName);
  }

  /** The latest closed poll on the proposal that passed: the vote that adopted it. */
  private async adoptingPoll(proposalId: string): Promise<PollRecord | null> {
    const passed = (await this.d.store.polls.byProposal(proposalId)).filter((p) => p.status === 'closed' && p.result?.passed);
    return passed.sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''))[0] ?? null;
  }

  private async chapters(): Promise<Chapter[]> {
    const subcommittees = await this.d.store.forum.subcommittees();
    return subcommittees.length > 0 ? subcommittees.map((s) => ({ id: s.id, nameKo: s.nameKo })) : subcommitteeIds.map((id) => ({ id, nameKo: id }));
  }
}

/** "출처: 제안 «…» · 표결 «…» 찬성 5 · 반대 1 · 기권 0 (가결) · 회의 «…» (2026년 …)", with links back. */
function sourceLine(row: ProposalRow, poll: PollRecord | null, meeting: { id: string; title: string; startsAt: string } | null): SourcePart[] {
  const parts: SourcePart[] = [{ text: '출처: 제안 ' }, { text: `«${row.title}»`, href: `/proposals/${row.id}` }];
  if (poll?.result) {
    const counts = poll.options.map((o) => `${o.label} ${poll.result!.counts[o.id] ?? 0}`).join(' · ');
    parts.push({ text: ` · 표결 «${poll.title}» ${counts} (가결, 투표 ${poll.result.ballots}/${poll.result.eligible})` });
  } else {
    parts.push({ text: ' · 표결 없이 산업부가 채택' });
  }
  if (meeting) {
    parts.push({ text: ' · 회의 ' }, { text: `«${meeting.title}»`, href: `/meetings/${meeting.id}` }, { text: ` (${formatSeoulDateTime(meeting.startsAt)})` });
  }
  return parts;
}

/** The strategy's text field, for exports. */
export const STRATEGY_TEXT_FIELD = STRATEGY_FIELD;
