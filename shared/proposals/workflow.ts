/**
 * The life of a proposal, as a pure state machine shared by server and client:
 *
 *   draft → submitted → under_discussion → adopted → incorporated
 *                                        ↘ rejected
 *   draft | submitted | under_discussion → withdrawn
 *   submitted | under_discussion → draft  (ministry reopens)
 *   rejected → draft  (ministry reopens, giving the reason: a wrong vote must be repairable)
 *
 * Who may take which step lives in shared/permissions/proposals.ts.
 */
export const proposalStatuses = [
  'draft',
  'submitted',
  'under_discussion',
  'adopted',
  'rejected',
  'withdrawn',
  'incorporated',
] as const;
export type ProposalStatus = (typeof proposalStatuses)[number];

/** A named move between two statuses. */
export const proposalSteps = ['submit', 'start_discussion', 'adopt', 'reject', 'withdraw', 'incorporate', 'reopen'] as const;
export type ProposalStep = (typeof proposalSteps)[number];

const transitions: Record<ProposalStatus, Partial<Record<ProposalStatus, ProposalStep>>> = {
  draft: { submitted: 'submit', withdrawn: 'withdraw' },
  submitted: { under_discussion: 'start_discussion', withdrawn: 'withdraw', draft: 'reopen' },
  under_discussion: { adopted: 'adopt', rejected: 'reject', withdrawn: 'withdraw', draft: 'reopen' },
  adopted: { incorporated: 'incorporate' },
  rejected: { draft: 'reopen' },
  withdrawn: {},
  incorporated: {},
};

/** The step that moves `from` to `to`, or null when the workflow has no such move. */
export function stepBetween(from: ProposalStatus, to: ProposalStatus): ProposalStep | null {
  return transitions[from][to] ?? null;
}

/** Every status reachable from `from` in one step, in workflow order. */
export function nextStatuses(from: ProposalStatus): ProposalStatus[] {
  return proposalStatuses.filter((to) => transitions[from][to] !== undefined);
}

/** Still in play: it can be withdrawn. */
export const isOpen = (status: ProposalStatus): boolean => status === 'draft' || status === 'submitted' || status === 'under_discussion';

/** A vote decides only a proposal under discussion: its text is locked and both outcomes (adopt, reject) are moves from there. */
export const isVoteDecidable = (status: ProposalStatus): boolean => status === 'under_discussion';

/** A move that must say why in the history: reopening a rejected proposal undoes a decision. */
export const needsReason = (from: ProposalStatus, to: ProposalStatus): boolean => from === 'rejected' && to === 'draft';

/** Only a draft's text can change; every other status locks it for everyone. */
export const isTextLocked = (status: ProposalStatus): boolean => status !== 'draft';

/** Glossary names, for text the server writes itself (version labels, messages). */
export const statusNames: Record<ProposalStatus, { ko: string; en: string }> = {
  draft: { ko: '초안', en: 'draft' },
  submitted: { ko: '제출됨', en: 'submitted' },
  under_discussion: { ko: '논의 중', en: 'under discussion' },
  adopted: { ko: '채택', en: 'adopted' },
  rejected: { ko: '부결', en: 'rejected' },
  withdrawn: { ko: '철회', en: 'withdrawn' },
  incorporated: { ko: '전략 반영', en: 'incorporated into the strategy' },
};

/** Why a move is refused by the workflow, in words a user understands; null when it is allowed. */
export function transitionProblem(from: ProposalStatus, to: ProposalStatus): string | null {
  if (from === to) return `The proposal is already ${statusNames[to].en}.`;
  if (stepBetween(from, to)) return null;
  const next = nextStatuses(from).map((s) => statusNames[s].en);
  const options = next.length === 0 ? 'it cannot change any more' : `it can only become ${joinOr(next)}`;
  return `A proposal that is ${statusNames[from].en} cannot become ${statusNames[to].en}; ${options}.`;
}

const joinOr = (items: string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
