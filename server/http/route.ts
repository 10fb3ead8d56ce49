import { createRoute, type OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { z } from 'zod';
import type { Endpoint } from '../../shared/api/endpoint';
import { ErrorBody } from '../../shared/schemas/common';
import type { AppEnv } from './env';

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler receives: the validated, typed request parts. */
export type RouteInput<E extends Endpoint> =
  E extends Endpoint<infer P, infer Q, infer B, z.ZodType> ? { params: Out<P>; query: Out<Q>; body: Out<B> } : never;

export type RouteHandler<E extends Endpoint> = (
  input: RouteInput<E>,
  c: Context<AppEnv>,
) => Promise<z.input<E['response']> | Response>;

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBody } } });

/** The OpenAPI route for a shared endpoint description. */
export function routeConfig(e: Endpoint): RouteConfig {
  return createRoute({
    method: e.method,
    path: e.path,
    summary: e.summary,
    tags: [e.tag],
    description: `Access: ${e.access}.`,
    request: {
      ...(e.params ? { params: e.params as never } : {}),
      ...(e.query ? { query: e.query as never } : {}),
      ...(e.body ? { body: { required: true, content: { 'application/json': { schema: e.body as never } } } } : {}),
    },
    responses: {
      [e.status ?? 200]: { description: 'Success', content: { 'application/json': { schema: e.response as never } } },
      400: errorResponse('Invalid input; the message names each bad field'),
      401: errorResponse('Not signed in'),
      403: errorResponse('Not allowed'),
      429: errorResponse('Too many requests'),
    },
  });
}

type Validated = { valid(target: 'param' | 'query' | 'json'): unknown };
type LooseOpenApi = (config: RouteConfig, handler: (c: Context<AppEnv>) => Promise<Response>) => unknown;

/**
 * Registers a shared endpoint: validation (zod, via the app's defaultHook) and
 * its OpenAPI description come from the endpoint, the handler gets typed input.
 */
export function route<E extends Endpoint>(app: OpenAPIHono<AppEnv>, e: E, handler: RouteHandler<E>): void {
  const register = app.openapi.bind(app) as unknown as LooseOpenApi;
  register(routeConfig(e), async (c) => {
    const req = c.req as unknown as Validated;
    const input = {
      params: e.params ? req.valid('param') : undefined,
      query: e.query ? req.valid('query') : undefined,
      body: e.body ? req.valid('json') : undefined,
    } as RouteInput<E>;
    const out = await handler(input, c);
    return out instanceof Response ? out : c.json(out as object, e.status ?? 200);
  });
}
