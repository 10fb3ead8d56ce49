import { describe, expect, it } from 'vitest';
import { daysUntil, projectEndsOn, seoulToday } from '../../../shared/domain';

describe('forum calendar', () => {
  it.each([
    ['2026-11-29', '2026-11-29', 0],
    ['2026-11-30', '2026-11-29', 1],
    ['2027-06-30', '2026-11-29', 213],
    ['2026-11-28', '2026-11-29', -1],
  ])('days until %s from %s is %i', (target, today, days) => {
    expect(daysUntil(target, today)).toBe(days);
  });

  it('counts the start day as day 1 of 200', () => {
    expect(projectEndsOn({ startsOn: '2026-11-16', projectDays: 200 })).toBe('2027-06-03');
    expect(projectEndsOn({ startsOn: '2026-01-01', projectDays: 1 })).toBe('2026-01-01');
  });

  it('uses the Korean calendar day', () => {
    expect(seoulToday(new Date('2026-11-29T14:59:59Z'))).toBe('2026-11-29');
    expect(seoulToday(new Date('2026-11-29T15:00:00Z'))).toBe('2026-11-30');
  });
});
