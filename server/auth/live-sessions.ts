import type { SessionEndReason } from '../../shared/schemas/auth';
import type { Clock } from '../clock';
import type { Session } from './sessions';

export type { SessionEndReason };

/** Told when a session ends; the control plane (wiring/control-plane.ts) tells every instance. */
export type EndSession = (sessionId: string, userId: string, reason: SessionEndReason) => void;

/** How often expiry is looked for: a session's connections close at most this long after it expires. */
const SWEEP_MS = 1_000;

/**
 * The sessions behind this instance's live connections (Socket.IO and /yjs), so that each
 * one's connections close when it expires, not at their next reconnect. Expiry is read
 * from the injected clock, so a test can move time past it.
 */
export class LiveSessions {
  private readonly sessions = new Map<string, { userId: string; expiresAt: number }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly end: EndSession,
  ) {}

  /** A connection authenticated with `session`; kept until the session ends. */
  watch(session: Pick<Session, 'id' | 'userId' | 'expiresAt'>): void {
    this.sessions.set(session.id, { userId: session.userId, expiresAt: session.expiresAt });
  }

  /** The session ended otherwise (signed out): nothing more to watch. */
  forget(sessionId: string): void {
    this.sessions.delete(sessionId);
  }

  start(): void {
    this.timer ??= setInterval(() => this.sweep(), SWEEP_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Ends every watched session whose time is up. */
  sweep(): void {
    const now = this.clock.now();
    for (const [id, { userId, expiresAt }] of this.sessions) {
      if (expiresAt > now) continue;
      this.sessions.delete(id);
      this.end(id, userId, 'expired');
    }
  }
}
