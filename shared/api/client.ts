import type { AppError } from '../result';
import type { CallInput, CallOutput, Endpoint } from './endpoint';

/** A failed call: the server's error body, or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: AppError,
  ) {
    super(error.message);
    this.name = 'ApiError';
  }
}

export interface ApiClientOptions {
  /** Origin of the server; empty for the page's own. */
  baseUrl?: string;
  /** Bearer token for non-browser clients; browsers use the session cookie. */
  token?: string;
  fetch?: typeof fetch;
}

function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params?.[name] ?? '')));
}

function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, String(value));
  const s = search.toString();
  return s ? `?${s}` : '';
}

/** Typed calls to the HTTP API: `call(api.login, { body })`. */
export function createApiClient(options: ApiClientOptions = {}) {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  return async function call<E extends Endpoint>(e: E, input: CallInput<E> = {} as CallInput<E>): Promise<CallOutput<E>> {
    const { params, query, body } = input as { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const url = `${options.baseUrl ?? ''}${fillPath(e.path, params)}${queryString(query)}`;
    let res: Response;
    try {
      res = await doFetch(url, {
        method: e.method.toUpperCase(),
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
      });
    } catch (cause) {
      throw new ApiError(0, { code: 'internal', message: `network error: ${String(cause)}`, reason: 'server.unreachable' });
    }
    const payload: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const error = (payload as { error?: AppError } | null)?.error ?? { code: 'internal', message: res.statusText, reason: 'server.internal' };
      throw new ApiError(res.status, error);
    }
    return payload as CallOutput<E>;
  };
}
export type ApiCall = ReturnType<typeof createApiClient>;
