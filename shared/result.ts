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
  message: string;
  /** Per-field problems for `invalid_input`. */
  issues?: { path: string; message: string }[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = (code: ErrorCode, message: string): { ok: false; error: AppError } => ({
  ok: false,
  error: { code, message },
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
