import type { OpenAPIHono } from '@hono/zod-openapi';
import { api } from '../../shared/api/endpoints';
import { unwrap } from '../http/errors';
import type { AppEnv } from '../http/env';
import { route } from '../http/route';
import { requireUser } from '../http/session';
import type { ActionItemService } from './action-item-service';

/** Thin handlers: each calls one command of the service. */
export function actionItemRoutes(app: OpenAPIHono<AppEnv>, service: ActionItemService): void {
  route(app, api.myActionItems, async (_, c) => ({ items: await service.mine(requireUser(c).user) }));
  route(app, api.meetingActionItems, async ({ params }, c) => {
    requireUser(c);
    return { items: unwrap(await service.ofMeeting(params.id)) };
  });
  route(app, api.assignActionItem, async ({ params, body }, c) => ({
    item: unwrap(await service.assign(requireUser(c).user, params.id, params.itemId, body)),
  }));
  route(app, api.actionItemDone, async ({ params, body }, c) => ({
    item: unwrap(await service.setDone(requireUser(c).user, params.id, params.itemId, body.done)),
  }));
}
