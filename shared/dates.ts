/**
 * Dates and times as the forum writes them: one format per language, everywhere (lists,
 * the room, minutes, exports), and always in Korea time (Asia/Seoul, UTC+9 all year: Korea
 * keeps no daylight saving time). Written out by hand rather than through Intl, so the
 * server, the browser and the minutes give the same characters whatever the machine's
 * locale data.
 *
 *   ko: 2027년 1월 4일 · 2027년 1월 4일 (월) 14:00 · 14:00
 *   en: 4 January 2027 · Mon 4 January 2027, 14:00 · 14:00
 */
import type { Locale } from './domain';

const seoulOffsetMs = 9 * 3_600_000;
const koWeekdays = ['일', '월', '화', '수', '목', '금', '토'];
const enWeekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const enMonths = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n: number) => String(n).padStart(2, '0');

/** The wall-clock fields of an instant in Seoul. */
function seoul(iso: string): Date {
  return new Date(Date.parse(iso) + seoulOffsetMs);
}

function day(d: Date, language: Locale): string {
  return language === 'ko'
    ? `${d.getUTCFullYear()}년 ${d.getUTCMonth() + 1}월 ${d.getUTCDate()}일`
    : `${d.getUTCDate()} ${enMonths[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

const clock = (d: Date) => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;

/** A calendar day (YYYY-MM-DD, no time zone): "2027년 1월 4일" / "4 January 2027"; anything else as given. */
export function formatDay(isoDate: string, language: Locale): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return isoDate;
  return day(new Date(`${isoDate}T00:00:00Z`), language);
}

/** An instant's day in Seoul: "2027년 1월 4일" / "4 January 2027". */
export function formatSeoulDay(iso: string, language: Locale): string {
  return day(seoul(iso), language);
}

/** An instant in Seoul: "2027년 1월 4일 (월) 14:00" / "Mon 4 January 2027, 14:00". */
export function formatSeoulDateTime(iso: string, language: Locale): string {
  const d = seoul(iso);
  return language === 'ko'
    ? `${day(d, 'ko')} (${koWeekdays[d.getUTCDay()]}) ${clock(d)}`
    : `${enWeekdays[d.getUTCDay()]} ${day(d, 'en')}, ${clock(d)}`;
}

/** The time of day in Seoul, 24-hour: "14:00" in both languages. */
export function formatSeoulClock(iso: string): string {
  return clock(seoul(iso));
}
