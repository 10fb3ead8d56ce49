import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import type { AuditLog } from './audit/audit-log';
import type { AuthService } from './auth/auth-service';
import { systemClock, type Clock } from './clock';
import type { Config } from './config';
import { DocKinds } from './documents/access';
import { moveCommentsOutOnLoad } from './comments/move-out';
import { clientUser, createDocumentServer, type DocumentServer } from './documents';
import type { Ephemeral } from './ephemeral/ephemeral';
import { newId } from './ids';
import { rateLimitSocket } from './limits/socket';
import { currentUserSocket } from './realtime/current-user';
import type { Logger } from './logger';
import type { Meetings } from './meetings';
import { watchComments, type Notifications } from './notifications';
import type { Polls } from './polls';
import { presenceSocketModule, startPresenceBroadcast } from './presence/socket';
import type { Proposals } from './proposals';
import { attachStreamsAdapter } from './realtime/streams-adapter';
import type { Strategy } from './strategy';
import { createSocketServer, useSocketModules, type ForumServer } from './realtime/socket-server';
import { seed, type SeedOutcome } from './seed/seed';
import type { Store } from './store/store';
import type { Transport } from './mail';
import { timeBroadcasts } from './metrics/broadcasts';
import { Metrics, timedDocStore } from './metrics/metrics';
import { serveMetrics } from './metrics/serve';
import { openCore } from './wiring/core';
import { createDomains, type Domains } from './wiring/domains';
import { buildHttpApp } from './wiring/http';
import { ClusterBus } from './cluster/bus';
import { ControlPlane } from './wiring/control-plane';
import { authenticateUpgrade, controlActions, findUser, routeUpgrades, wireAccountHooks } from './wiring/realtime';

export interface Forum {
  /** e.g. http://127.0.0.1:3000 */
  url: string;
  http: Server;
  io: ForumServer;
  store: Store;
  ephemeral: Ephemeral;
  auth: AuthService;
  audit: AuditLog;
  documents: DocumentServer;
  proposals: Proposals;
  polls: Polls;
  meetings: Meetings;
  strategy: Strategy;
  actionItems: Domains['actionItems'];
  notifications: Notifications;
  amendments: Domains['amendments'];
  search: Domains['search'];
  kinds: DocKinds;
  seeded: SeedOutcome;
  /** GET /metrics on its own port (METRICS_PORT), when set. */
  metricsUrl: string | undefined;
  /** Every registered HTTP route (method and Hono path), to check each has a door (shared/permissions/doors.ts). */
  routes: { method: string; path: string }[];
  /** Stops accepting, closes sockets, flushes the store. */
  close(): Promise<void>;
}

export interface StartOptions {
  logger: Logger;
  clock?: Clock;
  /** Where the built client lives (dist/client). */
  clientDir?: string;
  /** Wraps the durable store before anything uses it (the tests inject faults this way). */
  wrapStore?: (store: Store) => Store;
  /** E-mail goes here instead of SMTP_URL's server (SMTP_URL must still be set to turn e-mail on). */
  mailTransport?: Transport;
}

/**
 * The whole process on one port: the durable store and the ephemeral state, the
 * document server on /yjs, Socket.IO for meetings and presence, the HTTP API and
 * the web client. Tests start it in-process on port 0.
 */
