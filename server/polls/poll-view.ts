import type { PollView } from '../../shared/schemas/polls';
import type { PollRecord } from './poll-store';

/** Who is looking: everyone in the room, or someone who has voted (or cast for another). */
export type Audience = 'public' | 'voted';

/** Whether marks per option may be shown to this audience now. */
export function countsVisible(poll: PollRecord, audience: Audience): boolean {
  switch (poll.status) {
    case 'closed':
      return true;
    case 'cancelled':
    case 'draft':
      return false;
    case 'open':
      return poll.resultsVisibility === 'live' || (poll.resultsVisibility === 'after_vote' && audience === 'voted');
    default: {
      const unknown: never = poll.status;
      throw new Error(`unknown status ${String(unknown)}`);
    }
  }
}

/** A poll as a viewer sees it; `counts` is withheld unless visibility allows. */
export function toView(
  poll: PollRecord,
  tally: { votedCount: number; eligibleCount: number; counts: Record<string, number>; proposalTitle: string | null },
  audience: Audience,
): PollView {
  const { closedBy: _, effectsDone: __, ...fields } = poll;
  const visible = countsVisible(poll, audience);
  return {
    ...fields,
    proposalTitle: tally.proposalTitle,
    eligibility: { roles: poll.eligibility.roles, namedVoters: poll.eligibility.userIds.length },
    votedCount: tally.votedCount,
    eligibleCount: tally.eligibleCount,
    counts: visible ? (poll.result?.counts ?? tally.counts) : null,
    result: poll.result,
  };
}
