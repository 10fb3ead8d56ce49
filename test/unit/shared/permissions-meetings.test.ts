import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/domain';
import type { MinutesStatus } from '../../../shared/meetings/state-machine';
import { can, type Action, type Actor } from '../../../shared/permissions';
import type { MeetingRef } from '../../../shared/permissions/meetings';

const actors: Record<Role | 'meetingChair', Actor> = {
  ministry: { id: 'm', role: 'ministry', subcommittee: null },
  chair: { id: 'c', role: 'chair', subcommittee: 'investment' },
  meetingChair: { id: 'mc', role: 'chair', subcommittee: 'workforce' },
  staff: { id: 's', role: 'staff', subcommittee: null },
  observer: { id: 'o', role: 'observer', subcommittee: null },
};
type Who = keyof typeof actors;
const everyone = Object.keys(actors) as Who[];
const participants: Who[] = ['ministry', 'chair', 'meetingChair', 'staff'];

const meeting = (minutesStatus: MinutesStatus = 'draft', chairId: string | null = 'mc'): MeetingRef => ({ chairId, status: 'live', minutesStatus });

// action → who may do it
const table: [string, Action, Who[]][] = [
  ['see and follow meetings', { type: 'meetings.read' }, everyone],
  ['schedule a meeting', { type: 'meetings.create' }, ['ministry']],
  ['edit a meeting and its agenda', { type: 'meetings.edit', meeting: meeting() }, ['ministry']],
  // Not even the meeting's chair: cancelling tells everyone's calendars, which is the secretariat's call.
  ['cancel a meeting', { type: 'meetings.cancel', meeting: meeting() }, ['ministry']],
  ['run a meeting with a chair (start, end, current item, floor)', { type: 'meetings.run', meeting: meeting() }, ['ministry', 'meetingChair']],
  ['run a meeting without a chair', { type: 'meetings.run', meeting: meeting('draft', null) }, ['ministry']],
  // Issue 14: an observer (or a minute-taker) named chair before the rule existed still does not run the meeting.
  ['run a meeting whose named chair is an observer', { type: 'meetings.run', meeting: meeting('draft', 'o') }, ['ministry']],
  ['run a meeting whose named chair is a minute-taker', { type: 'meetings.run', meeting: meeting('draft', 's') }, ['ministry']],
  ["be named a meeting's chair", { type: 'meetings.chair' }, ['ministry', 'chair', 'meetingChair']],
  ['raise a hand or check in', { type: 'meetings.participate', meeting: meeting() }, participants],
  ['present without presenting the current item', { type: 'meetings.present', meeting: meeting(), itemPresenterId: null }, ['ministry', 'meetingChair']],
  ["present as the current item's presenter", { type: 'meetings.present', meeting: meeting(), itemPresenterId: 'c' }, ['ministry', 'meetingChair', 'chair']],
  ['write draft minutes', { type: 'meetings.minutes.write', meeting: meeting('draft') }, ['ministry', 'staff']],
  ['write the text of circulated minutes', { type: 'meetings.minutes.write', meeting: meeting('circulated') }, []],
  ['write approved minutes', { type: 'meetings.minutes.write', meeting: meeting('approved') }, []],
  ['comment on draft minutes', { type: 'comments.write', on: { kind: 'minutes', meeting: meeting('draft') } }, ['ministry', 'staff']],
  ['comment on circulated minutes', { type: 'comments.write', on: { kind: 'minutes', meeting: meeting('circulated') } }, participants],
  ['comment on approved minutes', { type: 'comments.write', on: { kind: 'minutes', meeting: meeting('approved') } }, []],
  ['circulate or approve minutes', { type: 'meetings.minutes.status', meeting: meeting() }, ['ministry']],
  // Issue 17: the owner, ministry staff and minute-takers mark an action item done, approved minutes too.
  ["mark done a chairperson's action item", { type: 'meetings.actionItems.done', meeting: meeting(), ownerId: 'c' }, ['ministry', 'staff', 'chair']],
  ["mark done an observer's action item of approved minutes", { type: 'meetings.actionItems.done', meeting: meeting('approved'), ownerId: 'o' }, ['ministry', 'staff', 'observer']],
  ["mark done an outsider's action item", { type: 'meetings.actionItems.done', meeting: meeting(), ownerId: null }, ['ministry', 'staff']],
];

describe('meeting permissions', () => {
  for (const [what, action, allowed] of table) {
    for (const who of everyone) {
      const expected = allowed.includes(who);
      it(`${who} ${expected ? 'may' : 'may not'} ${what}`, () => {
        expect(can(actors[who], action)).toBe(expected);
      });
    }
  }
});
