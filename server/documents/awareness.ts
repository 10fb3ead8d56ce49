import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { limits } from '../../shared/limits';
import { sessionOf, type Origin, type Session } from './session';
import { encodeAwareness, type AwarenessEntry } from './messages';

/** A writer's socket may speak for this many awareness clients (a browser relays its other tabs' states). */
const maxClientsPerConnection = 16;

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

/**
 * Cursors and names of a document's writers. Readers' awareness is never relayed (a
 * thousand followers must not flood each other; presence shows who watches); writers'
 * is size-limited and throttled; what a connection spoke for goes when it goes.
 */
export class DocAwareness {
  readonly awareness: awarenessProtocol.Awareness;
  /** Which connection speaks for each awareness client id (see `trackOwners`). */
  private readonly owners = new Map<number, Session>();
  /** The latest update a throttled connection sent, applied when its rate allows. */
  private readonly pending = new Map<Session, { update: Uint8Array; timer: NodeJS.Timeout }>();

  constructor(
    doc: Y.Doc,
    /** Sends to every connection of the document but `except`. */
    private readonly broadcast: (message: Uint8Array, except: Origin) => void,
    /** Tells the other instances about a change made here. */
    private readonly publish: (update: Uint8Array) => void,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server is no participant: without this it would announce itself to every client.
    this.awareness.setLocalState(null);
    this.awareness.on('update', (change: AwarenessChange, origin: Origin) => {
      this.trackOwners(change, origin);
      this.relay(change, origin);
    });
  }

  receive(conn: Session, update: Uint8Array, entries: AwarenessEntry[]): void {
    if (conn.access === 'read') return;
    if (update.byteLength > limits.awarenessBytes) {
      conn.log.debug({ bytes: update.byteLength }, 'dropped an oversized awareness update');
      return;
    }
    const states = this.awareness.getStates();
    const newcomers = entries.filter((e) => e.state !== null && !states.has(e.clientID)).length;
    if (this.ownedBy(conn).length + newcomers > maxClientsPerConnection) {
      conn.log.debug('dropped an awareness update for too many clients');
      return;
    }
    if (!conn.awarenessRate.take()) return this.defer(conn, update);
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, conn);
  }

  /**
   * Over the rate, intermediate cursor moves are dropped but the last one is kept and
   * applied shortly after, so a burst of typing never leaves a stale caret behind.
   */
  private defer(conn: Session, update: Uint8Array): void {
    const waiting = this.pending.get(conn);
    if (waiting) {
      waiting.update = update;
      return;
    }
    const timer = setTimeout(() => {
      const latest = this.pending.get(conn);
      this.pending.delete(conn);
      if (!latest || conn.access !== 'write') return;
      conn.awarenessRate.take();
      awarenessProtocol.applyAwarenessUpdate(this.awareness, latest.update, conn);
    }, 60);
    timer.unref();
    this.pending.set(conn, { update, timer });
  }

  /** A change another instance's clients made. */
  receiveRemote(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, 'remote');
  }

  /** Removes, for everyone (other instances too), the states `conn` spoke for: no ghost cursors. */
  drop(conn: Session, origin: Origin): void {
    clearTimeout(this.pending.get(conn)?.timer);
    this.pending.delete(conn);
    const owned = this.ownedBy(conn);
    owned.forEach((id) => this.owners.delete(id));
    awarenessProtocol.removeAwarenessStates(this.awareness, owned, origin);
  }

  /** Everyone's current state, for a client that just joined or asked. */
  sendStates(conn: Session): void {
    const clients = [...this.awareness.getStates().keys()];
    if (clients.length) conn.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)));
  }

  destroy(): void {
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    this.awareness.destroy();
  }

  /**
   * The stock client relays every awareness change it hears, others' included, so a socket
   * does not own every client id it mentions: it owns those whose state it actually changed
   * (added, or renewed with a newer clock), like the reference server's `controlledIds`.
   */
  private trackOwners({ added, updated, removed }: AwarenessChange, origin: Origin): void {
    const session = sessionOf(origin);
    if (session) for (const id of [...added, ...updated]) this.owners.set(id, session);
    for (const id of removed) this.owners.delete(id);
  }

  private ownedBy(conn: Session): number[] {
    return [...this.owners].filter(([, owner]) => owner === conn).map(([id]) => id);
  }

  private relay({ added, updated, removed }: AwarenessChange, origin: Origin): void {
    const clients = [...added, ...updated, ...removed];
    if (clients.length === 0) return;
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients);
    this.broadcast(encodeAwareness(update), origin);
    // Timeouts happen on every instance by themselves; relayed changes are not relayed back.
    if (sessionOf(origin) || origin === 'disconnect') this.publish(update);
  }
}
