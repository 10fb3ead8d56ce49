import * as Y from 'yjs';
import { COMMENTS_FIELD } from '../../shared/comments';
import type { User } from '../../shared/domain';
import { can } from '../../shared/permissions';
import { err, ok, type Result } from '../../shared/result';
import { AMENDMENT_DECISION_FIELD, AMENDMENT_FIELD, amendmentMaxChars, type AmendmentDecision, type AmendmentVerdict, type OpenAmendment } from '../../shared/schemas/amendments';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { MeetingStore } from '../meetings/meeting-store';
import type { AmendmentNotice } from '../notifications';
import { TEXT_FIELD } from '../../shared/text-field';
import { proposalDocName, type LiveDocuments } from '../proposals/live-documents';
import type { Store, Tx } from '../store/store';
import type { AmendmentDecisionRecord } from './amendment-store';

export interface AmendmentServiceDeps {
  store: Pick<Store, 'transaction' | 'auth' | 'proposals'> & { meetings: Pick<MeetingStore, 'get' | 'agenda'> };
  documents: LiveDocuments;
  /** The document that holds a text's comment threads (the text's own, or its companion). */
  commentsDocOf(textDocName: string): string;
  audit: AuditLog;
  clock: Clock;
  /** Tells the commenter (notifications), inside the decision's transaction. */
  announce?(tx: Tx, notice: AmendmentNotice): Promise<void>;
  /** Open proposal pages reload. */
  onChanged?(proposalId: string): void;
}

/** What the server reads of a comment thread that carries an amendment. */
interface AmendmentThread {
  id: string;
  anchor: unknown;
  head: unknown;
  quote: string;
  authorId: string;
  text: string;
}

const notFound = () => err('not_found', 'No such proposal.', 'missing.proposal');
const noAmendment = () => err('not_found', 'No comment with a suggested replacement text has this id on this proposal.', 'missing.amendment');

/**
 * Amendments: a comment on a submitted or discussed proposal may suggest a replacement for
 * the text it is anchored to; the proposal's author or ministry staff accept it (the server
 * applies it to the locked text as a new edit, saving the text before as a version) or
 * decline it. Each is decided once; the commenter is told either way.
 */
export class AmendmentService {
  constructor(private readonly d: AmendmentServiceDeps) {}

  private now(): string {
    return new Date(this.d.clock.now()).toISOString();
  }

  async list(proposalId: string): Promise<Result<AmendmentDecision[]>> {
    if (!(await this.d.store.proposals.byId(proposalId))) return notFound();
    return ok(await this.views(await this.d.store.proposals.amendmentDecisions(proposalId)));
  }

  /**
   * The amendments still open on the proposals of a meeting's agenda: suggested, neither
   * accepted nor declined, their comment not resolved. Approving the minutes warns of them.
   */
  async openOnAgenda(meetingId: string): Promise<Result<OpenAmendment[]>> {
    if (!(await this.d.store.meetings.get(meetingId))) return err('not_found', 'No such meeting.', 'missing.meeting');
    const ids = [...new Set((await this.d.store.meetings.agenda(meetingId)).map((i) => i.proposalId).filter((id): id is string => id !== null))];
    const open: OpenAmendment[] = [];
    for (const id of ids) {
      const row = await this.d.store.proposals.byId(id);
      if (!row) continue;
      const decided = new Set((await this.d.store.proposals.amendmentDecisions(id)).map((r) => r.threadId));
      const threads = openThreads(await this.d.documents.state(this.d.commentsDocOf(proposalDocName(id))));
      for (const t of threads.filter((t) => !decided.has(t.threadId))) open.push({ proposalId: id, proposalTitle: row.title, ...t });
    }
    return ok(open);
  }

