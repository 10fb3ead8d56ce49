import { describe, expect, it } from 'vitest';
import {
  elapsedMs,
  isEditable,
  meetingStatuses,
  meetingTransition,
  minutesStatuses,
  minutesTransition,
  type MeetingStatus,
  type MinutesStatus,
} from '../../../shared/meetings/state-machine';

describe('meeting transitions', () => {
  const allowed = new Set(['scheduled→live', 'live→ended', 'scheduled→cancelled']);
  for (const from of meetingStatuses) {
    for (const to of meetingStatuses) {
      const ok = allowed.has(`${from}→${to}`);
      it(`${from} → ${to} is ${ok ? 'allowed' : 'refused'}`, () => {
        const t = meetingTransition(from, to);
        expect(t.ok).toBe(ok);
        if (!t.ok && (from === 'ended' || from === 'cancelled')) expect(t.reason).toMatch(/read-only/);
      });
    }
  }
  it('a started meeting is ended, not cancelled', () => {
    expect(meetingTransition('live', 'cancelled')).toEqual({ ok: false, reason: 'The meeting has started; end it instead of cancelling it.' });
  });
  it('an ended meeting is read-only, the others editable', () => {
    expect(meetingStatuses.map((s) => [s, isEditable(s)])).toEqual([
      ['scheduled', true],
      ['live', true],
      ['ended', false],
      ['cancelled', false],
    ]);
  });
});

describe('minutes transitions', () => {
  const allowed = new Set(['draft→circulated', 'circulated→draft', 'circulated→approved']);
  for (const meeting of meetingStatuses) {
    for (const from of minutesStatuses) {
      for (const to of minutesStatuses) {
        const ok = meeting === 'ended' && allowed.has(`${from}→${to}`);
        it(`${from} → ${to} while the meeting is ${meeting}: ${ok ? 'allowed' : 'refused'}`, () => {
          expect(minutesTransition(meeting as MeetingStatus, from as MinutesStatus, to as MinutesStatus).ok).toBe(ok);
        });
      }
    }
  }
  it('explains why approved minutes do not move', () => {
    expect(minutesTransition('ended', 'approved', 'draft')).toEqual({ ok: false, reason: 'The minutes are approved and locked.' });
  });
});

describe('elapsed time of the current item', () => {
  it('counts from the stored start, corrected by the server clock offset, never negative', () => {
    const start = '2026-12-01T05:00:00.000Z';
    const now = Date.parse(start) + 90_000;
    expect(elapsedMs(start, now)).toBe(90_000);
    expect(elapsedMs(start, now - 5_000, 5_000)).toBe(90_000);
    expect(elapsedMs(start, Date.parse(start) - 1_000)).toBe(0);
    expect(elapsedMs(null, now)).toBe(0);
  });
});
