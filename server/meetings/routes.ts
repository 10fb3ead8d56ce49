import type { OpenAPIHono } from '@hono/zod-openapi';
import { api } from '../../shared/api/endpoints';
import type { AppEnv } from '../http/env';
import { httpError, unwrap } from '../http/errors';
import { route } from '../http/route';
import { requireUser } from '../http/session';
import type { MeetingService } from './meeting-service';
import type { MeetingRoom } from './room';

/** Thin handlers: each calls one command of the service (or the room). */
export function meetingRoutes(app: OpenAPIHono<AppEnv>, service: MeetingService, room: MeetingRoom): void {
  route(app, api.meetings, async ({ query }, c) => {
    requireUser(c);
    return { meetings: await service.list(query.status) };
  });
  route(app, api.meeting, async ({ params }, c) => {
    requireUser(c);
    return { meeting: unwrap(await service.detail(params.id)) };
  });
  route(app, api.createMeeting, async ({ body }, c) => ({ meeting: unwrap(await service.create(requireUser(c).user, body)) }));
  route(app, api.updateMeeting, async ({ params, body }, c) => ({
    meeting: unwrap(await service.update(requireUser(c).user, params.id, body)),
  }));
  route(app, api.startMeeting, async ({ params }, c) => ({ meeting: unwrap(await service.start(requireUser(c).user, params.id)) }));
  route(app, api.cancelMeeting, async ({ params }, c) => ({ meeting: unwrap(await service.cancel(requireUser(c).user, params.id)) }));
  route(app, api.endMeeting, async ({ params }, c) => ({ meeting: unwrap(await service.end(requireUser(c).user, params.id)) }));

  route(app, api.addAgendaItem, async ({ params, body }, c) => unwrap(await service.addItem(requireUser(c).user, params.id, body)));
  route(app, api.updateAgendaItem, async ({ params, body }, c) =>
    unwrap(await service.updateItem(requireUser(c).user, params.id, params.itemId, body)),
  );
  route(app, api.removeAgendaItem, async ({ params }, c) => ({
    agenda: unwrap(await service.removeItem(requireUser(c).user, params.id, params.itemId)),
  }));
  route(app, api.reorderAgenda, async ({ params, body }, c) => ({
    agenda: unwrap(await service.reorder(requireUser(c).user, params.id, body.itemIds)),
  }));

  route(app, api.meetingPresence, async ({ params }, c) => {
    requireUser(c);
    if (!(await service.record(params.id))) throw httpError('not_found', 'No such meeting.', 'missing.meeting');
    return { present: await room.everyone(params.id) };
  });
  route(app, api.meetingDecisions, async ({ params }, c) => {
    requireUser(c);
    return { decisions: unwrap(await service.decisions(params.id)) };
  });
  route(app, api.recentDecisions, async ({ query }, c) => {
    requireUser(c);
    return { decisions: await service.recentDecisions(query.limit) };
  });
  route(app, api.minutesStatus, async ({ params, body }, c) => ({
    minutes: unwrap(await service.setMinutesStatus(requireUser(c).user, params.id, body.to)),
  }));
}
