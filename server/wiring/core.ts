import { targetTitles, type TitleLookup } from '../audit/target-titles';
import { AuditLog } from '../audit/audit-log';
import { AuthService, type AuthServiceDeps } from '../auth/auth-service';
import { HashingPool } from '../auth/hashing-pool';
import { LiveSessions, type EndSession } from '../auth/live-sessions';
import { SignInLimits } from '../auth/sign-in-limits';
import { Sessions } from '../auth/sessions';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Ephemeral } from '../ephemeral/ephemeral';
import type { Logger } from '../logger';
import { ratePolicies } from '../limits/policies';
import { RateLimiter } from '../limits/rate-limiter';
import { MemoryEphemeral } from '../ephemeral/memory';
import { RedisEphemeral } from '../ephemeral/redis';
import { openStore } from '../store/open';
import type { Store } from '../store/store';

/** What every domain stands on: the durable record, the ephemeral state, the audit log, accounts. */
export interface Core {
  store: Store;
  ephemeral: Ephemeral;
  audit: AuditLog;
  auth: AuthService;
  /** Per-user token buckets for every input path (limits/policies.ts). */
  limits: RateLimits;
  /** Set once the listening address is known; invitation links use it. */
  setPublicOrigin(origin: string): void;
  /** The sessions behind this instance's live connections; each one's connections close when it expires. */
  liveSessions: LiveSessions;
  /**
   * Realtime reactions to account changes, wired once the sockets exist. `onSessionEnded` is
   * also what a cluster bus calls for a sign-out on another instance.
   */
  hooks: {
    onUserChanged(userId: string): void;
    onSessionEnded: EndSession;
    /** Set by the mail domain: an invitation's e-mail, queued in its transaction. */
    onInvited: NonNullable<AuthServiceDeps['onInvited']>;
  };
}

export interface RateLimits {
  socketEvents: RateLimiter;
  httpWrites: RateLimiter;
  anonymousWrites: RateLimiter;
  /** Failed sign-ins (auth/sign-in-limits.ts): per account and address, per account, per address. */
  signInPair: RateLimiter;
  signInAccount: RateLimiter;
  signInAddress: RateLimiter;
}

const hour = 3_600_000;
const quarterHour = 15 * 60_000;
/** `max` at once, refilled evenly over 15 minutes: the sign-in limits' buckets. */
const perQuarterHour = (max: number) => ({ burst: max, perSecond: max / (quarterHour / 1000) });

/** What the audit log's targets are called: a proposal (or its text), a meeting (or its minutes), a poll. */
function auditTitles(store: Store): Record<string, TitleLookup> {
  return {
    proposal: async (id) => (await store.proposals.byId(id))?.title ?? null,
    meeting: async (id) => (await store.meetings.get(id))?.title ?? null,
    minutes: async (id) => (await store.meetings.get(id))?.title ?? null,
    poll: async (id) => (await store.polls.poll(id))?.title ?? null,
  };
}

export async function openCore(config: Config, clock: Clock, logger: Logger, wrapStore: (store: Store) => Store = (s) => s): Promise<Core> {
  const store = wrapStore(await openStore(config, logger));
  const ephemeral: Ephemeral = config.REDIS_URL ? await RedisEphemeral.connect(config.REDIS_URL, { clock }) : new MemoryEphemeral(clock);
  const audit = new AuditLog(store.audit, clock, targetTitles(auditTitles(store)));
  let publicOrigin = config.PUBLIC_ORIGIN ?? '';
  // With Redis, each bucket's local twin refuses floods without a round trip (limits/rate-limiter.ts).
  const local = ephemeral.kind === 'redis' ? new MemoryEphemeral(clock) : undefined;
  const hooks: Core['hooks'] = { onUserChanged: () => {}, onSessionEnded: () => {}, onInvited: async () => {} };
  const limits: RateLimits = {
    socketEvents: new RateLimiter(ephemeral, 'socket', ratePolicies.socketEvents, local),
    httpWrites: new RateLimiter(ephemeral, 'http-user', ratePolicies.httpWrites, local),
    anonymousWrites: new RateLimiter(ephemeral, 'http-address', ratePolicies.anonymousWrites, local),
    // No local twins here: a success on one instance must free the pair on every instance.
    signInPair: new RateLimiter(ephemeral, 'login-pair', perQuarterHour(config.LOGIN_MAX_PER_PAIR)),
    signInAccount: new RateLimiter(ephemeral, 'login-account', perQuarterHour(config.LOGIN_MAX_PER_ACCOUNT)),
    signInAddress: new RateLimiter(ephemeral, 'login-address', perQuarterHour(config.LOGIN_MAX_PER_ADDRESS)),
  };
  const auth = new AuthService({
    store: store.auth,
    db: store,
    sessions: new Sessions(store.auth, clock, config.SESSION_TTL_HOURS * hour),
    audit,
    clock,
    signInLimits: new SignInLimits({ pair: limits.signInPair, account: limits.signInAccount, address: limits.signInAddress }),
    hashing: new HashingPool(config.PASSWORD_HASH_CONCURRENCY),
    invitationTtlMs: config.INVITATION_TTL_HOURS * hour,
    invitationLink: (token) => `${publicOrigin}/invite/${token}`,
    onUserChanged: (userId) => hooks.onUserChanged(userId),
    onSessionEnded: (sessionId, userId) => hooks.onSessionEnded(sessionId, userId, 'signed out'),
    onInvited: (tx, invitation) => hooks.onInvited(tx, invitation),
  });
  const liveSessions = new LiveSessions(clock, (sessionId, userId, reason) => hooks.onSessionEnded(sessionId, userId, reason));
  return {
    store,
    ephemeral,
    audit,
    auth,
    limits,
    liveSessions,
    hooks,
    setPublicOrigin: (origin) => {
      publicOrigin = config.PUBLIC_ORIGIN ?? origin;
    },
  };
}
