import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { api } from '../shared/api/endpoints';
import { AuditLog } from './audit/audit-log';
import { auditRoutes } from './audit/routes';
import { AuthService } from './auth/auth-service';
import { RateLimit } from './auth/rate-limit';
import { authRoutes } from './auth/routes';
import { Sessions } from './auth/sessions';
import { systemClock, type Clock } from './clock';
import type { Config } from './config';
import { DocKinds } from './documents/access';
import { createDocumentServer, type DocumentServer } from './documents';
import type { Ephemeral } from './ephemeral/ephemeral';
import { MemoryEphemeral } from './ephemeral/memory';
import { RedisEphemeral } from './ephemeral/redis';
import { forumRoutes } from './forum/routes';
import { createProposals, lateDocuments, proposalRoutes, type Proposals } from './proposals';
import { createPolls, pollRoutes, type Polls } from './polls';
import { createMeetings, meetingRoom, meetingRoutes, type Meetings } from './meetings';
import { yjsMinutes } from './polls/minutes';
import { apiNotFound, createHttpApp } from './http/http-app';
import { route } from './http/route';
import { requireUser } from './http/session';
import { serveClient } from './http/static';
import { newId } from './ids';
import type { Logger } from './logger';
import { PresenceService } from './presence/presence-service';
import { FORUM_SCOPE, presenceSocketModule, startPresenceBroadcast } from './presence/socket';
import { credentialsOf, createSocketServer, type ForumServer } from './realtime/socket-server';
import { seed, type SeedOutcome } from './seed/seed';
import { openSqliteStore } from './store/sqlite';
import type { Store } from './store/store';

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
  kinds: DocKinds;
  seeded: SeedOutcome;
  /** Stops accepting, closes sockets, flushes the store. */
  close(): Promise<void>;
}

export interface StartOptions {
  logger: Logger;
  clock?: Clock;
  /** Where the built client lives (dist/client). */
  clientDir?: string;
}

const VERSION = '0.1.0';

