import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** A content coding the build writes beside each compressible file, best first. */
export interface Precompressed {
  /** The Accept-Encoding / Content-Encoding token. */
  name: 'br' | 'gzip';
  /** The file beside the original: `index-abc.js.br`. */
  suffix: string;
  compress(bytes: Buffer): Promise<Buffer>;
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export const precompressed: readonly Precompressed[] = [
  {
    name: 'br',
    suffix: '.br',
    // Quality 11 is slow but runs once per build; the browser pays only for the bytes.
    compress: (bytes) => brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
  },
  { name: 'gzip', suffix: '.gz', compress: (bytes) => gzipAsync(bytes, { level: 9 }) },
];

/** Text files worth compressing; images and fonts are compressed already. Source maps are never served. */
export const compressible = /\.(js|mjs|css|html|svg|json|txt)$/;

/** Below this size the headers cost more than compression saves: such files travel as they are. */
export const minimumBytes = 1024;

/** Writes `.br` and `.gz` beside every compressible file in `dir` (one level: Vite's assets folder). */
export async function precompressDir(dir: string): Promise<number> {
  const names = (await readdir(dir)).filter((name) => compressible.test(name));
  let written = 0;
  await Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(join(dir, name));
      if (bytes.length < minimumBytes) return;
      for (const encoding of precompressed) {
        const packed = await encoding.compress(bytes);
        if (packed.length >= bytes.length) continue;
        await writeFile(join(dir, name + encoding.suffix), packed);
        written += 1;
      }
    }),
  );
  return written;
}

/**
 * The best coding the client accepts among those available (RFC 9110 §12.5.3): the
 * highest q-value wins, ties go to the order of `precompressed` (brotli first); `*`
 * stands for any coding not named; q=0 refuses. Null means send the file as it is.
 */
export function negotiate(acceptEncoding: string | undefined, available: readonly Precompressed[]): Precompressed | null {
  if (!acceptEncoding) return null;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';');
    if (!token) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(token, Number.isFinite(weight) ? weight : 0);
  }
  let best: Precompressed | null = null;
  let bestWeight = 0;
  for (const encoding of available) {
    const weight = weights.get(encoding.name) ?? weights.get('*') ?? 0;
    if (weight > bestWeight) {
      best = encoding;
      bestWeight = weight;
    }
  }
  return best;
}
