import type { Clock } from '../clock';
import type { Ephemeral } from '../ephemeral/ephemeral';
import { hashToken, newToken } from '../ids';

export interface Session {
  id: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
}

/** Login sessions in the ephemeral state, keyed by a hash of the token. */
export class Sessions {
  constructor(
    private readonly ephemeral: Ephemeral,
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  async create(userId: string): Promise<{ token: string; session: Session }> {
    const token = newToken();
    const now = this.clock.now();
    const session: Session = { id: hashToken(token), userId, createdAt: now, expiresAt: now + this.ttlMs };
    await this.ephemeral.set(`session:${session.id}`, JSON.stringify(session), this.ttlMs);
    await this.ephemeral.setAdd(`user-sessions:${userId}`, session.id);
    return { token, session };
  }

  async find(token: string): Promise<Session | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    return this.byId(hashToken(token));
  }

  async byId(id: string): Promise<Session | null> {
    const raw = await this.ephemeral.get(`session:${id}`);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    return session.expiresAt > this.clock.now() ? session : null;
  }

  async end(id: string): Promise<void> {
    const session = await this.byId(id);
    await this.ephemeral.delete(`session:${id}`);
    if (session) await this.ephemeral.setRemove(`user-sessions:${session.userId}`, id);
  }
}
