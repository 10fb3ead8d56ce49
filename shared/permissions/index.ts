import type { Role, SubcommitteeId } from '../domain';
import { commentRule, type CommentAction } from './comments';
import { coreRule, type CoreAction } from './core';
import { proposalRule, type ProposalAction } from './proposals';
import { meetingRule, type MeetingAction } from './meetings';
import { pollRule, type PollAction } from './polls';
import { strategyRule, type StrategyAction } from './strategy';

/** Who is asking. */
export interface Actor {
  id: string;
  role: Role;
  subcommittee: SubcommitteeId | null;
}

/**
 * Everything that may be done, tagged on `type` (`<domain>.<verb>`). Each domain
 * keeps its rules in its own file; `can` is the one door to them all
 * (tested as a table in test/unit/shared/permissions*.test.ts).
 */
export type Action = CoreAction | ProposalAction | MeetingAction | PollAction | StrategyAction | CommentAction;

/** A person with a voter role: put on a poll's list, they could vote (observers never). */
export const mayVote = (person: Actor): boolean => can(person, { type: 'polls.cast', eligible: true });

/** "May this user do this to that?" Pure, so the client may ask it too (to hide buttons); the server decides. */
export function can(actor: Actor, action: Action): boolean {
  const domain = action.type.slice(0, action.type.indexOf('.'));
  switch (domain) {
    case 'proposals':
      return proposalRule(actor, action as ProposalAction);
    case 'meetings':
      return meetingRule(actor, action as MeetingAction);
    case 'polls':
      return pollRule(actor, action as PollAction);
    case 'strategy':
      return strategyRule(actor, action as StrategyAction);
    case 'comments':
      return commentRule(actor, action as CommentAction);
    default:
      return coreRule(actor, action as CoreAction);
  }
}
