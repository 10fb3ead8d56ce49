import { describe, expect, it } from 'vitest';
import {
  isOpen,
  isTextLocked,
  nextStatuses,
  proposalStatuses,
  stepBetween,
  transitionProblem,
  type ProposalStatus,
  type ProposalStep,
} from '../../../shared/proposals/workflow';

// Every legal move; any pair not listed is illegal.
const moves: [ProposalStatus, ProposalStatus, ProposalStep][] = [
  ['draft', 'submitted', 'submit'],
  ['draft', 'withdrawn', 'withdraw'],
  ['submitted', 'under_discussion', 'start_discussion'],
  ['submitted', 'withdrawn', 'withdraw'],
  ['submitted', 'draft', 'reopen'],
  ['under_discussion', 'adopted', 'adopt'],
  ['under_discussion', 'rejected', 'reject'],
  ['under_discussion', 'withdrawn', 'withdraw'],
  ['under_discussion', 'draft', 'reopen'],
  ['adopted', 'incorporated', 'incorporate'],
  // A wrong vote must be repairable: ministry staff reopen a rejected proposal (with a reason).
  ['rejected', 'draft', 'reopen'],
];

describe('proposal workflow', () => {
  for (const from of proposalStatuses) {
    for (const to of proposalStatuses) {
      const legal = moves.find(([f, t]) => f === from && t === to);
      it(`${from} → ${to}: ${legal ? legal[2] : 'refused'}`, () => {
        expect(stepBetween(from, to)).toBe(legal ? legal[2] : null);
        expect(transitionProblem(from, to) === null).toBe(Boolean(legal));
      });
    }
  }

  it('lists the next statuses in workflow order', () => {
    expect(nextStatuses('draft')).toEqual(['submitted', 'withdrawn']);
    expect(nextStatuses('under_discussion')).toEqual(['draft', 'adopted', 'rejected', 'withdrawn']);
    expect(nextStatuses('incorporated')).toEqual([]);
  });

  it('knows open and locked statuses', () => {
    expect(proposalStatuses.filter(isOpen)).toEqual(['draft', 'submitted', 'under_discussion']);
    expect(proposalStatuses.filter((s) => !isTextLocked(s))).toEqual(['draft']);
  });

  it('explains a refused move with the moves that remain', () => {
    expect(transitionProblem('submitted', 'adopted')).toBe(
      'A proposal that is submitted cannot become adopted; it can only become draft, under discussion or withdrawn.',
    );
    expect(transitionProblem('rejected', 'adopted')).toBe('A proposal that is rejected cannot become adopted; it can only become draft.');
    expect(transitionProblem('withdrawn', 'draft')).toMatch(/cannot change any more/);
    expect(transitionProblem('draft', 'draft')).toBe('The proposal is already draft.');
  });
});
