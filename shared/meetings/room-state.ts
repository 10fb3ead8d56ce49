/**
 * A meeting room's state as a stream of deltas: what each audience is sent of it,
 * what changed between two builds, and how a client applies a change. Pure, shared
 * by the server (which diffs) and the client (which applies); the protocol is in
 * docs/realtime.md (Meetings).
 */
import type { Meeting, MeetingDelta, MeetingState, RoomAudience } from '../schemas/meetings';

/** The parts of a state besides the meeting record and the clock; a delta carries each whole or not at all. */
const parts = ['speakers', 'follow', 'present', 'audience', 'checkedIn', 'decisions'] as const;
type Part = (typeof parts)[number];
/** What observers are not sent: who is present, and how many (their view shows neither). */
const presenceParts: readonly Part[] = ['present', 'audience'];

/** A delta without its envelope (meeting, version, clock). */
export type MeetingChanges = Omit<MeetingDelta, 'meetingId' | 'version' | 'serverNow'>;

/** The state as an audience receives it. */
export function stateFor(state: MeetingState, audience: RoomAudience): MeetingState {
  return audience === 'participants' ? state : { ...state, present: [], audience: null };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const nonEmpty = (changes: MeetingChanges) => (Object.keys(changes).length > 0 ? changes : null);

/**
 * The fields of `after` whose value differs from `before`'s (the agenda is one field); null
 * when none does. `after` may carry only some fields (the server's agenda move reads three).
 */
export function changedFields(before: Meeting, after: Partial<Meeting>): Partial<Meeting> | null {
  const keys = (Object.keys(after) as (keyof Meeting)[]).filter((key) => !same(before[key], after[key]));
  return keys.length > 0 ? (Object.fromEntries(keys.map((key) => [key, after[key]])) as Partial<Meeting>) : null;
}

/**
 * What an audience learns going from `before` to `after` (both built for participants),
 * or null when it learns nothing; the clock alone is no change.
 */
export function meetingChanges(before: MeetingState, after: MeetingState): Record<RoomAudience, MeetingChanges | null> {
  const meeting = changedFields(before.meeting, after.meeting);
  const changed = parts.filter((part) => !same(before[part], after[part]));
  const pick = (wanted: readonly Part[]): MeetingChanges => ({
    ...(meeting ? { meeting } : {}),
    ...Object.fromEntries(wanted.map((part) => [part, after[part]])),
  });
  return {
    participants: nonEmpty(pick(changed)),
    observers: nonEmpty(pick(changed.filter((part) => !presenceParts.includes(part)))),
  };
}

/** The state after a delta: each part it carries replaces the state's, its meeting fields are merged in. */
export function applyMeetingDelta(state: MeetingState, delta: MeetingDelta): MeetingState {
  const carried = Object.fromEntries(parts.filter((part) => delta[part] !== undefined).map((part) => [part, delta[part]]));
  return {
    ...state,
    ...(carried as Partial<Pick<MeetingState, Part>>),
    meeting: delta.meeting ? { ...state.meeting, ...delta.meeting } : state.meeting,
    serverNow: delta.serverNow,
  };
}
