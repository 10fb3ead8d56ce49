import type { User } from '../../shared/domain';
import type { OnlineUser } from '../../shared/schemas/presence';
import type { Clock } from '../clock';
import type { ClusterBus } from '../cluster/bus';
import type { Ephemeral } from '../ephemeral/ephemeral';

/** One connection's presence; a user with two tabs has two. */
export interface ConnectionPresence {
  userId: string;
  name: string;
  role: User['role'];
  subcommittee: User['subcommittee'];
  location: string;
  idle: boolean;
  since: string;
  /** Which server instance holds the connection, so its refresh timer owns it. */
  instance: string;
}

/**
 * Who is online, in the ephemeral state with a heartbeat TTL: a crashed browser
 * or server stops refreshing and disappears within the TTL. Changes are announced
 * here and on the cluster bus (the `presence` topic) so that every instance tells its own clients.
 *
 * While Redis is away presence degrades instead of failing: joins and leaves are kept
 * here (the heartbeat writes them once Redis is back, see `refresh`), and `online` answers
 * with this instance's own connections. /api/health says the ephemeral state is down.
 */
export class PresenceService {
  private readonly mine = new Map<string, { scope: string; value: ConnectionPresence }>();
  /** This instance's listeners, told directly: the bus hands an instance none of its own messages. */
  private readonly listeners = new Set<(scope: string) => void>();

  constructor(
    private readonly ephemeral: Ephemeral,
    private readonly bus: ClusterBus,
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  async join(scope: string, connectionId: string, user: User, location: string, idle = false): Promise<void> {
    const previous = this.mine.get(connectionId)?.value;
    const value: ConnectionPresence = {
      userId: user.id,
      name: user.name,
      role: user.role,
      subcommittee: user.subcommittee,
      location,
      idle,
      since: previous?.since ?? new Date(this.clock.now()).toISOString(),
      instance: this.bus.instance,
    };
    this.mine.set(connectionId, { scope, value });
    await this.ephemeral.presenceSet(scope, connectionId, value, this.ttlMs).catch(stayLocal);
    await this.announce(scope);
  }

  /** A person's role or name changed: their entries here say so, each where it was and idle as it was. */
  async relabel(user: User): Promise<void> {
    const theirs = [...this.mine].filter(([, { value }]) => value.userId === user.id);
    await Promise.all(theirs.map(([id, { scope, value }]) => this.join(scope, id, user, value.location, value.idle)));
  }

  async leave(connectionId: string): Promise<void> {
    const entry = this.mine.get(connectionId);
    if (!entry) return;
    this.mine.delete(connectionId);
    // Not removed from Redis: its heartbeat has stopped, so it expires within the TTL.
    await this.ephemeral.presenceRemove(entry.scope, connectionId).catch(stayLocal);
    await this.announce(entry.scope);
  }

  /** Keeps this instance's connections alive; called every third of the TTL. */
  async refresh(): Promise<void> {
    await Promise.all(
      [...this.mine].map(([id, { scope, value }]) => this.ephemeral.presenceSet(scope, id, value, this.ttlMs)),
    );
  }

  /** Announces every scope this instance has connections in (after Redis returns: others rebuild their lists). */
  async announceAll(): Promise<void> {
    const scopes = new Set([...this.mine.values()].map((e) => e.scope));
    await Promise.all([...scopes].map((scope) => this.announce(scope)));
  }

  /** One row per user: the most recent location, idle only when every tab is idle. */
  async online(scope: string): Promise<OnlineUser[]> {
    const values = await this.ephemeral.presenceList<ConnectionPresence>(scope).then(
      (entries) => entries.map((e) => e.value),
      // Redis away: this instance's own connections are all it can vouch for.
      () => [...this.mine.values()].filter((e) => e.scope === scope).map((e) => e.value),
    );
    const byUser = new Map<string, OnlineUser>();
    for (const value of values) {
      const seen = byUser.get(value.userId);
      const row: OnlineUser = {
        userId: value.userId,
        name: value.name,
        role: value.role,
        subcommittee: value.subcommittee,
        location: value.location,
        idle: value.idle,
        since: value.since,
      };
      if (!seen) byUser.set(value.userId, row);
      else {
        seen.idle = seen.idle && row.idle;
        if (!row.idle) seen.location = row.location;
        if (row.since < seen.since) seen.since = row.since;
      }
    }
    return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name, 'ko'));
  }

  /** Called when Redis is back after an outage (see Ephemeral.onReconnected). */
  onReconnected(handler: () => void): () => void {
    return this.ephemeral.onReconnected(handler);
  }

  /** Calls `handler` with each scope whose list changed, here or on another instance. */
  onChanged(handler: (scope: string) => void): () => void {
    this.listeners.add(handler);
    const stopHearing = this.bus.on('presence', ({ scope }) => handler(scope));
    return () => {
      this.listeners.delete(handler);
      stopHearing();
    };
  }

  /** Tells this instance's listeners and the other instances; never fails (the bus logs a lost announcement). */
  private async announce(scope: string): Promise<void> {
    for (const listener of this.listeners) listener(scope);
    await this.bus.publish('presence', { scope });
  }
}

/** A presence write that did not reach Redis: the next heartbeat after Redis returns makes it. */
function stayLocal(): void {}
