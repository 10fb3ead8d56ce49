import { describe, expect, it } from 'vitest';
import { formatDay, formatSeoulClock, formatSeoulDateTime, formatSeoulDay } from '../../../shared/dates';
import { formatSeoulDateTime as minutesDateTime } from '../../../shared/meetings/minutes';

/** One format per language, in Korea time (issue 17, "Dates"), as a table. */
describe('dates and times', () => {
  it.each([
    // instant (UTC)             Korean                            English
    ['2027-01-04T05:00:00Z', '2027년 1월 4일 (월) 14:00', 'Mon 4 January 2027, 14:00'],
    // 23:30 UTC on the 3rd is already the 4th in Seoul
    ['2027-01-03T23:30:00Z', '2027년 1월 4일 (월) 08:30', 'Mon 4 January 2027, 08:30'],
    ['2026-11-20T05:00:00.000Z', '2026년 11월 20일 (금) 14:00', 'Fri 20 November 2026, 14:00'],
    ['2027-06-30T14:59:00+00:00', '2027년 6월 30일 (수) 23:59', 'Wed 30 June 2027, 23:59'],
  ])('%s is %s / %s', (iso, ko, en) => {
    expect(formatSeoulDateTime(iso, 'ko')).toBe(ko);
    expect(formatSeoulDateTime(iso, 'en')).toBe(en);
    // the minutes write the same Korean
    expect(minutesDateTime(iso)).toBe(ko);
  });

  it('a day reads the same in lists, minutes and action items', () => {
    expect(formatDay('2027-01-04', 'ko')).toBe('2027년 1월 4일');
    expect(formatDay('2027-01-04', 'en')).toBe('4 January 2027');
    expect(formatSeoulDay('2027-01-03T23:30:00Z', 'ko')).toBe('2027년 1월 4일');
    expect(formatDay('다음 회의 전', 'ko')).toBe('다음 회의 전');
  });

  it('times of day are 24-hour Korea time in both languages', () => {
    expect(formatSeoulClock('2027-01-04T05:07:00Z')).toBe('14:07');
    expect(formatSeoulClock('2027-01-04T15:00:00Z')).toBe('00:00');
  });
});
