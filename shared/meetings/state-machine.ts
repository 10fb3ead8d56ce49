/**
 * The life of a meeting and of its minutes, as pure transition tables shared by
 * the server (which enforces them) and the client (which shows the buttons).
 */

import { meetingStatuses, minutesStatuses, type MeetingStatus, type MinutesStatus } from '../domain';

// The statuses are lists in shared/domain.ts, below both this folder and the schemas (whose zod
// enums are built from them): the client reads this table without loading zod.
export type { MeetingStatus, MinutesStatus };
export { meetingStatuses, minutesStatuses };

const meetingNext: Record<MeetingStatus, readonly MeetingStatus[]> = {
  // A meeting that has not started may be called off; one that has started is ended instead.
  scheduled: ['live', 'cancelled'],
  live: ['ended'],
  // An ended meeting is a read-only record.
  ended: [],
  // So is a cancelled one: calendars were told, and a new date is a new meeting.
  cancelled: [],
};

/** Minutes are circulated for amendments, may go back to draft, and once approved are locked for good. */
const minutesNext: Record<MinutesStatus, readonly MinutesStatus[]> = {
  draft: ['circulated'],
  circulated: ['draft', 'approved'],
  approved: [],
};

export type Transition = { ok: true } | { ok: false; reason: string };

export function meetingTransition(from: MeetingStatus, to: MeetingStatus): Transition {
  if (meetingNext[from].includes(to)) return { ok: true };
  if (from === 'ended') return { ok: false, reason: 'The meeting has ended; its record is read-only.' };
  if (from === 'cancelled') return { ok: false, reason: 'The meeting was cancelled; its record is read-only.' };
  if (to === 'cancelled') return { ok: false, reason: 'The meeting has started; end it instead of cancelling it.' };
  if (from === to) return { ok: false, reason: `The meeting is already ${to}.` };
  return { ok: false, reason: `A ${from} meeting cannot become ${to}.` };
}

/** Minutes leave draft only after the meeting has ended. */
export function minutesTransition(meeting: MeetingStatus, from: MinutesStatus, to: MinutesStatus): Transition {
  if (from === 'approved') return { ok: false, reason: 'The minutes are approved and locked.' };
  if (from === to) return { ok: false, reason: `The minutes are already ${to}.` };
  if (!minutesNext[from].includes(to)) return { ok: false, reason: `Minutes in ${from} cannot become ${to}; circulate them first.` };
  if (meeting !== 'ended') return { ok: false, reason: 'The minutes can be circulated or approved once the meeting has ended.' };
  return { ok: true };
}

/** Agenda and meeting details may change until the meeting ends or is cancelled. */
export const isEditable = (status: MeetingStatus): boolean => status === 'scheduled' || status === 'live';

/** Only a live meeting has a current item, a speaker queue and check-in. */
export const isLive = (status: MeetingStatus): boolean => status === 'live';

/** Milliseconds a current item (or speaker) has been running, corrected by the server's clock offset. */
export function elapsedMs(startedAt: string | null, clientNow: number, serverOffsetMs = 0): number {
  if (!startedAt) return 0;
  return Math.max(0, clientNow + serverOffsetMs - Date.parse(startedAt));
}
