import { routePath, type MeetingView } from '../router/routes';

/** `/meetings/<id>`, `/meetings/<id>/live`, `/meetings/<id>/projector`. */
export const meetingPath = (id: string, view: MeetingView = 'room'): string => routePath({ page: 'meeting', id, view });

export const meetingsPath = (): string => routePath({ page: 'meetings' });

export const proposalPath = (id: string): string => routePath({ page: 'proposal', id });

/** The meeting's calendar invitation (.ics), served by the API. */
export const meetingIcsPath = (id: string): string => `/api/meetings/${encodeURIComponent(id)}.ics`;
