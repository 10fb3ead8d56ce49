import { ApiError, createApiClient } from '../../shared/api/client';
import { localizedError } from '../i18n/errors';
import { localeState } from '../i18n/i18n';
import type { Said } from '../i18n/said';

/**
 * The typed HTTP API, same origin, authenticated by the session cookie.
 * (This folder is not called api/: in the dev server /api/* is proxied to the server.)
 */
export const call = createApiClient();

/** The message to show for a failed call, in the user's language, or a fallback for network failures. */
export function errorMessage(error: unknown, networkFallback: string): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return networkFallback;
    return localizedError(error.error, localeState.locale);
  }
  return error instanceof Error ? error.message : String(error);
}

/** A failed call's words, in the language of each render (see Said). */
export const said =
  (error: unknown): Said =>
  (t) =>
    errorMessage(error, t.app.networkError);

export { ApiError };
