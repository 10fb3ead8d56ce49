import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import {
  agendaSection,
  blockElements,
  extractDecisions,
  MINUTES_FIELD,
  MINUTES_PREFIX,
  minutesDocName,
  minutesFragment,
  minutesTemplate,
  minutesText,
  sectionEnd,
  templateUpdate,
  writeBlocks,
  type TemplateMeeting,
} from '../../shared/meetings/minutes';
import { can } from '../../shared/permissions';
import type { Decision } from '../../shared/schemas/meetings';
import { grant, type DocKind, type DocStore, type ExclusiveDoc } from '../documents';
import type { MinutesBlock, MinutesPort } from '../polls';
import type { Tx } from '../store/store';
import type { MeetingStore } from './meeting-store';

/** The part of the document server that the minutes use. */
export interface MinutesDocuments {
  state(docName: string): Promise<Uint8Array>;
  change(docName: string, fn: (doc: Y.Doc) => void): Promise<void>;
  /** Re-decides reader/writer for the document's live connections, on every instance. */
  recheck(docName: string): Promise<void>;
  exclusive<T>(docName: string, command: (doc: ExclusiveDoc) => Promise<T>): Promise<T>;
}

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The hash of the text the template gives; while the doc still hashes to it, nobody has written in it. */
export function templateHash(meeting: TemplateMeeting): string {
  const { doc, fragment } = minutesFragment(templateUpdate(meeting));
  const hash = sha256(minutesText(fragment));
  doc.destroy();
  return hash;
}

/**
 * Writes the template into the minutes document if it is still empty (on
 * creation, before anyone can have opened it). Returns the seed hash, or null
 * when the document already had content.
 */
export async function seedMinutes(docs: Pick<DocStore, 'count' | 'append'>, meetingId: string, meeting: TemplateMeeting): Promise<string | null> {
  const name = minutesDocName(meetingId);
  if ((await docs.count(name)) > 0) return null;
  await docs.append(name, templateUpdate(meeting));
  return templateHash(meeting);
}

/** Who may write or comment on the minutes follows their status: see `meetings.minutes.write` and `comments.write`. */
export function minutesDocKind(store: MeetingStore): DocKind {
  return {
    prefix: MINUTES_PREFIX,
    async access(user, id) {
      const meeting = await store.get(id);
      if (!meeting) return null;
      const text = can(user, { type: 'meetings.minutes.write', meeting }) ? 'write' : 'read';
      return grant(text, can(user, { type: 'comments.write', on: { kind: 'minutes', meeting } }));
    },
  };
}

/** Decisions and action items in a state of the minutes. */
export const decisionsIn = (state: Uint8Array): Decision[] => readState(state, extractDecisions);

/** The normalized plain text of a state of the minutes and its SHA-256, for sealing approved minutes. */
export function sealOf(state: Uint8Array): { text: string; hash: string } {
  const text = readState(state, minutesText);
  return { text, hash: sha256(text) };
}

/** Reading and writing the minutes documents on behalf of the meetings service, and of the polls' port. */
export class MeetingMinutes implements MinutesPort {
  constructor(
    private readonly documents: MinutesDocuments,
    private readonly meetings: Pick<MeetingStore, 'get' | 'agenda'>,
  ) {}

  /** Decisions and action items as the minutes hold them now. */
  async decisions(meetingId: string): Promise<Decision[]> {
    return decisionsIn(await this.state(meetingId));
  }

  async state(meetingId: string): Promise<Uint8Array> {
    return this.documents.state(minutesDocName(meetingId));
  }

  /** Holds the minutes for one command (see ExclusiveDoc). */
  exclusive<T>(meetingId: string, command: (doc: ExclusiveDoc) => Promise<T>): Promise<T> {
    return this.documents.exclusive(minutesDocName(meetingId), command);
  }

  /** Writers become readers (or back) at once when the minutes' status changes. */
  relock(meetingId: string): Promise<void> {
    return this.documents.recheck(minutesDocName(meetingId));
  }

