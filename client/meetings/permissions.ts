import type { User } from '../../shared/domain';
import { isEditable, isLive, meetingTransition } from '../../shared/meetings/state-machine';
import { can } from '../../shared/permissions';
import type { MeetingRef } from '../../shared/permissions/meetings';
import type { Meeting } from '../../shared/schemas/meetings';

/** What this person may do in this meeting now; the server decides again on every request. */
export interface MeetingAbilities {
  /** Start, end, move the agenda, give the floor. */
  run: boolean;
  /** Change details and the agenda. */
  edit: boolean;
  /** Raise a hand, check in. */
  participate: boolean;
  /** Publish their view for followers. */
  present: boolean;
  /** Write the text of the minutes (only while they are a draft). */
  writeMinutes: boolean;
  /** Comment on the minutes: writers, and every participant once they are circulated. */
  commentMinutes: boolean;
  minutesStatus: boolean;
  /** Call off a meeting that has not started. */
  cancel: boolean;
}

const none: MeetingAbilities = { run: false, edit: false, participate: false, present: false, writeMinutes: false, commentMinutes: false, minutesStatus: false, cancel: false };

export const meetingRef = (m: Meeting): MeetingRef => ({ chairId: m.chair?.id ?? null, status: m.status, minutesStatus: m.minutes.status });

export function abilities(user: User | null | undefined, m: Meeting | null | undefined): MeetingAbilities {
  if (!user || !m) return none;
  const meeting = meetingRef(m);
  const current = m.agenda.find((i) => i.id === m.currentItemId);
  return {
    run: can(user, { type: 'meetings.run', meeting }),
    edit: can(user, { type: 'meetings.edit', meeting }) && isEditable(m.status),
    participate: can(user, { type: 'meetings.participate', meeting }),
    present: isLive(m.status) && can(user, { type: 'meetings.present', meeting, itemPresenterId: current?.presenter?.userId ?? null }),
    writeMinutes: can(user, { type: 'meetings.minutes.write', meeting }),
    commentMinutes: can(user, { type: 'comments.write', on: { kind: 'minutes', meeting } }),
    minutesStatus: can(user, { type: 'meetings.minutes.status', meeting }),
    cancel: can(user, { type: 'meetings.cancel', meeting }) && meetingTransition(m.status, 'cancelled').ok,
  };
}
