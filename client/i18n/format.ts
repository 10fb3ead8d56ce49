import type { Locale } from './i18n';

const intlLocale: Record<Locale, string> = { ko: 'ko-KR', en: 'en-GB' };

/** The D-N badge: D-12 before, D-Day on the day, D+3 after. Same in every language. */
export const dDay = (daysLeft: number): string =>
  daysLeft > 0 ? `D-${daysLeft}` : daysLeft === 0 ? 'D-Day' : `D+${-daysLeft}`;

/** An ISO date (YYYY-MM-DD), a calendar day with no time zone. */
export function formatDate(isoDate: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
}

/** An instant, shown in the forum's time zone (Seoul). */
export function formatDateTime(isoTime: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale[locale], {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: 'Asia/Seoul',
  }).format(new Date(isoTime));
}
