import { formatDay, formatSeoulDateTime } from '../../shared/dates';
import type { Locale } from './i18n';

/** The D-N badge: D-12 before, D-Day on the day, D+3 after. Same in every language. */
export const dDay = (daysLeft: number): string =>
  daysLeft > 0 ? `D-${daysLeft}` : daysLeft === 0 ? 'D-Day' : `D+${-daysLeft}`;

/** An ISO date (YYYY-MM-DD), a calendar day with no time zone: "2027년 1월 4일" / "4 January 2027" (shared/dates.ts). */
export const formatDate = (isoDate: string, locale: Locale): string => formatDay(isoDate, locale);

/** An instant in Korea time: "2027년 1월 4일 (월) 14:00" / "Mon 4 January 2027, 14:00" (shared/dates.ts). */
export const formatDateTime = (isoTime: string, locale: Locale): string => formatSeoulDateTime(isoTime, locale);
