import { createRoute, type OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { z } from 'zod';
import type { Context, MiddlewareHandler } from 'hono';
import type { Endpoint } from '../../shared/api/endpoint';
import { api } from '../../shared/api/endpoints';
import { atDoor, endpointDoors, type Door, type EndpointName, type RawRoute } from '../../shared/permissions/doors';
import { ErrorBody } from '../../shared/schemas/common';
import type { AppEnv } from './env';
import { HttpError } from './errors';

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler receives: the validated, typed request parts. */
export type RouteInput<E extends Endpoint> =
  E extends Endpoint<infer P, infer Q, infer B, z.ZodType> ? { params: Out<P>; query: Out<Q>; body: Out<B> } : never;

export type RouteHandler<E extends Endpoint> = (
  input: RouteInput<E>,
  c: Context<AppEnv>,
) => Promise<z.input<E['response']> | Response>;

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBody } } });

/** Each shared endpoint's door, by the endpoint itself (shared/permissions/doors.ts). */
const doorOf = new Map<Endpoint, Door>(Object.entries(api).map(([name, e]) => [e as Endpoint, endpointDoors[name as EndpointName]]));

/**
 * The door of a route, before anything reads its input: anonymous callers get 401,
 * callers no rule lets do this kind of thing get 403, and only then does the
 * validator see the body (an anonymous bad body is 401, not a schema lesson).
 */
export function guard(door: Door): MiddlewareHandler<AppEnv> {
  return async function authorize(c, next) {
    const answer = atDoor(c.get('user'), door);
    if (!answer.pass) throw new HttpError(answer.error);
    await next();
  };
}

/** The OpenAPI route for a shared endpoint description. */
export function routeConfig(e: Endpoint): RouteConfig {
  return createRoute({
    method: e.method,
    path: e.path,
    summary: e.summary,
    tags: [e.tag],
    description: `Access: ${e.access} (door: ${doorOf.get(e) ?? 'none'}).`,
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
 * Registers a shared endpoint: authenticate and authorize at its door, then validate
 * (zod, via the app's defaultHook), then the handler with typed input. Its OpenAPI
 * description comes from the endpoint. An endpoint without a door is not registered.
 */
export function route<E extends Endpoint>(app: OpenAPIHono<AppEnv>, e: E, handler: RouteHandler<E>): void {
  const door = doorOf.get(e);
  if (!door) throw new Error(`${e.method.toUpperCase()} ${e.path} has no door in shared/permissions/doors.ts`);
  const register = app.openapi.bind(app) as unknown as LooseOpenApi;
  register({ ...routeConfig(e), middleware: [guard(door)] } as RouteConfig, async (c) => {
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

/** Registers a route outside the JSON API (CSV, calendar files, downloads) behind its door. */
export function rawRoute(app: OpenAPIHono<AppEnv>, r: RawRoute, handler: (c: Context<AppEnv>) => Promise<Response>): void {
  app.on(r.method.toUpperCase(), r.path, guard(r.door), handler);
}
