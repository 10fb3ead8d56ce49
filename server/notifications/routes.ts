import type { OpenAPIHono } from '@hono/zod-openapi';
import { api } from '../../shared/api/endpoints';
import { unwrap } from '../http/errors';
import type { AppEnv } from '../http/env';
import { route } from '../http/route';
import { requireUser } from '../http/session';
import type { NotificationService } from './notification-service';

/** Only ever the signed-in person's own notifications: no route takes a user id. */
export function notificationRoutes(app: OpenAPIHono<AppEnv>, service: NotificationService): void {
  route(app, api.notifications, async ({ query }, c) => service.list(requireUser(c).user, query.limit));
  route(app, api.markAllNotificationsRead, async (_, c) => service.markAllRead(requireUser(c).user));
  route(app, api.markNotificationRead, async ({ params }, c) => unwrap(await service.markRead(requireUser(c).user, params.id)));
  route(app, api.notificationPreferences, async (_, c) => ({ preferences: await service.preferences(requireUser(c).user) }));
  route(app, api.setNotificationPreferences, async ({ body }, c) => ({ preferences: await service.setPreferences(requireUser(c).user, body) }));
}
