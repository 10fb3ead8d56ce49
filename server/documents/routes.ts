import type { OpenAPIHono } from '@hono/zod-openapi';
import { api } from '../../shared/api/endpoints';
import type { AppEnv } from '../http/env';
import { route } from '../http/route';
import type { DocStore } from './doc-store';

/** The quarantine of document updates, for ministry staff (who read the record's audit trail: the door is audit.read). */
export function documentRoutes(app: OpenAPIHono<AppEnv>, docs: Pick<DocStore, 'listQuarantined'>): void {
  route(app, api.quarantine, async () => ({ updates: await docs.listQuarantined() }));
}
