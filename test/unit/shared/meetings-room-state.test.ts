/**
 * The room state as deltas, without a server: what changed between two states is
 * exactly what a client needs to get from one to the other (for each audience), and
 * the client's MeetingRoomState orders, drops and holds deltas and asks for the full
 * state when one is missed.
 */
import { describe, expect, it } from 'vitest';
import { MeetingRoomState } from '../../../client/meetings/room-state';
import { applyMeetingDelta, changedFields, meetingChanges, stateFor } from '../../../shared/meetings/room-state';
import { MeetingDelta, type MeetingState, type VersionedMeetingState } from '../../../shared/schemas/meetings';
import { mulberry32 } from '../../helpers/random';

const person = (n: number) => ({
  userId: `u${n}`,
  name: `사람 ${n}`,
  role: 'chair' as const,
  subcommittee: null,
  location: 'agenda',
  idle: false,
  since: '2026-12-01T05:00:00.000Z',
  handRaised: false,
  following: false,
});

const base: MeetingState = {
  meeting: {
    id: 'm1',
    title: '제1차 위원장 회의',
    status: 'live',
    startsAt: '2026-12-01T05:00:00.000Z',
    place: null,
    onlineLink: null,
    chair: null,
    startedAt: '2026-12-01T05:00:00.000Z',
    endedAt: null,
    cancelledAt: null,
    minutesStatus: 'draft',
    agenda: [1, 2, 3].map((n) => ({ id: `i${n}`, title: `안건 ${n}`, plannedMinutes: 10, presenter: null, proposalId: null })),
    currentItemId: null,
    currentItemStartedAt: null,
    minutes: { status: 'draft', approvedBy: null, approvedAt: null, contentHash: null, docName: 'minutes:m1' },
    createdAt: '2026-11-30T00:00:00.000Z',
    updatedAt: '2026-11-30T00:00:00.000Z',
  },
  speakers: { queue: [], current: null },
  follow: { presenter: null, followers: [] },
  present: [person(1)],
  audience: { observers: 0, total: 1 },
  checkedIn: [],
  decisions: [],
  serverNow: 1,
};

/** One random change of the kind a live meeting makes. */
function mutate(state: MeetingState, random: () => number): MeetingState {
  const n = Math.floor(random() * 6);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const at = new Date(Date.UTC(2026, 11, 1, 5, Math.floor(random() * 60))).toISOString();
  const s = { ...state, serverNow: state.serverNow + 1 };
  switch (n) {
    case 0:
      return { ...s, meeting: { ...s.meeting, currentItemId: pick(['i1', 'i2', 'i3']), currentItemStartedAt: at, updatedAt: at } };
    case 1:
      return { ...s, speakers: { ...s.speakers, queue: [...s.speakers.queue, { userId: `u${pick([1, 2, 3])}`, name: '손', since: at }] } };
    case 2: {
      const present = random() < 0.5 && s.present.length > 0 ? s.present.slice(1) : [...s.present, person(s.present.length + 2)];
      return { ...s, present, audience: { observers: Math.floor(random() * 3), total: present.length + 1 } };
    }
    case 3:
      return { ...s, checkedIn: [...s.checkedIn, `u${s.checkedIn.length}`] };
    case 4:
      return { ...s, meeting: { ...s.meeting, agenda: s.meeting.agenda.slice().reverse(), updatedAt: at } };
    default:
      return { ...s, follow: { presenter: null, followers: random() < 0.5 ? ['u1'] : [] } };
  }
}

/** What a client shows, which the clock does not change. */
const shown = (state: MeetingState | null) => state && { ...state, serverNow: 0 };

