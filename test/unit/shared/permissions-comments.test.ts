import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/domain';
import type { MinutesStatus } from '../../../shared/meetings/state-machine';
import { can, type Actor } from '../../../shared/permissions';
import type { CommentTarget } from '../../../shared/permissions/comments';
import type { ProposalStatus } from '../../../shared/proposals/workflow';

const actors: Record<Role | 'otherChair', Actor> = {
  ministry: { id: 'm', role: 'ministry', subcommittee: null },
  chair: { id: 'c', role: 'chair', subcommittee: 'investment' },
  otherChair: { id: 'w', role: 'chair', subcommittee: 'workforce' },
  staff: { id: 's', role: 'staff', subcommittee: null },
  observer: { id: 'o', role: 'observer', subcommittee: null },
};
type Who = keyof typeof actors;
const everyone = Object.keys(actors) as Who[];

const proposal = (status: ProposalStatus): CommentTarget => ({ kind: 'proposal', proposal: { subcommittee: 'investment', status } });
const minutes = (minutesStatus: MinutesStatus): CommentTarget => ({ kind: 'minutes', meeting: { chairId: 'w', status: 'ended', minutesStatus } });

// Who may comment (write the comments' companion document), whatever they may do with the text.
const table: [string, CommentTarget, Who[]][] = [
  // Issue 17: every chairperson and ministry staff, on every subcommittee's open proposal; observers read.
  ['a draft proposal', proposal('draft'), ['ministry', 'chair', 'otherChair']],
  ['a submitted proposal', proposal('submitted'), ['ministry', 'chair', 'otherChair']],
  ['a proposal under discussion', proposal('under_discussion'), ['ministry', 'chair', 'otherChair']],
  ['an adopted proposal', proposal('adopted'), []],
  ['a rejected proposal', proposal('rejected'), []],
  ['a withdrawn proposal', proposal('withdrawn'), []],
  ['an incorporated proposal', proposal('incorporated'), []],
  ['draft minutes', minutes('draft'), ['ministry', 'staff']],
  ['circulated minutes', minutes('circulated'), ['ministry', 'chair', 'otherChair', 'staff']],
  ['approved minutes', minutes('approved'), []],
  ['the strategy', { kind: 'strategy' }, ['ministry', 'chair', 'otherChair']],
];

describe('who may comment', () => {
  for (const [what, on, allowed] of table) {
    for (const who of everyone) {
      const expected = allowed.includes(who);
      it(`${who} ${expected ? 'may' : 'may not'} comment on ${what}`, () => {
        expect(can(actors[who], { type: 'comments.write', on })).toBe(expected);
      });
    }
  }
});
