import type { OpenAPIHono } from '@hono/zod-openapi';
import { api } from '../../shared/api/endpoints';
import { rawRoutes } from '../../shared/permissions/doors';
import { AuditQuery } from '../../shared/schemas/audit';
import type { AppEnv } from '../http/env';
import { invalidInput } from '../http/errors';
import { rawRoute, route } from '../http/route';
import { auditCsv, type AuditLog } from './audit-log';

export function auditRoutes(app: OpenAPIHono<AppEnv>, audit: AuditLog): void {
  // Ministry staff only: the door is audit.read (shared/permissions/doors.ts).
  route(app, api.audit, async ({ query }) => {
    const entries = await audit.list(query);
    const last = entries.at(-1);
    return { entries, nextBefore: entries.length === query.limit && last ? last.id : null };
  });

  // CSV is not JSON, so it sits beside the shared endpoint with the same filters.
  rawRoute(app, rawRoutes.auditCsv, async (c) => {
    const parsed = AuditQuery.safeParse({ limit: 1000, ...c.req.query() });
    if (!parsed.success) throw invalidInput(parsed.error, 'query');
    const day = new Date().toISOString().slice(0, 10);
    return c.body(auditCsv(await audit.list(parsed.data)), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="forum-audit-${day}.csv"`,
    });
  });
}
