/** Domain vocabulary shared by server and client. */

/** The languages the forum speaks, Korean first. */
export const locales = ['ko', 'en'] as const;
export type Locale = (typeof locales)[number];

export const roles = ['ministry', 'chair', 'staff', 'observer'] as const;
export type Role = (typeof roles)[number];

/** A meeting's life (shared/meetings/state-machine.ts says which moves are allowed). */
export const meetingStatuses = ['scheduled', 'live', 'ended', 'cancelled'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

/** Its minutes' life: drafted, circulated for amendments, approved for good. */
export const minutesStatuses = ['draft', 'circulated', 'approved'] as const;
export type MinutesStatus = (typeof minutesStatuses)[number];

export const subcommitteeIds = [
  'investment',
  'workforce',
  'productivity',
  'ecosystem',
  'global',
  'newbusiness',
] as const;
export type SubcommitteeId = (typeof subcommitteeIds)[number];

export interface Subcommittee {
  id: SubcommitteeId;
  nameKo: string;
  nameEn: string;
  /** The chairperson, once one has an account. */
  chair: { id: string; name: string } | null;
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Set for chairs only. */
  subcommittee: SubcommitteeId | null;
  createdAt: string;
}

export interface Forum {
  nameKo: string;
  nameEn: string;
  /** First day of the 200-day project (ISO date, Korean calendar day). */
  startsOn: string;
  projectDays: number;
  /** The Industrial Transformation Strategy is due by this day (ISO date). */
  strategyDueOn: string;
}

const dayMs = 24 * 60 * 60 * 1000;

/** Whole days from `today` until `target` (ISO dates); negative once past. */
export function daysUntil(target: string, today: string): number {
  return Math.round((Date.parse(target) - Date.parse(today)) / dayMs);
}

/** Last day of the project: day N counts the start day as day 1. */
export function projectEndsOn(forum: Pick<Forum, 'startsOn' | 'projectDays'>): string {
  return new Date(Date.parse(forum.startsOn) + (forum.projectDays - 1) * dayMs).toISOString().slice(0, 10);
}

/** Today's date in Korea (the forum's calendar), as an ISO date. */
export function seoulToday(now: Date): string {
  return new Date(now.getTime() + 9 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/** An instant in Korea time with its offset, to the second: "2026-11-20T14:00:00+09:00" (CSV files, exports). */
export function seoulIso(iso: string): string {
  return `${new Date(Date.parse(iso) + 9 * 60 * 60 * 1000).toISOString().slice(0, 19)}+09:00`;
}
