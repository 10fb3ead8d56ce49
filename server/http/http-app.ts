import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { limits } from '../../shared/limits';
import type { AppEnv } from './env';
import { errorHandler, httpError, invalidInput } from './errors';
import { originCheck } from './origin';
import { sessionMiddleware, type Authenticator } from './session';
import type { Logger } from '../logger';

/** The Hono app with the middleware chain every API route shares; domains add routes to it. */
export function createHttpApp(deps: {
  auth: Authenticator;
  logger: Logger;
  publicOrigin: string | undefined;
  /** The rate limit of state-changing calls (limits/http.ts); it runs after the session middleware, so it knows who calls. */
  rateLimit: MiddlewareHandler<AppEnv>;
}) {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw invalidInput(result.error, result.target === 'json' ? 'body' : result.target);
    },
  });
  app.onError(errorHandler(deps.logger));
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: limits.httpBodyBytes,
      onError: (c) => {
        // The rest of the body is never read, so this connection cannot carry another request.
        c.header('Connection', 'close');
        throw httpError('payload_too_large', `The request body is larger than ${limits.httpBodyBytes / 1024} KiB.`, 'input.too_large');
      },
    }),
  );
  app.use('/api/*', originCheck(deps.publicOrigin));
  app.use('/api/*', sessionMiddleware(deps.auth));
  app.use('/api/*', deps.rateLimit);
  return app;
}

/** Registered last: unknown API paths answer JSON, not the client's index.html. */
export function apiNotFound(app: OpenAPIHono<AppEnv>) {
  app.all('/api/*', (c) => {
    throw httpError('not_found', `No API endpoint ${c.req.method} ${c.req.path}.`, 'missing.endpoint');
  });
}
