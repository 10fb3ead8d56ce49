import type { z } from 'zod';
import { atDoor, eventDoors, type EventName } from '../../shared/permissions/doors';
import { schemas, type Ack, type AckFn } from '../../shared/realtime/protocol';
import type { AppError } from '../../shared/result';
import type { Logger } from '../logger';
import type { ForumSocket } from './socket-server';

/**
 * Wraps a Socket.IO handler in the same order as an HTTP route: the event's door
 * (shared/permissions/doors.ts) for the socket's user, then its zod schema, then
 * the handler. A refusal or garbage is answered `{ ok: false, error }`, and a
 * handler's exception never reaches the process.
 */
export function validated<E extends EventName, T extends object>(
  socket: Pick<ForumSocket, 'data'>,
  event: E,
  logger: Logger,
  handler: (payload: z.output<(typeof schemas)[E]>) => Promise<Ack<T>>,
) {
  const schema: z.ZodType = schemas[event];
  const door = eventDoors[event];
  return async (payload: unknown, ack: unknown): Promise<void> => {
    const reply: AckFn<T> = typeof ack === 'function' ? (ack as AckFn<T>) : () => {};
    // The handshake let only signed-in sockets in; the user is read again for every event (current-user.ts).
    const answer = atDoor(socket.data.user ?? null, door);
    if (!answer.pass) return reply({ ok: false, error: answer.error });
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'payload', message: i.message }));
      const error: AppError = {
        code: 'invalid_input',
        message: `Invalid payload: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        reason: 'input.invalid',
        issues,
      };
      return reply({ ok: false, error });
    }
    try {
      reply(await handler(parsed.data as z.output<(typeof schemas)[E]>));
    } catch (error) {
      logger.error({ err: error }, 'socket handler failed');
      reply({ ok: false, error: { code: 'internal', message: 'Something went wrong on the server.', reason: 'server.internal' } });
    }
  };
}
