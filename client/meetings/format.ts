import { formatDay as formatDayIn, formatSeoulClock, formatSeoulDateTime } from '../../shared/dates';
import type { Locale } from '../i18n/i18n';

/** "03:07", "1:02:03": a running time, never negative. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

/** A meeting's date and time in Korea time: "2026년 11월 29일 (일) 14:00" (shared/dates.ts, as in the minutes). */
export const formatMeetingTime = (iso: string, locale: Locale): string => formatSeoulDateTime(iso, locale);

/** The time of day only, in Korea time, 24-hour: "14:03". */
export const formatClock = (iso: string, _locale?: Locale): string => formatSeoulClock(iso);

/** A calendar day (YYYY-MM-DD, as typed into an action item) in words, or as typed when it is not a date. */
export const formatDay = (day: string, locale: Locale): string => formatDayIn(day, locale);

/** Today's date and a time of day in Seoul as an ISO instant with the +09:00 offset. */
export function seoulIso(date: string, time: string): string {
  return `${date}T${time}:00+09:00`;
}

/** Today in Seoul, YYYY-MM-DD, for a date field's default. */
export function seoulDateToday(now = Date.now()): string {
  return new Date(now + 9 * 3_600_000).toISOString().slice(0, 10);
}

/** An instant as the date and time a person in Seoul reads, for editing in date and time fields. */
export function seoulParts(iso: string): { date: string; time: string } {
  const seoul = new Date(Date.parse(iso) + 9 * 3_600_000).toISOString();
  return { date: seoul.slice(0, 10), time: seoul.slice(11, 16) };
}
