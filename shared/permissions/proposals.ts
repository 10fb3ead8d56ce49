import type { SubcommitteeId } from '../domain';
import { isTextLocked, stepBetween, type ProposalStatus, type ProposalStep } from '../proposals/workflow';
import type { Actor } from './index';

/** What a rule needs to know about a proposal. */
export interface ProposalRef {
  subcommittee: SubcommitteeId;
  status: ProposalStatus;
}

export type ProposalAction =
  | { type: 'proposals.read' }
  | { type: 'proposals.create'; subcommittee: SubcommitteeId }
  /** Change the title or summary. */
  | { type: 'proposals.rename'; proposal: ProposalRef }
  /** Write the document text; also take a named version and restore one. */
  | { type: 'proposals.edit'; proposal: ProposalRef }
  /** Move the status to `to`; false for a move the workflow does not have. */
  | { type: 'proposals.move'; proposal: ProposalRef; to: ProposalStatus }
  /** Accept or decline a replacement text suggested in a comment (submitted or under discussion). */
  | { type: 'proposals.amendments.decide'; proposal: ProposalRef & { createdBy: string } };

/** Steps a chair may take on their own subcommittee's proposals; ministry staff take every step. */
const chairSteps: ReadonlySet<ProposalStep> = new Set(['submit', 'withdraw']);

const ownsSubcommittee = (actor: Actor, proposal: { subcommittee: SubcommitteeId }) =>
  actor.role === 'chair' && actor.subcommittee === proposal.subcommittee;

/**
 * Everyone reads every proposal. Chairs create, rename, write and submit their own
 * subcommittee's drafts, and may withdraw them while open; ministry staff do all of that
 * for every subcommittee and alone start discussion, adopt, reject, incorporate and reopen.
 * Any status but draft locks the text for everyone.
 */
export function proposalRule(actor: Actor, action: ProposalAction): boolean {
  const ministry = actor.role === 'ministry';
  switch (action.type) {
    case 'proposals.read':
      return true;
    case 'proposals.create':
      return ministry || ownsSubcommittee(actor, action);
    case 'proposals.rename':
      return ministry || (ownsSubcommittee(actor, action.proposal) && !isTextLocked(action.proposal.status));
    case 'proposals.edit':
      return !isTextLocked(action.proposal.status) && (ministry || ownsSubcommittee(actor, action.proposal));
    case 'proposals.move': {
      const step = stepBetween(action.proposal.status, action.to);
      if (!step) return false;
      return ministry || (ownsSubcommittee(actor, action.proposal) && chairSteps.has(step));
    }
    case 'proposals.amendments.decide':
      return (
        (action.proposal.status === 'submitted' || action.proposal.status === 'under_discussion') &&
        (ministry || action.proposal.createdBy === actor.id)
      );
    default: {
      const unknown: never = action;
      throw new Error(`unhandled action ${JSON.stringify(unknown)}`);
    }
  }
}