  async decide(actor: User, proposalId: string, threadId: string, decision: AmendmentVerdict): Promise<Result<AmendmentDecision>> {
    const row = await this.d.store.proposals.byId(proposalId);
    if (!row) return notFound();
    if (!can(actor, { type: 'proposals.amendments.decide', proposal: row })) {
      return row.status === 'submitted' || row.status === 'under_discussion'
        ? err('forbidden', "Only the proposal's author and ministry staff can accept or decline an amendment.", 'amendment.author_or_ministry')
        : err('conflict', 'Amendments are decided while the proposal is submitted or under discussion.', 'amendment.not_discussed');
    }
    const docName = proposalDocName(proposalId);
    const thread = readThread(await this.d.documents.state(this.d.commentsDocOf(docName)), threadId);
    if (!thread) return noAmendment();
    if ((await this.d.store.proposals.amendmentDecisions(proposalId)).some((r) => r.threadId === threadId)) return this.decidedAlready();

    const record: AmendmentDecisionRecord = { proposalId, threadId, decision, text: thread.text, decidedBy: actor.id, decidedAt: this.now(), versionId: null };
    const notice: AmendmentNotice = { proposalId, proposalTitle: row.title, decision, commenterId: thread.authorId, actorId: actor.id };
    const stored = await this.d.documents.exclusive(docName, async (doc) => {
      let problem: string | null = null;
      const edit =
        decision === 'accepted'
          ? doc.stage((live) => {
              problem = replaceRange(live, thread);
            })
          : null;
      if (problem) return { ok: false as const, problem: problem as string };
      return this.d.store.transaction(async (tx) => {
        if (decision === 'accepted') {
          const label = `수정 제안 반영 전 (before amendment): ${thread.quote.slice(0, 40)}`;
          record.versionId = await tx.docs.saveVersion({ docName, label, state: doc.state(), createdBy: actor.id, createdAt: record.decidedAt });
          await edit?.append(tx);
          await tx.proposals.touch(proposalId, record.decidedAt);
        }
        if (!(await tx.proposals.recordAmendmentDecision(record))) return { ok: false as const, problem: null };
        await this.d.audit.in(tx).record(actor.id, 'proposals.amendment', docName, { threadId, decision, version: record.versionId });
        await this.d.announce?.(tx, notice);
        return { ok: true as const };
      });
    });
    if (!stored.ok) return stored.problem ? err('conflict', stored.problem, 'amendment.text_changed') : this.decidedAlready();
    const [view] = await this.views([record]);
    // Every open page shows the decision on the comment (the record above is what counts).
    await this.d.documents.change(this.d.commentsDocOf(docName), (doc) => markDecided(doc, threadId, view!));
    this.d.onChanged?.(proposalId);
    return ok(view!);
  }

  private decidedAlready() {
    return err('conflict', 'This amendment has already been accepted or declined.', 'amendment.decided');
  }

  private async views(records: AmendmentDecisionRecord[]): Promise<AmendmentDecision[]> {
    const names = await this.d.store.proposals.userNames(records.map((r) => r.decidedBy));
    return records.map((r) => ({
      threadId: r.threadId,
      decision: r.decision,
      text: r.text,
      decidedBy: { id: r.decidedBy, name: names.get(r.decidedBy) ?? '' },
      decidedAt: r.decidedAt,
      versionId: r.versionId,
    }));
  }
}

/** Threads with a suggested text that is not decided and whose comment is not resolved. */
function openThreads(state: Uint8Array): Omit<OpenAmendment, 'proposalId' | 'proposalTitle'>[] {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return doc
      .getArray<unknown>(COMMENTS_FIELD)
      .toArray()
      .filter((m): m is Y.Map<unknown> => m instanceof Y.Map)
      .filter((m) => typeof m.get(AMENDMENT_FIELD) === 'string' && m.get(AMENDMENT_FIELD) !== '' && m.get('resolved') !== true && !m.get(AMENDMENT_DECISION_FIELD))
      .map((m) => {
        const str = (key: string) => (typeof m.get(key) === 'string' ? (m.get(key) as string) : '');
        const author = m.get('author') as { name?: unknown } | undefined;
        return { threadId: str('id'), quote: str('quote'), text: str(AMENDMENT_FIELD), author: typeof author?.name === 'string' ? author.name : '' };
      })
      .filter((t) => t.threadId !== '');
  } finally {
    doc.destroy();
  }
}

/** The thread `id` with a suggested text, from a state of the document that holds the threads. */
function readThread(state: Uint8Array, id: string): AmendmentThread | null {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    const map = doc
      .getArray<unknown>(COMMENTS_FIELD)
      .toArray()
      .find((m): m is Y.Map<unknown> => m instanceof Y.Map && m.get('id') === id);
    if (!map) return null;
    const text = map.get(AMENDMENT_FIELD);
    const author = map.get('author') as { id?: unknown } | undefined;
    if (typeof text !== 'string' || text.length > amendmentMaxChars || typeof author?.id !== 'string') return null;
    const quote = map.get('quote');
    return { id, anchor: map.get('anchor'), head: map.get('head'), quote: typeof quote === 'string' ? quote : '', authorId: author.id, text };
  } finally {
    doc.destroy();
  }
}

