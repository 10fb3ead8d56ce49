import type { Actor } from './index';

/**
 * Votes. Ministry staff or the meeting's chair run polls; anyone signed in follows
 * them; a ballot needs a voter role and a place on the poll's list of eligible voters.
 */
export type PollAction =
  /** Create, open, close or cancel a poll of a meeting. */
  | { type: 'polls.manage'; meetingChairId: string | null }
  | { type: 'polls.read' }
  /** Cast a ballot, for oneself (`eligible`: on the poll's list). */
  | { type: 'polls.cast'; eligible: boolean }
  /** Export a poll's ballots as CSV. */
  | { type: 'polls.export' }
  /** Delegate a chairperson's vote for a meeting (`fromUserId`) to another participant. */
  | { type: 'polls.delegate'; fromUserId: string }
  /** Have a vote of one's own that can be handed to a delegate: chairpersons. */
  | { type: 'polls.delegable' };

export function pollRule(actor: Actor, action: PollAction): boolean {
  switch (action.type) {
    case 'polls.manage':
      return actor.role === 'ministry' || (actor.role === 'chair' && action.meetingChairId !== null && actor.id === action.meetingChairId);
    case 'polls.read':
      return true;
    case 'polls.cast':
      return actor.role !== 'observer' && action.eligible;
    case 'polls.export':
      return actor.role !== 'observer';
    case 'polls.delegable':
      return actor.role === 'chair';
    case 'polls.delegate':
      return actor.role === 'ministry' || (actor.role === 'chair' && actor.id === action.fromUserId);
    default: {
      const unknown: never = action;
      throw new Error(`unhandled action ${JSON.stringify(unknown)}`);
    }
  }
}
