import { describe, expect, it } from 'vitest';
import { negotiate, precompressed } from '../../../server/http/encodings';

const gzipOnly = precompressed.filter((e) => e.name === 'gzip');

describe('Accept-Encoding negotiation', () => {
  it.each([
    [undefined, 'none'],
    ['', 'none'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['BR', 'br'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=1, br;q=0.5', 'gzip'],
    ['br;q=0.8, gzip;q=0.8', 'br'],
    ['gzip; q=0.2, br; q=0.9', 'br'],
    ['*', 'br'],
    ['gzip;q=0.5, *;q=0.1', 'gzip'],
    ['*;q=0', 'none'],
    ['identity', 'none'],
    ['br;q=0, gzip;q=0', 'none'],
    ['gzip;q=nonsense', 'none'],
  ])('%j gets %s', (header, expected) => {
    expect(negotiate(header, precompressed)?.name ?? 'none').toBe(expected);
  });

  it('offers only what the build wrote', () => {
    expect(negotiate('br', gzipOnly)).toBeNull();
    expect(negotiate('br, gzip', gzipOnly)?.name).toBe('gzip');
  });
});
