import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/domain';
import { can, type Actor } from '../../../shared/permissions';
import type { ProposalStatus } from '../../../shared/proposals/workflow';

const actors: Record<Role | 'author', Actor> = {
  ministry: { id: 'm', role: 'ministry', subcommittee: null },
  author: { id: 'a', role: 'chair', subcommittee: 'investment' },
  chair: { id: 'c', role: 'chair', subcommittee: 'investment' },
  staff: { id: 's', role: 'staff', subcommittee: null },
  observer: { id: 'o', role: 'observer', subcommittee: null },
};
type Who = keyof typeof actors;
const everyone = Object.keys(actors) as Who[];

// Issue 17: the proposal's author or ministry staff accept or decline an amendment, while it is discussed.
const table: [ProposalStatus, Who[]][] = [
  ['draft', []],
  ['submitted', ['ministry', 'author']],
  ['under_discussion', ['ministry', 'author']],
  ['adopted', []],
  ['rejected', []],
  ['withdrawn', []],
  ['incorporated', []],
];

describe('who decides an amendment', () => {
  for (const [status, allowed] of table) {
    for (const who of everyone) {
      const expected = allowed.includes(who);
      it(`${who} ${expected ? 'may' : 'may not'} decide one on a ${status} proposal`, () => {
        const proposal = { subcommittee: 'investment' as const, status, createdBy: 'a' };
        expect(can(actors[who], { type: 'proposals.amendments.decide', proposal })).toBe(expected);
      });
    }
  }
});
