import { describe, expect, it } from 'vitest';
import { originAllowed } from '../../../server/http/origin';

// Origin header → allowed for an http server at forum.test:8080 (no PUBLIC_ORIGIN)?
const own: [string | undefined, boolean][] = [
  ['http://forum.test:8080', true],
  ['http://forum.test:8080/', true],
  ['https://forum.test:8080', false], // another scheme is another origin
  ['http://forum.test:8081', false],
  ['http://forum.test', false],
  ['http://a@forum.test:8080', false], // userinfo: not an origin
  ['http://a:b@forum.test:8080', false],
  ['http://forum.test:8080/path', false],
  ['http://forum.test:8080.evil.test', false],
  ['http://evil.test', false],
  ['null', false],
  ['', false],
  [undefined, false],
];

describe('Origin is compared in scheme, host and port, exactly', () => {
  for (const [origin, allowed] of own) {
    it(`${String(origin)} → ${allowed ? 'allowed' : 'refused'}`, () => {
      expect(originAllowed(origin, 'forum.test:8080', undefined, 'http:')).toBe(allowed);
    });
  }

  it('with PUBLIC_ORIGIN: that origin exactly, and not its other scheme, port or userinfo', () => {
    const pub = 'https://forum.example.kr';
    expect(originAllowed('https://forum.example.kr', 'internal:3000', pub)).toBe(true);
    // Browsers never write the default port: an Origin that does is not a serialized origin.
    expect(originAllowed('https://forum.example.kr:443', 'internal:3000', pub)).toBe(false);
    expect(originAllowed('http://forum.example.kr', 'internal:3000', pub)).toBe(false);
    expect(originAllowed('https://x@forum.example.kr', 'internal:3000', pub)).toBe(false);
    expect(originAllowed('https://forum.example.kr:8443', 'internal:3000', pub)).toBe(false);
  });

  it('an https server takes its own https origin only', () => {
    expect(originAllowed('https://forum.test', 'forum.test', undefined, 'https:')).toBe(true);
    expect(originAllowed('http://forum.test', 'forum.test', undefined, 'https:')).toBe(false);
  });
});
