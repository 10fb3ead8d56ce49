import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './env';

/** Serves the built client; any other page path gets index.html (client-side routing). */
export function serveClient(app: OpenAPIHono<AppEnv>, clientDir: string): void {
  app.use('/assets/*', serveStatic({ root: clientDir }));
  app.get('/favicon.svg', serveStatic({ root: clientDir }));
  app.get('*', (c) => {
    const index = join(clientDir, 'index.html');
    if (!existsSync(index)) {
      return c.text('The web client is not built yet. Run `npm run build` (npm start does it for you).', 503);
    }
    return c.html(readFileSync(index, 'utf8'));
  });
}