/**
 * Replaces the commented range (inside one paragraph) with the amendment, which may run over
 * several paragraphs. Null when done; otherwise why not (the text changed since, or the range
 * spans several blocks).
 */
function replaceRange(doc: Y.Doc, thread: AmendmentThread): string | null {
  const position = (json: unknown) => {
    try {
      return json ? Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(json), doc) : null;
    } catch {
      return null;
    }
  };
  doc.getXmlFragment(TEXT_FIELD); // the text's root type, so positions into it resolve
  const [a, b] = [position(thread.anchor), position(thread.head)];
  if (!a || !b || !(a.type instanceof Y.XmlText) || a.type !== b.type) {
    return 'The commented text spans several paragraphs or is gone; apply this amendment by hand.';
  }
  const text = a.type;
  const [from, to] = a.index <= b.index ? [a.index, b.index] : [b.index, a.index];
  const content = plain(text);
  if (content.length < to || content.slice(from, to) !== thread.quote) return 'The commented text has changed since the amendment was suggested; apply it by hand.';
  const paragraphs = paragraphsOf(thread.text);
  if (paragraphs.length <= 1) {
    text.delete(from, to - from);
    text.insert(from, paragraphs[0] ?? '');
    return null;
  }
  return splitInto(text, from, to, paragraphs);
}

/** A suggested text's paragraphs: one a line, blank lines between them dropped. */
const paragraphsOf = (suggested: string): string[] =>
  suggested
    .split(/\r\n?|\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '');

/**
 * Replaces [from, to) of a paragraph's text with several paragraphs: the first continues the
 * paragraph, the others follow it as paragraphs of their own, and what came after the range
 * (with its formatting) ends the last one.
 */
function splitInto(text: Y.XmlText, from: number, to: number, paragraphs: string[]): string | null {
  const block = text.parent;
  const container = block?.parent;
  if (!(block instanceof Y.XmlElement) || !(container instanceof Y.XmlElement || container instanceof Y.XmlFragment)) {
    return 'The commented text is not in a paragraph; apply this amendment by hand.';
  }
  const tail = deltaFrom(text.toDelta() as DeltaOp[], to);
  text.delete(from, text.length - from);
  text.insert(from, paragraphs[0]!);
  const added = paragraphs.slice(1).map(() => new Y.XmlElement('paragraph'));
  container.insert(container.toArray().indexOf(block) + 1, added);
  added.forEach((element, i) => {
    const line = new Y.XmlText();
    element.insert(0, [line]);
    line.insert(0, paragraphs[i + 1]!);
    if (i === added.length - 1) appendDelta(line, tail);
  });
  return null;
}

interface DeltaOp {
  insert: unknown;
  attributes?: Record<string, unknown>;
}

/** The operations of a text's delta from `offset` on (an embed counts as one character). */
function deltaFrom(ops: DeltaOp[], offset: number): DeltaOp[] {
  const out: DeltaOp[] = [];
  let at = 0;
  for (const op of ops) {
    const length = typeof op.insert === 'string' ? op.insert.length : 1;
    if (at + length > offset) {
      const insert = typeof op.insert === 'string' ? op.insert.slice(Math.max(0, offset - at)) : op.insert;
      out.push({ insert, attributes: op.attributes });
    }
    at += length;
  }
  return out;
}

function appendDelta(text: Y.XmlText, ops: DeltaOp[]): void {
  for (const op of ops) {
    if (typeof op.insert === 'string') text.insert(text.length, op.insert, op.attributes ?? {});
    else text.insertEmbed(text.length, op.insert as object, op.attributes ?? {});
  }
}

/** The characters of an XmlText without its formatting marks. */
const plain = (t: Y.XmlText): string =>
  (t.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : ' ')).join('');

function markDecided(doc: Y.Doc, threadId: string, view: AmendmentDecision): void {
  const map = doc
    .getArray<unknown>(COMMENTS_FIELD)
    .toArray()
    .find((m): m is Y.Map<unknown> => m instanceof Y.Map && m.get('id') === threadId);
  map?.set(AMENDMENT_DECISION_FIELD, { decision: view.decision, by: view.decidedBy, at: view.decidedAt });
}