  /**
   * While nobody has written in the minutes, they follow the agenda: the template is
   * rewritten with the new agenda, inside the transaction of the change that moved it
   * (the minutes held meanwhile, so an edit either came before and wins, or waits).
   */
  async followAgenda(tx: Tx, doc: ExclusiveDoc, meetingId: string, seedHash: string | null, meeting: TemplateMeeting): Promise<void> {
    const next = templateHash(meeting);
    if (!seedHash || seedHash === next) return;
    let rewritten = false;
    const change = doc.stage((live) => {
      const fragment = live.getXmlFragment(MINUTES_FIELD);
      if (sha256(minutesText(fragment)) !== seedHash) return;
      fragment.delete(0, fragment.length);
      writeBlocks(fragment, minutesTemplate(meeting));
      rewritten = true;
    });
    await change?.append(tx);
    await tx.meetings.setMinutesSeedHash(meetingId, rewritten ? next : null);
  }

  /**
   * Writes a closed poll's result into the live minutes, under its agenda item's heading (at
   * the end when it has none). Approved minutes are sealed by a hash: the result then stays in
   * the poll and the audit log.
   */
  async recordPollResult(meetingId: string, block: MinutesBlock): Promise<void> {
    if ((await this.meetings.get(meetingId))?.minutesStatus === 'approved') return;
    const section = agendaSection(await this.meetings.agenda(meetingId), block.agendaItemId);
    await this.documents.change(minutesDocName(meetingId), (doc) => writePollResult(doc, block, section));
  }


}

function readState<T>(state: Uint8Array, fn: (fragment: Y.XmlFragment) => T): T {
  const { doc, fragment } = minutesFragment(state);
  try {
    return fn(fragment);
  } finally {
    doc.destroy();
  }
}

/** The map that remembers what else the server wrote into the record (the attendance). */
export const RECORD_MAP = 'record';

/** The label of the version saved when minutes are approved: what exports of approved minutes render. */
export const APPROVED_MINUTES_LABEL = '확정 회의록';

/**
 * Writes who attended into the minutes, once: the chair, everyone checked in (with their
 * role) and the vote delegations, after the header and before the first agenda item. In the
 * text, so that the approval hash seals it with the rest.
 */
export function writeAttendance(doc: Y.Doc, lines: string[]): void {
  const recorded = doc.getMap<unknown>(RECORD_MAP);
  if (lines.length === 0 || recorded.has('attendance')) return;
  recorded.set('attendance', lines);
  const fragment = doc.getXmlFragment(MINUTES_FIELD);
  const first = fragment.toArray().findIndex((n) => n instanceof Y.XmlElement && n.nodeName === 'heading' && Number(n.getAttribute('level')) === 2);
  fragment.insert(first < 0 ? fragment.length : first, blockElements(lines.map((text) => ({ type: 'paragraph' as const, text }))));
}

/** The map in a minutes document that remembers which poll results it holds. */
export const POLL_RESULTS_MAP = 'pollResults';

/**
 * Writes a poll's result into a minutes document, once (a second call for the same poll
 * changes nothing), at the end of the section headed `section` (its agenda item), or at
 * the end of the minutes. The structured result goes in a map keyed by poll id.
 */
export function writePollResult(doc: Y.Doc, block: MinutesBlock, section: string | null = null): void {
  const recorded = doc.getMap<unknown>(POLL_RESULTS_MAP);
  if (recorded.has(block.pollId)) return;
  recorded.set(block.pollId, { title: block.title, agendaItemId: block.agendaItemId, result: block.result });
  const fragment = doc.getXmlFragment(MINUTES_FIELD);
  // The headline ("표결 결과: … — 가결") is a decision, so it joins the meeting's decisions list.
  const blocks = block.lines.map((text, i) => ({ type: i === 0 ? ('decision' as const) : ('paragraph' as const), text }));
  fragment.insert(sectionEnd(fragment, section), blockElements(blocks));
}
