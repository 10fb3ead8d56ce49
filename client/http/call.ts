import { ApiError, createApiClient } from '../../shared/api/client';

/**
 * The typed HTTP API, same origin, authenticated by the session cookie.
 * (This folder is not called api/: in the dev server /api/* is proxied to the server.)
 */
export const call = createApiClient();

/** The message to show for a failed call: the server's own words, or a fallback for network failures. */
export function errorMessage(error: unknown, networkFallback: string): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return networkFallback;
    const issues = error.error.issues?.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
    return issues?.length ? `${error.error.message} (${issues.join('; ')})` : error.error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

export { ApiError };
