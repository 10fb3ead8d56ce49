/** Pure rules of action items ("후속 조치"), shared by the server and the home page. */

/** Past its due day and not done; `today` is the Korean calendar day (YYYY-MM-DD). */
export const isOverdue = (due: string | null, done: boolean, today: string): boolean => due !== null && !done && due < today;

/** Open items first, overdue before the rest, earliest due first (undated last); done items after, latest done first. */
export function byUrgency<T extends { due: string | null; done: { at: string } | null; overdue: boolean; meetingStartsAt: string }>(a: T, b: T): number {
  if (!a.done !== !b.done) return a.done ? 1 : -1;
  if (a.done && b.done) return b.done.at.localeCompare(a.done.at);
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.due !== b.due) return a.due === null ? 1 : b.due === null ? -1 : a.due.localeCompare(b.due);
  return a.meetingStartsAt.localeCompare(b.meetingStartsAt);
}
