import { ContextProvider } from '@lit/context';
import type { ReactiveController, ReactiveElement } from 'lit';
import { api } from '../../shared/api/endpoints';
import type { User } from '../../shared/domain';
import { ApiError, call } from '../http/call';
import { sessionContext, type Session } from './session-context';

export type SessionStatus =
  | { kind: 'checking' }
  | { kind: 'ready'; notice: 'ended' | null }
  | { kind: 'unreachable'; error: unknown };

/**
 * Finds out who is signed in (`GET /api/auth/me`) and provides the session to
 * every component below the host through `sessionContext`.
 */
export class SessionController implements ReactiveController {
  status: SessionStatus = { kind: 'checking' };
  readonly #provider: ContextProvider<typeof sessionContext>;

  constructor(private readonly host: ReactiveElement) {
    this.#provider = new ContextProvider(host, { context: sessionContext, initialValue: this.#session(null) });
    host.addController(this);
  }

  get user(): User | null {
    return this.#provider.value.user;
  }

  hostConnected(): void {
    if (this.status.kind === 'checking') void this.check();
  }

  /** Asks the server who is signed in; a 401 means nobody. */
  async check(): Promise<void> {
    this.#setStatus({ kind: 'checking' });
    try {
      const { user } = await call(api.me);
      this.#setUser(user);
      this.#setStatus({ kind: 'ready', notice: null });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        this.#setUser(null);
        this.#setStatus({ kind: 'ready', notice: null });
      } else {
        this.#setStatus({ kind: 'unreachable', error });
      }
    }
  }

  #session(user: User | null): Session {
    return {
      user,
      signedIn: (u) => {
        this.#setUser(u);
        this.#setStatus({ kind: 'ready', notice: null });
      },
      signOut: async () => {
        try {
          await call(api.logout);
        } catch (error) {
          // 401: already signed out; anything else leaves the cookie in place, so say so
          if (!(error instanceof ApiError && error.status === 401)) throw error;
        }
        this.#setUser(null);
        this.#setStatus({ kind: 'ready', notice: null });
      },
      ended: () => this.#ended(),
      verify: async () => {
        try {
          await call(api.me);
        } catch (error) {
          if (error instanceof ApiError && error.status === 401) this.#ended();
        }
      },
    };
  }

  #ended(): void {
    if (!this.user) return;
    this.#setUser(null);
    this.#setStatus({ kind: 'ready', notice: 'ended' });
  }

  #setUser(user: User | null): void {
    if (user === this.user) return;
    this.#provider.setValue(this.#session(user));
    this.host.requestUpdate();
  }

  #setStatus(status: SessionStatus): void {
    this.status = status;
    this.host.requestUpdate();
  }
}
