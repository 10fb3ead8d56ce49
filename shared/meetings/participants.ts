import type { Role } from '../domain';

/** What deciding "is this person part of the meeting" needs. */
export interface MeetingPeople {
  chairId: string | null;
  presenterIds: readonly (string | null)[];
}

/**
 * Who a meeting concerns (its calendar feed, its notifications): every participant of the
 * forum (all but observers, who follow meetings but do not take part), and whoever the
 * meeting names, chair or presenter, whatever their role.
 */
export function isPartOf(user: { id: string; role: Role }, meeting: MeetingPeople): boolean {
  if (user.role !== 'observer') return true;
  return meeting.chairId === user.id || meeting.presenterIds.includes(user.id);
}
