import { endpoint } from './endpoint';
import { CalendarSubscriptionResponse } from '../schemas/calendar';

/**
 * The calendar's JSON endpoints. The files themselves are `GET /api/meetings/{id}.ics`
 * (signed in) and `GET /api/calendar/{token}.ics` (the private link; no session needed).
 */
export const calendarEndpoints = {
  calendarSubscription: endpoint({
    method: 'get', path: '/api/calendar/subscription', tag: 'calendar', access: 'signed-in',
    summary: 'Whether I have a private calendar link, and since when',
    response: CalendarSubscriptionResponse,
  }),
  rotateCalendarSubscription: endpoint({
    method: 'post', path: '/api/calendar/subscription', tag: 'calendar', access: 'signed-in',
    summary: 'Make a new private calendar link (the previous one stops working); the answer holds the link, shown once',
    response: CalendarSubscriptionResponse,
  }),
  revokeCalendarSubscription: endpoint({
    method: 'delete', path: '/api/calendar/subscription', tag: 'calendar', access: 'signed-in',
    summary: 'Revoke my private calendar link',
    response: CalendarSubscriptionResponse,
  }),
} as const;
