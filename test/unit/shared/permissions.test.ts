import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/domain';
import { can, type Action, type Actor } from '../../../shared/permissions';

const actors: Record<Role, Actor> = {
  ministry: { id: 'm', role: 'ministry', subcommittee: null },
  chair: { id: 'c', role: 'chair', subcommittee: 'investment' },
  staff: { id: 's', role: 'staff', subcommittee: null },
  observer: { id: 'o', role: 'observer', subcommittee: null },
};

// action → roles that may do it
const table: [Action, Role[]][] = [
  [{ type: 'users.invite' }, ['ministry']],
  [{ type: 'users.setRole' }, ['ministry']],
  [{ type: 'audit.read' }, ['ministry']],
  [{ type: 'users.list' }, ['ministry', 'chair', 'staff', 'observer']],
  [{ type: 'forum.read' }, ['ministry', 'chair', 'staff', 'observer']],
];

describe('permissions', () => {
  for (const [action, allowed] of table) {
    for (const role of Object.keys(actors) as Role[]) {
      const expected = allowed.includes(role);
      it(`${role} ${expected ? 'may' : 'may not'} ${action.type}`, () => {
        expect(can(actors[role], action)).toBe(expected);
      });
    }
  }
});
