import type { OpenAPIHono } from '@hono/zod-openapi';
import { api } from '../../shared/api/endpoints';
import type { AppEnv } from '../http/env';
import { route } from '../http/route';
import { requireUser } from '../http/session';
import type { SearchService } from './search-service';

export function searchRoutes(app: OpenAPIHono<AppEnv>, service: SearchService): void {
  route(app, api.search, async ({ query }, c) => ({ hits: await service.search(requireUser(c).user, query.q) }));
}
