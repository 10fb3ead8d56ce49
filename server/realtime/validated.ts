import type { z } from 'zod';
import type { Ack, AckFn } from '../../shared/realtime/protocol';
import type { AppError } from '../../shared/result';
import type { Logger } from '../logger';

/**
 * Wraps a Socket.IO handler: checks the payload with its zod schema, answers
 * garbage with `{ ok: false, error }`, and never lets a handler's exception
 * reach the process.
 */
export function validated<S extends z.ZodType, T extends object>(
  schema: S,
  logger: Logger,
  handler: (payload: z.output<S>) => Promise<Ack<T>>,
) {
  return async (payload: unknown, ack: unknown): Promise<void> => {
    const reply: AckFn<T> = typeof ack === 'function' ? (ack as AckFn<T>) : () => {};
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
      reply(await handler(parsed.data));
    } catch (error) {
      logger.error({ err: error }, 'socket handler failed');
      reply({ ok: false, error: { code: 'internal', message: 'Something went wrong on the server.', reason: 'server.internal' } });
    }
  };
}
