import type { OpenAPIHono } from '@hono/zod-openapi';
import { api } from '../../shared/api/endpoints';
import { unwrap } from '../http/errors';
import type { AppEnv } from '../http/env';
import { route } from '../http/route';
import { requireUser } from '../http/session';
import type { AmendmentService } from './amendment-service';

/** Thin handlers: each calls one command of the service. */
export function amendmentRoutes(app: OpenAPIHono<AppEnv>, service: AmendmentService): void {
  route(app, api.amendments, async ({ params }, c) => {
    requireUser(c);
    return { amendments: unwrap(await service.list(params.id)) };
  });
  route(app, api.meetingOpenAmendments, async ({ params }, c) => {
    requireUser(c);
    return { amendments: unwrap(await service.openOnAgenda(params.id)) };
  });
  route(app, api.decideAmendment, async ({ params, body }, c) => ({
    amendment: unwrap(await service.decide(requireUser(c).user, params.id, params.threadId, body.decision)),
  }));
}
