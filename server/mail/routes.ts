import type { OpenAPIHono } from '@hono/zod-openapi';
import { api } from '../../shared/api/endpoints';
import type { AppEnv } from '../http/env';
import { route } from '../http/route';
import type { OutboxStore } from './outbox-store';

/** Ministry staff see whether e-mail is on and what failed (the same people who read the audit log). */
export function mailRoutes(app: OpenAPIHono<AppEnv>, d: { outbox: OutboxStore; enabled: boolean }): void {
  route(app, api.mailStatus, async () => {
    const counts = await d.outbox.counts();
    const problems = (await d.outbox.problems(50)).map((r) => ({
      id: r.id,
      to: r.toAddress,
      subject: r.subject,
      attempts: r.attempts,
      lastError: r.lastError,
      nextAttemptAt: r.failedAt ? null : r.nextAttemptAt,
      failedAt: r.failedAt,
    }));
    return { mail: { enabled: d.enabled, ...counts, problems } };
  });
}
