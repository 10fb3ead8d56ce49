import type { OpenAPIHono } from '@hono/zod-openapi';
import { api } from '../../shared/api/endpoints';
import type { AppEnv } from '../http/env';
import { httpError, unwrap } from '../http/errors';
import { rawRoute, route } from '../http/route';
import { rawRoutes } from '../../shared/permissions/doors';
import { requireUser } from '../http/session';
import type { CalendarService } from './calendar-service';

const icsFile = /^([A-Za-z0-9_-]{1,64})\.ics$/;

function ics(body: string, fileName: string, method: 'REQUEST' | 'CANCEL' | 'PUBLISH'): Response {
  return new Response(body, {
    headers: {
      'content-type': `text/calendar; charset=utf-8; method=${method}`,
      'content-disposition': `attachment; filename="${fileName}"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}

/**
 * Registered before the meetings' routes: `/api/meetings/{id}.ics` would otherwise reach
 * `/api/meetings/{id}` and fail its id check.
 */
export function calendarRoutes(app: OpenAPIHono<AppEnv>, service: CalendarService): void {
  rawRoute(app, rawRoutes.meetingIcs, async (c) => {
    const { user } = requireUser(c);
    const id = icsFile.exec(c.req.param('file') ?? '')![1]!;
    const file = unwrap(await service.meetingFile(user, id));
    return ics(file.content, `meeting-${id}.ics`, file.method === 'cancel' ? 'CANCEL' : 'REQUEST');
  });
  // The link is the credential (calendar apps send no cookie); a wrong or revoked one is not found.
  rawRoute(app, rawRoutes.calendarFeed, async (c) => {
    const token = /^([A-Za-z0-9_-]{20,100})\.ics$/.exec(c.req.param('file') ?? '')?.[1];
    if (!token) throw httpError('not_found', 'No such calendar.', 'missing.calendar');
    return ics(unwrap(await service.feed(token)), 'forum.ics', 'PUBLISH');
  });
  route(app, api.calendarSubscription, async (_, c) => ({ subscription: await service.subscription(requireUser(c).user) }));
  route(app, api.rotateCalendarSubscription, async (_, c) => ({ subscription: await service.rotate(requireUser(c).user) }));
  route(app, api.revokeCalendarSubscription, async (_, c) => ({ subscription: await service.revoke(requireUser(c).user) }));
}
