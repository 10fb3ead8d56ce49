import type { ForumServer } from '../realtime/socket-server';
import type { Metrics } from './metrics';

interface Packet {
  data?: unknown[];
}
type Broadcast = (packet: Packet, opts: unknown) => unknown;

/** The event's family (`meeting:state` → `meeting`): a few label values, whatever the events. */
export const familyOf = (packet: Packet): string => {
  const name = packet.data?.[0];
  return typeof name === 'string' ? (name.split(':')[0] ?? name) : 'other';
};

/**
 * Times every broadcast this instance starts (a room emit: meeting state, poll counts,
 * presence, notifications) from the emit until it is written to this instance's sockets;
 * with a Redis adapter that may await the publish first. Call after the adapter is attached:
 * the namespace's adapter is replaced then. Broadcasts arriving from other instances are
 * delivered by the adapter's base method and are not counted twice.
 */
export function timeBroadcasts(io: ForumServer, metrics: Metrics): void {
  const adapter = io.of('/').adapter as unknown as { broadcast: Broadcast };
  const original = adapter.broadcast.bind(adapter);
  adapter.broadcast = (packet, opts) => {
    const end = metrics.broadcastSeconds.startTimer({ family: familyOf(packet) });
    const result = original(packet, opts);
    if (result instanceof Promise) return result.finally(() => end());
    end();
    return result;
  };
}
