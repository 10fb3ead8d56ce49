import type { Ack } from '../../shared/realtime/ack';
import type { AppError } from '../../shared/result';
import type { ClientSocket } from './socket-controller';

/** Answers that never came from the server; compared by identity to show our own words. */
export const offline: AppError = { code: 'internal', message: 'offline', reason: 'server.unreachable' };
export const timedOut: AppError = { code: 'internal', message: 'timeout', reason: 'server.unreachable' };

export type TimedSocket = ReturnType<ClientSocket['timeout']>;

/** How long every acknowledged event waits for the server's answer before it counts as unanswered. */
export const ackTimeoutMs = 8_000;

/**
 * Sends one acknowledged event: `offline` when there is no live connection,
 * `timedOut` when the server does not answer in time, else the server's answer.
 */
export async function ask<T extends object>(socket: ClientSocket | null, send: (socket: TimedSocket) => Promise<Ack<T>>): Promise<Ack<T>> {
  if (!socket?.connected) return { ok: false, error: offline };
  try {
    return await send(socket.timeout(ackTimeoutMs));
  } catch {
    return { ok: false, error: timedOut };
  }
}