export async function startForum(config: Config, options: StartOptions): Promise<Forum> {
  const { logger, clock = systemClock, clientDir = join(process.cwd(), 'dist/client') } = options;
  const core = await openCore(config, clock, logger, options.wrapStore);
  const { store, ephemeral, auth, audit } = core;

  const http = createServer();
  const kinds = new DocKinds();
  // Only when someone may read them: the event-loop monitor and the timers cost a little on every write.
  const metrics =
    config.METRICS_TOKEN || config.METRICS_PORT !== undefined
      ? new Metrics({
          socketConnections: () => io.of('/').sockets.size,
          documentConnections: () => documents.stats().connections,
          documentsLoaded: () => documents.stats().documents,
          storeKind: store.kind,
          storeHealthy: () => store.health(),
          redisConfigured: ephemeral.kind === 'redis',
          redisHealthy: () => ephemeral.health(),
        })
      : undefined;
  const bus = new ClusterBus(ephemeral, newId(), logger);
  const documents = createDocumentServer({
    store: metrics ? timedDocStore(store.docs, metrics) : store.docs,
    forwarded: metrics && ((seconds) => metrics.fanOutSeconds.observe(seconds)),
    kinds,
    authenticate: authenticateUpgrade(core, config),
    // A re-check after a role change decides with the user as they are now.
    findUser: (id) => findUser(store, id),
    logger,
    // One process needs no relay between instances: every client is on this one.
    bus: config.REDIS_URL ? bus : undefined,
  });
  // Comments stored the old way, in the text's own document, move to their companion when it loads.
  moveCommentsOutOnLoad(documents, { docs: store.docs, logger });
  // A comment or reply a person writes tells its proposal's author and those it mentions.
  documents.onLoaded((docName, doc) => watchComments(docName, doc, clientUser, (comment) => domains.notifications.comments.announce(comment)));
  const io = createSocketServer(http, {
    auth,
    logger,
    publicOrigin: config.PUBLIC_ORIGIN,
    watch: (session) => core.liveSessions.watch(session),
    recovery: config.REDIS_URL !== undefined,
  });
  // Meetings exist once the domains do; the control plane starts listening only after that.
  const control = new ControlPlane(bus, controlActions(core, io, documents, () => domains), logger);
  let origin = config.PUBLIC_ORIGIN ?? '';
  const domains = createDomains({
    core,
    documents,
    recheck: (docName) => control.send({ kind: 'recheck', docName }),
    kinds,
    io,
    config,
    logger,
    clock,
    bus,
    origin: () => origin,
    mailTransport: options.mailTransport,
  });
  const { presence, proposals, meetings, polls } = domains;
  await control.start();
  if (metrics) {
    for (const limiter of Object.values(core.limits)) limiter.onRefused = (limit: string) => metrics.rateLimited.inc({ limit });
    polls.countBallots(() => metrics.ballots.inc());
  }
  let redisClients: { isReady: boolean }[] = [];
  const busConnected = () => control.listening && redisClients.every((c) => c.isReady);
  const httpApp = buildHttpApp({ core, domains, documents, config, logger, clock, clientDir, origin: () => origin, metrics, busConnected });
  http.on('request', getRequestListener(httpApp.fetch));
  const metricsPort = metrics && config.METRICS_PORT !== undefined ? await serveMetrics(metrics, config.HOST, config.METRICS_PORT) : undefined;
  if (metricsPort) logger.info({ url: metricsPort.url }, 'metrics served without a token on their own port');
  const routes = httpApp.routes.map(({ method, path }) => ({ method, path }));
  routeUpgrades(http, documents);
  // The rate limit first: a refused event reaches no domain's handler.
  useSocketModules(io, [
    rateLimitSocket(core.limits.socketEvents, logger),
    // Then who is asking, as the store has them now: a change made on another instance holds at once.
    currentUserSocket(auth, logger),
    presenceSocketModule(presence, logger), polls.socketModule,
    meetings.socketModule,
  ]);
  const adapter = config.REDIS_URL ? await attachStreamsAdapter(io, config.REDIS_URL, logger) : undefined;
  redisClients = adapter?.clients ?? [];
  if (metrics) timeBroadcasts(io, metrics);
  const stopPresence = startPresenceBroadcast(io, presence, config.PRESENCE_TTL_SECONDS * 1000);
  await polls.start(io);
  await meetings.start(io);
  // Poll states other instances broadcast during a Redis outage never arrived (meetings and
  // presence do the same for themselves; documents exchange state vectors, see relay.ts).
  const stopResend = ephemeral.onReconnected(() => polls.resend());
  wireAccountHooks(core, control, logger);

  // Ready means ready: migrations ran when the store opened, and the demo accounts and the forum
  // exist before the port is bound, so the first request after /api/health answers can sign in.
  // Several instances starting together on an empty database: one seeds, the others then find it done.
  // The strategy's first content too: two instances each appending a template would double its text.
  const seeded = await store.exclusive('seed', async () => {
    const outcome = await seed(store, auth, config, clock);
    await domains.strategy.service.ensureDocument();
    return outcome;
  });
  const url = await listen(http, config);
  core.setPublicOrigin(url);
  // Without PUBLIC_ORIGIN the address was unknown while seeding: the setup link was made as a path.
  if (seeded.setupLink?.startsWith('/')) seeded.setupLink = url + seeded.setupLink;
  origin = config.PUBLIC_ORIGIN ?? url;
  // Mail waiting from before a restart goes out now; links in it use the origin known from here on.
  domains.mail.sender?.start();
  domains.actionItems.reminders.start();
  domains.notifications.scheduler.start();
  // Documents nobody has opened since the index was added get their text indexed once, in the background.
  void domains.search.indexer.backfill().catch((error: unknown) => logger.warn({ err: error }, 'search index: backfill failed'));

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      http.close(); // stop accepting; requests in flight finish below
      http.closeIdleConnections();
      core.liveSessions.stop();
      stopPresence();
      stopResend();
      polls.stop();
      await control.stop();
      await bus.stop();
      await domains.notifications.scheduler.stop();
      await domains.mail.sender?.stop();
      await domains.actionItems.reminders.stop();
      await meetings.stop();
      await domains.search.indexer.close();
      await documents.close();
      io.local.disconnectSockets(true); // local: with the Redis adapter, plain io would close every instance's sockets
      await new Promise<void>((resolve) => io.close(() => resolve()));
      http.closeAllConnections();
      await ephemeral.close();
      await adapter?.close();
      await metricsPort?.close();
      await store.close();
    })());

  return { url, http, io, store, ephemeral, auth, audit, documents, proposals, polls, meetings, strategy: domains.strategy, actionItems: domains.actionItems, notifications: domains.notifications, amendments: domains.amendments, search: domains.search, kinds, seeded, metricsUrl: metricsPort?.url, routes, close };
}

/** Listens on HOST:PORT and answers the URL to print (PORT 0 picks a free port). */
async function listen(http: Server, config: Config): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.PORT, config.HOST, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  return `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}`;
}
