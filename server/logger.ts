import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; secrets never reach them (see `redact`). */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'forum-workspace' },
    redact: ['req.headers.cookie', 'req.headers.authorization', 'token', 'password', '*.password', '*.token'],
  });
}

/** The message logged for a promise rejection nobody handled; the tests look for it. */
export const UNHANDLED_REJECTION = 'unhandled rejection';
