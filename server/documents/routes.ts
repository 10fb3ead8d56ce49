import type { OpenAPIHono } from '@hono/zod-openapi';
import { api } from '../../shared/api/endpoints';
import { can } from '../../shared/permissions';
import type { AppEnv } from '../http/env';
import { httpError } from '../http/errors';
import { route } from '../http/route';
import { requireUser } from '../http/session';
import type { DocStore } from './doc-store';

/** The quarantine of document updates, for ministry staff (who read the record's audit trail). */
export function documentRoutes(app: OpenAPIHono<AppEnv>, docs: Pick<DocStore, 'listQuarantined'>): void {
  route(app, api.quarantine, async (_, c) => {
    const { user } = requireUser(c);
    if (!can(user, { type: 'audit.read' })) throw httpError('forbidden', 'Only ministry staff can see quarantined document updates.', 'role.ministry_only');
    return { updates: await docs.listQuarantined() };
  });
}