describe('meeting changes', () => {
  it('an agenda move carries only the current item and its times, to both audiences', () => {
    const after = { ...base, meeting: { ...base.meeting, currentItemId: 'i2', currentItemStartedAt: '2026-12-01T05:10:00.000Z', updatedAt: '2026-12-01T05:10:00.000Z' }, serverNow: 9 };
    const changes = meetingChanges(base, after);
    expect(changes.participants).toEqual({ meeting: { currentItemId: 'i2', currentItemStartedAt: '2026-12-01T05:10:00.000Z', updatedAt: '2026-12-01T05:10:00.000Z' } });
    expect(changes.observers).toEqual(changes.participants);
  });

  it('of some fields read on their own (an agenda move), only those that differ; none when none does', () => {
    const moved = { currentItemId: 'i2', currentItemStartedAt: '2026-12-01T05:10:00.000Z', updatedAt: base.meeting.updatedAt };
    expect(changedFields(base.meeting, moved)).toEqual({ currentItemId: 'i2', currentItemStartedAt: '2026-12-01T05:10:00.000Z' });
    const still = { currentItemId: null, currentItemStartedAt: null, updatedAt: base.meeting.updatedAt };
    expect(changedFields(base.meeting, still)).toBeNull();
    expect(changedFields(base.meeting, { agenda: [...base.meeting.agenda].reverse() })).toEqual({ agenda: [...base.meeting.agenda].reverse() });
  });

  it('who is present, and how many, goes to participants only; the clock alone is no change', () => {
    const after = { ...base, present: [person(1), person(2)], audience: { observers: 3, total: 5 } };
    expect(meetingChanges(base, after)).toEqual({ participants: { present: after.present, audience: after.audience }, observers: null });
    expect(meetingChanges(base, { ...base, serverNow: 99 })).toEqual({ participants: null, observers: null });
    expect(stateFor(after, 'observers')).toMatchObject({ present: [], audience: null });
  });

  it.each([1, 2, 3, 4, 5])('applied in order, the deltas of seed %i rebuild every state for each audience', (seed) => {
    const random = mulberry32(seed);
    let server = base;
    const clients = { participants: stateFor(base, 'participants'), observers: stateFor(base, 'observers') };
    for (let step = 0; step < 200; step++) {
      const next = mutate(server, random);
      const changes = meetingChanges(server, next);
      for (const audience of ['participants', 'observers'] as const) {
        const changed = changes[audience];
        if (changed) clients[audience] = applyMeetingDelta(clients[audience], MeetingDelta.parse({ meetingId: 'm1', version: step + 1, serverNow: next.serverNow, ...changed }));
        expect(shown(clients[audience])).toEqual(shown(stateFor(next, audience)));
      }
      server = next;
    }
  });
});

describe("the client's room state", () => {
  const delta = (version: number, currentItemId: string): MeetingDelta => ({ meetingId: 'm1', version, serverNow: version, meeting: { currentItemId } });
  const room = (full: VersionedMeetingState | null = null) => {
    const calls = { syncs: 0, changes: 0 };
    const state = new MeetingRoomState({
      sync: async () => {
        calls.syncs++;
        return full;
      },
      changed: () => calls.changes++,
    });
    return { state, calls };
  };

  it('applies the next version, drops one it already holds, and asks for the full state after a skipped one', async () => {
    const { state, calls } = room({ state: { ...base, meeting: { ...base.meeting, currentItemId: 'i3' } }, version: 4 });
    state.reset({ state: base, version: 1 });
    expect(state.receive(delta(2, 'i1'))).toBe('applied');
    expect(state.receive(delta(2, 'i2'))).toBe('old');
    expect(state.state?.meeting.currentItemId).toBe('i1');
    expect(state.receive(delta(4, 'i3'))).toBe('gap');
    expect(state.receive(delta(5, 'i2'))).toBe('held');
    await new Promise(setImmediate);
    expect(calls.syncs).toBe(1);
    // The full state at 4, then the delta held meanwhile.
    expect(state.version).toBe(5);
    expect(state.state?.meeting.currentItemId).toBe('i2');
  });

  it('holds what arrives before the join answers, and applies only what is newer than the answer', () => {
    const { state, calls } = room();
    state.expect();
    expect(state.receive(delta(3, 'i2'))).toBe('held');
    expect(state.receive(delta(4, 'i3'))).toBe('held');
    state.reset({ state: base, version: 3 });
    expect(state.version).toBe(4);
    expect(state.state?.meeting.currentItemId).toBe('i3');
    expect(calls.syncs).toBe(0);
  });
});
