import type * as Y from 'yjs';
import { blockElements, MINUTES_FIELD, minutesDocName, sectionEnd } from '../../shared/meetings/minutes';
import type { MinutesBlock, MinutesPort } from './ports';

/** The map in a minutes document that remembers which poll results it holds. */
export const POLL_RESULTS_MAP = 'pollResults';

/** What the minutes writer needs from the document server. */
export interface DocumentChanger {
  /** A server-side edit, stored and broadcast like a client's. */
  change(docName: string, fn: (doc: Y.Doc) => void): Promise<void>;
}

/**
 * Writes a closed poll's result into the meeting's minutes (the live Yjs document):
 * under its agenda item's heading (`sectionOf` names it; at the end when it has none),
 * and the structured result in a map keyed by poll id, which also makes a second
 * recording of the same poll a no-op.
 */
export function yjsMinutes(
  documents: DocumentChanger,
  writable: (meetingId: string) => Promise<boolean> = async () => true,
  sectionOf: (meetingId: string, agendaItemId: string | null) => Promise<string | null> = async () => null,
): MinutesPort {
  return {
    async recordResult(meetingId: string, block: MinutesBlock) {
      // Approved minutes are sealed by a hash; the result stays in the poll and the audit log.
      if (!(await writable(meetingId))) return;
      const section = await sectionOf(meetingId, block.agendaItemId);
      await documents.change(minutesDocName(meetingId), (doc) => writeResult(doc, block, section));
    },
  };
}

/**
 * Writes a poll's result into a minutes document, once (a second call for the same poll
 * changes nothing), at the end of the section headed `section` (its agenda item), or at
 * the end of the minutes.
 */
export function writeResult(doc: Y.Doc, block: MinutesBlock, section: string | null = null): void {
  const recorded = doc.getMap<unknown>(POLL_RESULTS_MAP);
  if (recorded.has(block.pollId)) return;
  recorded.set(block.pollId, { title: block.title, agendaItemId: block.agendaItemId, result: block.result });
  const fragment = doc.getXmlFragment(MINUTES_FIELD);
  // The headline ("표결 결과: … — 가결") is a decision, so it joins the meeting's decisions list.
  const blocks = block.lines.map((text, i) => ({ type: i === 0 ? ('decision' as const) : ('paragraph' as const), text }));
  fragment.insert(sectionEnd(fragment, section), blockElements(blocks));
}
