import { api } from '../../shared/api/endpoints';
import { auditRoutes } from '../audit/routes';
import { calendarRoutes } from '../calendar';
import { mailRoutes } from '../mail';
import { authRoutes } from '../auth/routes';
import type { Clock } from '../clock';
import type { Config } from '../config';
import { ExportSources } from '../exports/sources';
import { exportRoutes } from '../exports/routes';
import { forumRoutes } from '../forum/routes';
import { apiNotFound, createHttpApp } from '../http/http-app';
import { rateLimitHttp } from '../limits/http';
import { route } from '../http/route';
import { requireUser } from '../http/session';
import { serveClient } from '../http/static';
import { strategyRoutes } from '../strategy';
import { strategyExport } from '../exports/strategy';
import type { DocumentServer } from '../documents';
import { documentRoutes } from '../documents/routes';
import type { Logger } from '../logger';
import { meetingRoutes } from '../meetings';
import { actionItemRoutes } from '../action-items';
import { amendmentRoutes } from '../amendments';
import { notificationRoutes } from '../notifications';
import { pollRoutes } from '../polls';
import { FORUM_SCOPE } from '../presence/socket';
import { proposalRoutes } from '../proposals';
import { searchRoutes } from '../search';
import type { Metrics } from '../metrics/metrics';
import { metricsRoute } from '../metrics/serve';
import type { Core } from './core';
import type { Domains } from './domains';

export const VERSION = '0.1.0';

/** Every HTTP route: the API under /api (with its OpenAPI document), then the web client. */
export function buildHttpApp(d: {
  core: Core;
  domains: Domains;
  documents: Pick<DocumentServer, 'state'>;
  config: Config;
  logger: Logger;
  clock: Clock;
  clientDir: string;
  /** Whether every connection of the cluster bus is up (always true in one process). */
  busConnected(): boolean;
  /** GET /metrics for METRICS_TOKEN's bearer, when both are set. */
  metrics?: Metrics;
  /** The origin links in exported files point to, once known. */
  origin(): string;
}) {
  const { store, ephemeral, audit, auth, limits } = d.core;
  const { presence, proposals, meetings, polls, strategy, notifications } = d.domains;
  const startedAt = d.clock.now();
  const app = createHttpApp({
    auth,
    logger: d.logger,
    publicOrigin: d.config.PUBLIC_ORIGIN,
    rateLimit: rateLimitHttp({ user: limits.httpWrites, anonymous: limits.anonymousWrites }),
  });

  route(app, api.health, async () => {
    const [storeOk, ephemeralOk] = await Promise.all([store.health(), ephemeral.health()]);
    const busOk = ephemeral.kind === 'memory' || (ephemeralOk && d.busConnected());
    return {
      status: storeOk && ephemeralOk && busOk ? ('ok' as const) : ('degraded' as const),
      version: VERSION,
      uptimeSeconds: Math.round((d.clock.now() - startedAt) / 1000),
      store: { kind: store.kind, ok: storeOk },
      ephemeral: { kind: ephemeral.kind, ok: ephemeralOk },
      bus: { kind: ephemeral.kind === 'redis' ? ('redis' as const) : ('in-process' as const), ok: busOk },
    };
  });
  authRoutes(app, auth, (d.config.PUBLIC_ORIGIN ?? '').startsWith('https:'));
  auditRoutes(app, audit);
  documentRoutes(app, store.docs);
  forumRoutes(app, store, d.clock);
  route(app, api.online, async (_, c) => {
    requireUser(c);
    return { online: await presence.online(FORUM_SCOPE) };
  });
  proposalRoutes(app, proposals);
  notificationRoutes(app, notifications.service);
  calendarRoutes(app, d.domains.calendar);
  mailRoutes(app, { outbox: store.outbox, enabled: d.domains.mail.enabled });
  meetingRoutes(app, meetings.service, meetings.room);
  actionItemRoutes(app, d.domains.actionItems.service);
  amendmentRoutes(app, d.domains.amendments);
  searchRoutes(app, d.domains.search.service);
  pollRoutes(app, { service: polls.service, delegations: polls.delegations, store: store.polls, users: store.auth, meeting: (id) => store.meetings.get(id) });
  const exports = new ExportSources({ store, state: (name) => d.documents.state(name), clock: d.clock, origin: d.origin });
  strategyRoutes(app, strategy, proposals.service);
  exportRoutes(app, { minutes: (id) => exports.minutes(id), proposal: (id) => exports.proposal(id), strategy: () => strategyExport(exports, strategy.service, (n) => d.documents.state(n)) });

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Forum Workspace API', version: VERSION, description: 'HTTP API of the Industrial Transformation Forum workspace.' },
  });
  if (d.metrics && d.config.METRICS_TOKEN) metricsRoute(app, d.metrics, d.config.METRICS_TOKEN);
  apiNotFound(app);
  serveClient(app, d.clientDir);
  return app;
}
