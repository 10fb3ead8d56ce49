import type { MeetingStatus, MinutesStatus } from '../meetings/state-machine';
import type { Actor } from './index';

/** What the rules need to know about a meeting. */
export interface MeetingRef {
  chairId: string | null;
  status: MeetingStatus;
  minutesStatus: MinutesStatus;
}

/**
 * Who may do what with meetings. Whether the meeting's state allows it (an ended
 * meeting is read-only) is the state machine's answer, not this one's.
 */
export type MeetingAction =
  /** See meetings, join a room, follow it live, toggle following the presenter. */
  | { type: 'meetings.read' }
  | { type: 'meetings.create' }
  /** Be named a meeting's chair (asked of the person named): ministry staff or a chairperson, never an observer. */
  | { type: 'meetings.chair' }
  /** Change details (title, time, place, link, chair) and the agenda. */
  | { type: 'meetings.edit'; meeting: MeetingRef }
  /** Call off a meeting that has not started (everyone it concerns is told, calendars drop it). */
  | { type: 'meetings.cancel'; meeting: MeetingRef }
  /** Start and end, move the current item, give and end the floor, lower anyone's hand. */
  | { type: 'meetings.run'; meeting: MeetingRef }
  /** Raise a hand, check in: every participant, not observers. */
  | { type: 'meetings.participate'; meeting: MeetingRef }
  /** Publish the presenter's view (document and scroll) for followers; `itemPresenterId` is the current item's presenter. */
  | { type: 'meetings.present'; meeting: MeetingRef; itemPresenterId: string | null }
  /** Write the text of the minutes (readers receive it live). */
  | { type: 'meetings.minutes.write'; meeting: MeetingRef }
  /** Circulate, return to draft, approve. */
  | { type: 'meetings.minutes.status'; meeting: MeetingRef }
  /** Mark an action item of the minutes done or not done; `ownerId` is the item's owner, if a user. */
  | { type: 'meetings.actionItems.done'; meeting: MeetingRef; ownerId: string | null };

/** Who may chair a meeting; a chair named before this rule who no longer qualifies does not run it. */
const mayChair = (actor: Actor) => actor.role === 'ministry' || actor.role === 'chair';
const runs = (actor: Actor, meeting: MeetingRef) =>
  actor.role === 'ministry' || (meeting.chairId !== null && meeting.chairId === actor.id && mayChair(actor));
/** Everyone but observers. */
const participates = (actor: Actor) => actor.role !== 'observer';
/** Minute-takers and the secretariat, who write the draft minutes. */
const takesMinutes = (actor: Actor) => actor.role === 'ministry' || actor.role === 'staff';

export function meetingRule(actor: Actor, action: MeetingAction): boolean {
  switch (action.type) {
    case 'meetings.read':
      return true;
    case 'meetings.chair':
      return mayChair(actor);
    case 'meetings.create':
    case 'meetings.edit':
    case 'meetings.cancel':
    case 'meetings.minutes.status':
      return actor.role === 'ministry';
    case 'meetings.run':
      return runs(actor, action.meeting);
    case 'meetings.participate':
      return participates(actor);
    case 'meetings.present':
      return runs(actor, action.meeting) || (action.itemPresenterId !== null && action.itemPresenterId === actor.id);
    case 'meetings.minutes.write':
      // What is circulated is what gets approved: to amend it, the secretariat takes it back to draft.
      return action.meeting.minutesStatus === 'draft' && takesMinutes(actor);
    case 'meetings.actionItems.done':
      // Done is a fact about the work, not a change to the record: approved minutes take it too.
      return takesMinutes(actor) || (action.ownerId !== null && action.ownerId === actor.id);
    default: {
      const unknown: never = action;
      throw new Error(`unhandled action ${JSON.stringify(unknown)}`);
    }
  }
}
