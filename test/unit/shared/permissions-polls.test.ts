import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/domain';
import { can, type Action, type Actor } from '../../../shared/permissions';

const actors: Record<Role | 'meetingChair', Actor> = {
  ministry: { id: 'm', role: 'ministry', subcommittee: null },
  chair: { id: 'c', role: 'chair', subcommittee: 'investment' },
  meetingChair: { id: 'mc', role: 'chair', subcommittee: 'workforce' },
  staff: { id: 's', role: 'staff', subcommittee: null },
  observer: { id: 'o', role: 'observer', subcommittee: null },
};
type Who = keyof typeof actors;
const everyone = Object.keys(actors) as Who[];

// action → who may do it
const table: [string, Action, Who[]][] = [
  ['run the polls of a meeting with a chair', { type: 'polls.manage', meetingChairId: 'mc' }, ['ministry', 'meetingChair']],
  ['run the polls of a meeting without a chair', { type: 'polls.manage', meetingChairId: null }, ['ministry']],
  ['run the polls of a meeting whose named chair is an observer', { type: 'polls.manage', meetingChairId: 'o' }, ['ministry']],
  ['follow polls', { type: 'polls.read' }, everyone],
  ['cast when eligible', { type: 'polls.cast', eligible: true }, ['ministry', 'chair', 'meetingChair', 'staff']],
  ['cast when not eligible', { type: 'polls.cast', eligible: false }, []],
  ['export ballots', { type: 'polls.export' }, ['ministry', 'chair', 'meetingChair', 'staff']],
  ["delegate chair c's vote", { type: 'polls.delegate', fromUserId: 'c' }, ['ministry', 'chair']],
  ["delegate staff s's vote", { type: 'polls.delegate', fromUserId: 's' }, ['ministry']],
];

describe('poll permissions', () => {
  for (const [what, action, allowed] of table) {
    for (const who of everyone) {
      const expected = allowed.includes(who);
      it(`${who} ${expected ? 'may' : 'may not'} ${what}`, () => {
        expect(can(actors[who], action)).toBe(expected);
      });
    }
  }
});
