import type { OpenAPIHono } from '@hono/zod-openapi';
import { api } from '../../shared/api/endpoints';
import { can } from '../../shared/permissions';
import { AuditQuery } from '../../shared/schemas/audit';
import type { AppEnv } from '../http/env';
import { httpError, invalidInput } from '../http/errors';
import { route } from '../http/route';
import { requireUser } from '../http/session';
import { auditCsv, type AuditLog } from './audit-log';

export function auditRoutes(app: OpenAPIHono<AppEnv>, audit: AuditLog): void {
  const requireReader = (c: Parameters<typeof requireUser>[0]) => {
    const { user } = requireUser(c);
    if (!can(user, { type: 'audit.read' })) throw httpError('forbidden', 'Only ministry staff can read the audit log.', 'role.ministry_only');
  };

  route(app, api.audit, async ({ query }, c) => {
    requireReader(c);
    const entries = await audit.list(query);
    const last = entries.at(-1);
    return { entries, nextBefore: entries.length === query.limit && last ? last.id : null };
  });

  // CSV is not JSON, so it sits beside the shared endpoint with the same filters.
  app.get('/api/audit.csv', async (c) => {
    requireReader(c);
    const parsed = AuditQuery.safeParse({ limit: 1000, ...c.req.query() });
    if (!parsed.success) throw invalidInput(parsed.error, 'query');
    const day = new Date().toISOString().slice(0, 10);
    return c.body(auditCsv(await audit.list(parsed.data)), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="forum-audit-${day}.csv"`,
    });
  });
}
