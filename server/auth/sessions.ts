import type { Clock } from '../clock';
import { hashToken, newToken } from '../ids';
import type { AuthStore, SessionRecord } from './auth-store';

export type Session = SessionRecord;

/** Expired rows are swept at most this often, on a sign-in. */
const SWEEP_EVERY_MS = 60 * 60_000;

/**
 * Login sessions in the durable store, keyed by a hash of the token, so a Redis restart or
 * outage signs nobody out. No Redis cache in front: with SQLite a lookup is one primary-key
 * read in the process, cheaper than a round trip to Redis, and a cache would keep a session
 * that was ended while Redis was unreachable (see docs/realtime.md, "When Redis goes away").
 */
export class Sessions {
  private lastSweep = 0;

  constructor(
    private readonly store: Pick<AuthStore, 'createSession' | 'sessionById' | 'deleteSession' | 'deleteExpiredSessions'>,
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  async create(userId: string): Promise<{ token: string; session: Session }> {
    const token = newToken();
    const now = this.clock.now();
    const session: Session = { id: hashToken(token), userId, createdAt: now, expiresAt: now + this.ttlMs };
    await this.store.createSession(session);
    if (now - this.lastSweep >= SWEEP_EVERY_MS) {
      this.lastSweep = now;
      await this.store.deleteExpiredSessions(now);
    }
    return { token, session };
  }

  async find(token: string): Promise<Session | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    return this.byId(hashToken(token));
  }

  async byId(id: string): Promise<Session | null> {
    const session = await this.store.sessionById(id);
    return session && session.expiresAt > this.clock.now() ? session : null;
  }

  async end(id: string): Promise<void> {
    await this.store.deleteSession(id);
  }
}
