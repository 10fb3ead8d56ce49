import { describe, expect, it } from 'vitest';
import type { SubcommitteeId } from '../../../shared/domain';
import { can, type Actor } from '../../../shared/permissions';
import { proposalStatuses, type ProposalStatus } from '../../../shared/proposals/workflow';

const actors = {
  ministry: { id: 'm', role: 'ministry', subcommittee: null },
  ownChair: { id: 'c', role: 'chair', subcommittee: 'investment' },
  otherChair: { id: 'w', role: 'chair', subcommittee: 'workforce' },
  staff: { id: 's', role: 'staff', subcommittee: null },
  observer: { id: 'o', role: 'observer', subcommittee: null },
} satisfies Record<string, Actor>;
type Who = keyof typeof actors;
const everyone = Object.keys(actors) as Who[];
const writers: Who[] = ['ministry', 'ownChair'];

const proposal = (status: ProposalStatus) => ({ subcommittee: 'investment' as SubcommitteeId, status });

const check = (rows: [string, (who: Actor) => boolean, Who[]][]) => {
  for (const [name, ask, allowed] of rows) {
    for (const who of everyone) {
      const expected = allowed.includes(who);
      it(`${who} ${expected ? 'may' : 'may not'} ${name}`, () => expect(ask(actors[who])).toBe(expected));
    }
  }
};

describe('proposal permissions: reading, creating, renaming, writing the text', () => {
  check([
    ['read proposals', (a) => can(a, { type: 'proposals.read' }), everyone],
    ['create in investment', (a) => can(a, { type: 'proposals.create', subcommittee: 'investment' }), writers],
    ['create in workforce', (a) => can(a, { type: 'proposals.create', subcommittee: 'workforce' }), ['ministry', 'otherChair']],
    ['rename a draft', (a) => can(a, { type: 'proposals.rename', proposal: proposal('draft') }), writers],
    ['rename a submitted proposal', (a) => can(a, { type: 'proposals.rename', proposal: proposal('submitted') }), ['ministry']],
    ...proposalStatuses.map(
      (status): [string, (a: Actor) => boolean, Who[]] => [
        `edit the text when ${status}`,
        (a) => can(a, { type: 'proposals.edit', proposal: proposal(status) }),
        status === 'draft' ? writers : [],
      ],
    ),
  ]);
});

// from → to → who may take the step (illegal moves: nobody)
const moves: [ProposalStatus, ProposalStatus, Who[]][] = [
  ['draft', 'submitted', writers],
  ['draft', 'withdrawn', writers],
  ['submitted', 'under_discussion', ['ministry']],
  ['submitted', 'withdrawn', writers],
  ['submitted', 'draft', ['ministry']],
  ['under_discussion', 'adopted', ['ministry']],
  ['under_discussion', 'rejected', ['ministry']],
  ['under_discussion', 'withdrawn', writers],
  ['under_discussion', 'draft', ['ministry']],
  ['adopted', 'incorporated', ['ministry']],
  ['rejected', 'draft', ['ministry']],
];

describe('proposal permissions: status moves', () => {
  const rows: [string, (a: Actor) => boolean, Who[]][] = [];
  for (const from of proposalStatuses) {
    for (const to of proposalStatuses) {
      const allowed = moves.find(([f, t]) => f === from && t === to)?.[2] ?? [];
      rows.push([`move ${from} → ${to}`, (a) => can(a, { type: 'proposals.move', proposal: proposal(from), to }), allowed]);
    }
  }
  check(rows);
});
