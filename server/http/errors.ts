import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { httpStatusOf, type AppError, type ErrorCode, type ErrorReason, type ReasonParams, type Result } from '../../shared/result';
import type { Logger } from '../logger';

/** An expected failure on its way to the client as `{ error: { code, message } }`. */
export class HttpError extends HTTPException {
  constructor(readonly appError: AppError) {
    super(httpStatusOf[appError.code] as 400, { message: appError.message });
  }
}

/** Unwraps a command's result; an expected failure becomes its HTTP error. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new HttpError(result.error);
  return result.value;
}

export const httpError = (code: ErrorCode, message: string, reason: ErrorReason, params?: ReasonParams) =>
  new HttpError(params ? { code, message, reason, params } : { code, message, reason });

/** A zod failure as an `invalid_input` error that names every bad field. */
export function invalidInput(error: ZodError, where: string): HttpError {
  const issues = error.issues.map((i) => ({ path: i.path.join('.') || where, message: i.message }));
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return new HttpError({ code: 'invalid_input', message: `Invalid ${where}: ${summary}`, reason: 'input.invalid', issues });
}

/** The one place where errors become responses. */
export function errorHandler(logger: Logger) {
  return function onError(error: Error, c: Context): Response {
    if (error instanceof HttpError) {
      return c.json({ error: error.appError }, error.status);
    }
    if (error instanceof HTTPException) {
      // Hono's own: malformed JSON (400), body too large (413) …
      const code: ErrorCode = error.status === 413 ? 'payload_too_large' : error.status === 401 ? 'unauthenticated' : 'invalid_input';
      const reason: ErrorReason = code === 'payload_too_large' ? 'input.too_large' : code === 'unauthenticated' ? 'auth.signed_out' : 'input.invalid';
      const message = error.status === 400 && /JSON/i.test(error.message) ? 'Malformed JSON in request body.' : error.message;
      return c.json({ error: { code, message, reason } }, error.status);
    }
    logger.error({ err: error, path: c.req.path }, 'unhandled error');
    return c.json({ error: { code: 'internal', message: 'Something went wrong on the server.', reason: 'server.internal' } }, 500);
  };
}