/** Wires the whole process: store, ephemeral state, services, HTTP, Socket.IO and /yjs on one port. */
export async function startForum(config: Config, { logger, clock = systemClock, clientDir = join(process.cwd(), 'dist/client') }: StartOptions): Promise<Forum> {
  const startedAt = clock.now();
  const store = openSqliteStore(config.DATA_DIR);
  const ephemeral: Ephemeral = config.REDIS_URL ? await RedisEphemeral.connect(config.REDIS_URL, { clock }) : new MemoryEphemeral(clock);
  const audit = new AuditLog(store.audit, clock);
  const sessions = new Sessions(ephemeral, clock, config.SESSION_TTL_HOURS * 3_600_000);
  const quarterHour = 15 * 60_000;
  let publicOrigin = config.PUBLIC_ORIGIN;
  let onUserChanged = (_userId: string) => {};
  let onSessionEnded = (_sessionId: string) => {};
  const auth = new AuthService({
    store: store.auth,
    sessions,
    audit,
    clock,
    loginPerAccount: new RateLimit(ephemeral, 'login-account', config.LOGIN_MAX_PER_ACCOUNT, quarterHour),
    loginPerAddress: new RateLimit(ephemeral, 'login-address', config.LOGIN_MAX_PER_ADDRESS, quarterHour),
    invitationTtlMs: config.INVITATION_TTL_HOURS * 3_600_000,
    invitationLink: (token) => `${publicOrigin}/invite/${token}`,
    onUserChanged: (userId) => onUserChanged(userId),
    onSessionEnded: (sessionId) => onSessionEnded(sessionId),
  });

  const app = createHttpApp({ auth, logger, publicOrigin: config.PUBLIC_ORIGIN });
  route(app, api.health, async () => {
    const [storeOk, ephemeralOk] = await Promise.all([store.health(), ephemeral.health()]);
    return {
      status: storeOk && ephemeralOk ? ('ok' as const) : ('degraded' as const),
      version: VERSION,
      uptimeSeconds: Math.round((clock.now() - startedAt) / 1000),
      store: { kind: store.kind, ok: storeOk },
      ephemeral: { kind: ephemeral.kind, ok: ephemeralOk },
    };
  });
  authRoutes(app, auth, (config.PUBLIC_ORIGIN ?? '').startsWith('https:'));
  auditRoutes(app, audit);
  forumRoutes(app, store, clock);
  const proposals = createProposals({
    store,
    audit,
    clock,
    documents: lateDocuments(() => documents),
    // Every signed-in connection is in the forum room; open proposal pages reload.
    onChanged: (id, status) => io.to(FORUM_SCOPE).emit('proposal:changed', { id, status }),
  });
  proposalRoutes(app, proposals);
  const polls = createPolls({
    store,
    audit,
    clock,
    logger,
    ports: {
      // Late-bound: the meetings domain is created below.
      meetings: { meeting: (id) => meetings.port.meeting(id), isCheckedIn: (m, u) => meetings.port.isCheckedIn(m, u), room: meetingRoom },
      proposals: {
        async applyVoteResult(proposalId, passed, _actorId, pollId) {
          const moved = await proposals.service.applyDecision(proposalId, passed ? 'adopted' : 'rejected', null, { poll: pollId });
          if (!moved.ok) logger.warn({ proposalId, pollId, error: moved.error }, 'the poll result could not move its proposal');
        },
      },
      minutes: yjsMinutes(lateDocuments(() => documents), async (id) => (await store.meetings.get(id))?.minutesStatus !== 'approved'),
    },
  });
  pollRoutes(app, { service: polls.service, delegations: polls.delegations, store: store.polls, users: store.auth });

  const instance = newId();
  const presence = new PresenceService(ephemeral, clock, config.PRESENCE_TTL_SECONDS * 1000, instance);
  route(app, api.online, async (_, c) => {
    requireUser(c);
    return { online: await presence.online(FORUM_SCOPE) };
  });
  const meetings = createMeetings({
    store,
    ephemeral,
    presence,
    documents: lateDocuments(() => documents),
    audit,
    clock,
    logger,
    presenceTtlMs: config.PRESENCE_TTL_SECONDS * 1000,
    beforeEnd: (meetingId) => polls.service.closeOpenPolls(meetingId),
  });
  meetingRoutes(app, meetings.service, meetings.room);

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Forum Workspace API', version: VERSION, description: 'HTTP API of the Industrial Transformation Forum workspace.' },
  });
  apiNotFound(app);
  serveClient(app, clientDir);

  const http = createServer(getRequestListener(app.fetch));
  const kinds = new DocKinds();
  kinds.register(proposals.docKind);
  kinds.register(meetings.docKind);
  const authenticateRequest = async (req: IncomingMessage) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const { token, originOk } = credentialsOf(req, url.searchParams.get('token'), config.PUBLIC_ORIGIN);
    if (!originOk) return null;
    return (await auth.authenticate(token))?.user ?? null;
  };
  // findUser: a re-check after a role change decides with the user as they are now.
  const findUser = async (id: string) => {
    const record = await store.auth.userById(id);
    if (!record) return null;
    const { passwordHash: _, ...user } = record;
    return user;
  };
  const documents = createDocumentServer({ store: store.docs, kinds, authenticate: authenticateRequest, findUser, logger, ephemeral });
  const io = createSocketServer(http, {
    auth,
    logger,
    publicOrigin: config.PUBLIC_ORIGIN,
    modules: [presenceSocketModule(presence, logger), polls.socketModule, meetings.socketModule],
  });
  const redisClients = config.REDIS_URL ? await attachRedisAdapter(io, config.REDIS_URL) : [];
  const stopPresence = await startPresenceBroadcast(io, presence, config.PRESENCE_TTL_SECONDS * 1000);
  await polls.start(io);
  await meetings.start(io);

  http.on('upgrade', (req, socket, head) => {
    if (req.url?.startsWith('/socket.io/')) return; // Socket.IO's own listener takes it
    if (!documents.handleUpgrade(req, socket, head)) socket.destroy();
  });

  onUserChanged = (userId) => {
    void refreshSocketUser(io, store, userId);
    void documents.recheck(() => true);
  };

  onSessionEnded = (sessionId) => {
    io.to(`session:${sessionId}`).emit('session:ended', 'signed out');
    io.in(`session:${sessionId}`).disconnectSockets(true);
  };

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.PORT, config.HOST, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const url = `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}`;
  publicOrigin ??= url;
  const seeded = await seed(store, auth, config, clock);

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      http.close(); // stop accepting; requests in flight finish below
      http.closeIdleConnections();
      await stopPresence();
      polls.stop();
      await meetings.stop();
      await documents.close();
      io.local.disconnectSockets(true); // local: with the Redis adapter, plain io would close every instance's sockets
      await new Promise<void>((resolve) => io.close(() => resolve()));
      http.closeAllConnections();
      await ephemeral.close();
      await Promise.all(redisClients.map((c) => c.quit().catch(() => {})));
      await store.close();
    })());

  return { url, http, io, store, ephemeral, auth, audit, documents, proposals, polls, meetings, kinds, seeded, close };
}

/** With several instances, Socket.IO rooms span them through Redis. */
async function attachRedisAdapter(io: ForumServer, url: string) {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  pub.on('error', () => {});
  sub.on('error', () => {});
  await Promise.all([pub.connect(), sub.connect()]);
  io.adapter(createAdapter(pub, sub));
  return [pub, sub];
}

/** A role change reaches live sockets at once, not at the next reconnect. */
async function refreshSocketUser(io: ForumServer, store: Store, userId: string) {
  const record = await store.auth.userById(userId);
  if (!record) return;
  const { passwordHash: _, ...user } = record;
  for (const socket of await io.local.in(`user:${userId}`).fetchSockets()) socket.data.user = user;
}
