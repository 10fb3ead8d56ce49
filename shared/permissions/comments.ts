import type { Actor } from './index';
import { meetingRule, type MeetingRef } from './meetings';
import { isOpen } from '../proposals/workflow';
import type { ProposalRef } from './proposals';

/** A document that has comment threads (kept in its companion document, see shared/comments.ts). */
export type CommentTarget = { kind: 'proposal'; proposal: ProposalRef } | { kind: 'minutes'; meeting: MeetingRef } | { kind: 'strategy' };

/**
 * Who may comment, on every kind of document, in this one rule: commenting is write
 * access to the comments' companion document, whatever the access to the text is.
 */
export type CommentAction = { type: 'comments.write'; on: CommentTarget };

export function commentRule(actor: Actor, action: CommentAction): boolean {
  const { on } = action;
  switch (on.kind) {
    case 'proposal':
      // Every chairperson and ministry staff, on every subcommittee's proposal while it is open:
      // comments are not edits (a submitted text stays locked), and a submitted or discussed
      // proposal is exactly when the others discuss it (issue 17). Observers read them.
      return (actor.role === 'ministry' || actor.role === 'chair') && isOpen(on.proposal.status);
    case 'minutes':
      switch (on.meeting.minutesStatus) {
        case 'draft':
          // Those who write the draft.
          return meetingRule(actor, { type: 'meetings.minutes.write', meeting: on.meeting });
        case 'circulated':
          // Participants propose their amendments as comments.
          return meetingRule(actor, { type: 'meetings.participate', meeting: on.meeting });
        case 'approved':
          return false;
        default: {
          const unknown: never = on.meeting.minutesStatus;
          throw new Error(`unhandled minutes status ${JSON.stringify(unknown)}`);
        }
      }
    case 'strategy':
      // Ministry staff and chairpersons.
      return actor.role === 'ministry' || actor.role === 'chair';
    default: {
      const unknown: never = on;
      throw new Error(`unhandled comment target ${JSON.stringify(unknown)}`);
    }
  }
}
