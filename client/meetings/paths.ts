import { routePath, type MeetingView } from '../router/routes';

/** `/meetings/<id>`, `/meetings/<id>/live`, `/meetings/<id>/projector`. */
export const meetingPath = (id: string, view: MeetingView = 'room'): string => routePath({ page: 'meeting', id, view });

export const meetingsPath = (): string => routePath({ page: 'meetings' });

export const proposalPath = (id: string): string => routePath({ page: 'proposal', id });
