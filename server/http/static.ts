import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from './env';
import { compressible, negotiate, precompressed, type Precompressed } from './encodings';

/** Vite names every file in assets/ after a hash of its content, so a name never changes meaning. */
const immutable = 'public, max-age=31536000, immutable';
/** index.html names the current assets: the browser keeps it but asks every time (ETag, 304). */
const revalidate = 'no-cache';

/** One flat name as Vite writes it; anything else (slashes, `..`) is not ours. */
const assetName = /^[A-Za-z0-9_.-]+$/;

const types: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/** Owned bytes, as a Response body wants them (a Buffer may share a pooled buffer). */
type Bytes = Uint8Array<ArrayBuffer>;
const read = async (file: string): Promise<Bytes | null> => readFile(file).then((b) => new Uint8Array(b), () => null);

/** A built asset with the precompressed codings the build wrote beside it. */
interface Asset {
  type: string;
  identity: Bytes;
  encoded: Map<Precompressed['name'], Bytes>;
}

async function loadAsset(file: string): Promise<Asset | null> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return null;
  const identity = await read(file);
  if (!identity) return null;
  const encoded = new Map<Precompressed['name'], Bytes>();
  if (compressible.test(file)) {
    for (const encoding of precompressed) {
      const bytes = await read(file + encoding.suffix);
      if (bytes) encoded.set(encoding.name, bytes);
    }
  }
  return { type: types[extname(file)] ?? 'application/octet-stream', identity, encoded };
}

/**
 * Hashed assets, from memory after their first request (their content never changes),
 * in the best coding the browser accepts. Source maps and the precompressed files
 * themselves are not served: production sends no map, and `.br` is a coding, not a file.
 */
function assets(clientDir: string) {
  const loaded = new Map<string, Asset>();
  return async (c: Context<AppEnv>) => {
    const name = c.req.path.slice('/assets/'.length);
    if (!assetName.test(name) || name.endsWith('.map') || precompressed.some((e) => name.endsWith(e.suffix))) return c.notFound();
    let asset = loaded.get(name);
    if (!asset) {
      const found = await loadAsset(join(clientDir, 'assets', name));
      if (!found) return c.notFound();
      loaded.set(name, (asset = found));
    }
    const available = precompressed.filter((e) => asset.encoded.has(e.name));
    const encoding = negotiate(c.req.header('accept-encoding'), available);
    const headers: Record<string, string> = { 'content-type': asset.type, 'cache-control': immutable };
    // Caches must key on Accept-Encoding whenever the answer could have been another coding.
    if (available.length > 0) headers.vary = 'Accept-Encoding';
    if (encoding) headers['content-encoding'] = encoding.name;
    const body = encoding ? asset.encoded.get(encoding.name)! : asset.identity;
    return c.body(body, 200, headers);
  };
}

/** A strong validator from the content: the same build gives the same ETag on every instance. */
const etagOf = (html: string) => `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`;

/** If-None-Match (RFC 9110 §13.1.2) compares weakly: `W/"x"` matches `"x"`, `*` matches anything. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

/** Serves the built client; any other page path gets index.html (client-side routing). */
export function serveClient(app: OpenAPIHono<AppEnv>, clientDir: string): void {
  app.get('/assets/*', assets(clientDir));
  app.get('*', (c) => {
    const index = join(clientDir, 'index.html');
    if (!existsSync(index)) {
      return c.text('The web client is not built yet. Run `npm run build` (npm start does it for you).', 503);
    }
    // Read on every request: a rebuild names new assets, and the file is under a kilobyte.
    const html = readFileSync(index, 'utf8');
    const etag = etagOf(html);
    c.header('etag', etag);
    c.header('cache-control', revalidate);
    if (matches(c.req.header('if-none-match'), etag)) return c.body(null, 304);
    return c.html(html);
  });
}
