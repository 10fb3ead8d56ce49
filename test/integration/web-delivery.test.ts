import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtClientDir as clientDir, ensureClientBuilt } from '../helpers/build-client';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * How the built client goes over the wire, with a real `vite build` (the run's one build,
 * which the end-to-end tests use too; this file only reads it) and a real server, read
 * with node:http so that the bytes are seen as sent, not decoded by a fetch client.
 */
let server: TestServer;
let entry: string;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  await ensureClientBuilt();
  server = await startTestServer({ demo: false, clientDir });
  const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/.exec(readFileSync(join(clientDir, 'index.html'), 'utf8'));
  if (!script) throw new Error('index.html names no entry script');
  entry = script[1]!;
}, 180_000);
afterAll(async () => {
  await server?.close();
});

const onDisk = (path: string) => readFileSync(join(clientDir, path));

describe('hashed assets', () => {
  it('are sent brotli-compressed to a browser that accepts it, and cached for a year', async () => {
    const reply = await get(entry, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBe('br');
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(reply.headers.vary).toBe('Accept-Encoding');
    expect(reply.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(reply.body).equals(onDisk(entry))).toBe(true);
    expect(reply.body.length).toBeLessThan(onDisk(entry).length / 2);
  });

  it('are sent gzipped when brotli is not accepted or weighs less', async () => {
    for (const accept of ['gzip', 'br;q=0, gzip', 'gzip;q=1, br;q=0.5']) {
      const reply = await get(entry, { 'accept-encoding': accept });
      expect(reply.headers['content-encoding'], accept).toBe('gzip');
      expect(gunzipSync(reply.body).equals(onDisk(entry))).toBe(true);
      expect(reply.headers.vary).toBe('Accept-Encoding');
    }
  });

  it('are sent as they are to a client that accepts no coding', async () => {
    const requests: Record<string, string>[] = [{}, { 'accept-encoding': 'identity' }, { 'accept-encoding': 'br;q=0, gzip;q=0' }];
    for (const headers of requests) {
      const reply = await get(entry, headers);
      expect(reply.headers['content-encoding']).toBeUndefined();
      expect(reply.body.equals(onDisk(entry))).toBe(true);
      // a shared cache must still not hand this copy to a browser that asked for brotli
      expect(reply.headers.vary).toBe('Accept-Encoding');
    }
  });

  it('are not confused with pages: an unknown asset is a 404, not index.html', async () => {
    const reply = await get('/assets/nothing-here-1234.js', { 'accept-encoding': 'br' });
    expect(reply.status).toBe(404);
    expect(reply.body.toString()).not.toContain('<forum-app>');
  });
});

describe('source maps', () => {
  it('are built beside the scripts but neither referenced nor served', async () => {
    expect(existsSync(join(clientDir, `${entry}.map`))).toBe(true);
    expect(onDisk(entry).toString()).not.toContain('sourceMappingURL');
    for (const path of [`${entry}.map`, `${entry}.br`]) {
      const reply = await get(path, { 'accept-encoding': 'br, gzip' });
      expect(reply.status, path).toBe(404);
    }
  });
});

describe('index.html', () => {
  it('carries an ETag, is revalidated on every visit, and a matching ETag gets a 304 without a body', async () => {
    const first = await get('/meetings', { 'accept-encoding': 'br, gzip' });
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('no-cache');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.body.toString()).toContain(entry);

    const again = await get('/meetings', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    expect(again.headers['cache-control']).toBe('no-cache');
    // every page path is the same document, so one ETag serves them all; a weak comparison matches too
    expect((await get('/proposals/abc', { 'if-none-match': `W/${etag}` })).status).toBe(304);
  });

  it('is sent again in full when the ETag is not the current one', async () => {
    const stale = await get('/', { 'if-none-match': '"an-older-build"' });
    expect(stale.status).toBe(200);
    expect(stale.body.toString()).toContain(entry);
  });
});
