import type { Locale } from '../i18n/i18n';

const intlLocale: Record<Locale, string> = { ko: 'ko-KR', en: 'en-GB' };

/** "03:07", "1:02:03": a running time, never negative. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

/** A meeting's date and time in the forum's zone (Seoul): "2026년 11월 29일 (일) 오후 2:00". */
export function formatMeetingTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale[locale], {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: 'Asia/Seoul',
  }).format(new Date(iso));
}

/** The time of day only, in Seoul: "오후 2:03". */
export function formatClock(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale[locale], { timeStyle: 'short', timeZone: 'Asia/Seoul' }).format(new Date(iso));
}

/** A calendar day (YYYY-MM-DD, as typed into an action item) in words, or as typed when it is not a date. */
export function formatDay(day: string, locale: Locale): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  return new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

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
