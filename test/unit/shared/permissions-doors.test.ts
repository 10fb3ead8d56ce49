import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/domain';
import type { Actor } from '../../../shared/permissions';
import { atDoor, type Door } from '../../../shared/permissions/doors';

const actors: Record<Role, Actor> = {
  ministry: { id: 'm', role: 'ministry', subcommittee: null },
  chair: { id: 'c', role: 'chair', subcommittee: 'investment' },
  staff: { id: 's', role: 'staff', subcommittee: null },
  observer: { id: 'o', role: 'observer', subcommittee: null },
};

// door → roles that pass it (the record-specific answer is the service's `can`)
const table: [Door, Role[]][] = [
  ['public', ['ministry', 'chair', 'staff', 'observer']],
  ['account.own', ['ministry', 'chair', 'staff', 'observer']],
  ['proposals.read', ['ministry', 'chair', 'staff', 'observer']],
  ['proposals.create', ['ministry', 'chair']],
  ['proposals.rename', ['ministry', 'chair']],
  ['proposals.move', ['ministry', 'chair']],
  ['meetings.create', ['ministry']],
  ['meetings.edit', ['ministry']],
  ['meetings.run', ['ministry', 'chair']],
  ['meetings.participate', ['ministry', 'chair', 'staff']],
  // Anyone may be an agenda item's presenter.
  ['meetings.present', ['ministry', 'chair', 'staff', 'observer']],
  ['meetings.minutes.write', ['ministry', 'staff']],
  ['comments.write', ['ministry', 'chair', 'staff']],
  ['polls.manage', ['ministry', 'chair']],
  ['polls.cast', ['ministry', 'chair', 'staff']],
  ['polls.export', ['ministry', 'chair', 'staff']],
  ['polls.delegate', ['ministry', 'chair']],
  ['polls.delegable', ['chair']],
  ['strategy.write', ['ministry']],
  ['audit.read', ['ministry']],
];

describe('doors', () => {
  for (const [door, allowed] of table) {
    for (const role of Object.keys(actors) as Role[]) {
      const pass = allowed.includes(role);
      it(`${role} ${pass ? 'passes' : 'is refused at'} ${door}`, () => {
        expect(atDoor(actors[role], door)).toMatchObject(pass ? { pass: true } : { pass: false, error: { code: 'forbidden' } });
      });
    }
  }

  it('refuses nobody at a public door and everyone else to the anonymous', () => {
    expect(atDoor(null, 'public')).toEqual({ pass: true });
    expect(atDoor(null, 'forum.read')).toMatchObject({ pass: false, error: { code: 'unauthenticated', reason: 'auth.signed_out' } });
  });
});
