import { timingSafeEqual, createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { createHttpApp } from '../http/http-app';
import type { Metrics } from './metrics';

type HttpApp = ReturnType<typeof createHttpApp>;

/** Compares digests, so neither the length nor the first differing byte of the token leaks through timing. */
function sameToken(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * GET /metrics on the main port, for a scraper that sends `Authorization: Bearer <METRICS_TOKEN>`;
 * anyone else gets 404, as if there were nothing here (the figures say how busy the forum is).
 */
export function metricsRoute(app: HttpApp, metrics: Metrics, token: string): void {
  app.get('/metrics', async (c) => {
    const given = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    if (!given || !sameToken(given, token)) return c.json({ error: { code: 'not_found', message: 'Not found.' } }, 404);
    return c.body(await metrics.text(), 200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
  });
}

/** GET /metrics without a token on a port of its own (METRICS_PORT), for a network only the scraper reaches. */
export async function serveMetrics(metrics: Metrics, host: string, port: number): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || new URL(req.url ?? '/', 'http://x').pathname !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    metrics.text().then(
      (text) => res.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}/metrics`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
