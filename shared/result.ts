import type { ErrorReason, ReasonParams } from './error-reasons';

export type { ErrorReason, ReasonParams } from './error-reasons';

/** Expected failures are values; exceptions are for the unexpected. */
export type ErrorCode =
  | 'invalid_input'
  | 'payload_too_large'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'bad_origin'
  | 'internal';

export interface AppError {
  code: ErrorCode;
  /** English, for logs, API clients and as the fallback; the UI translates by `reason` or `code`. */
  message: string;
  /** The stable key of this refusal (e.g. `auth.invalid_credentials`): the client words it in the user's language. */
  reason: ErrorReason;
  /** What the reason's sentence fills in (a status, a count). */
  params?: ReasonParams;
  /** Per-field problems for `invalid_input`. */
  issues?: { path: string; message: string }[];
  /** For `rate_limited`: when trying again can succeed (also the HTTP Retry-After header). */
  retryAfterSeconds?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/** A refusal: its code (HTTP status), English message, and the reason the client words for people. */
export const err = (code: ErrorCode, message: string, reason: ErrorReason, params?: ReasonParams): { ok: false; error: AppError } => ({
  ok: false,
  error: params ? { code, message, reason, params } : { code, message, reason },
});

/** HTTP status for each error code, used by the server's single error handler. */
export const httpStatusOf: Record<ErrorCode, number> = {
  invalid_input: 400,
  payload_too_large: 413,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  bad_origin: 403,
  internal: 500,
};
