import { describe, expect, it } from 'vitest';
import { parseRoute, routePath } from '../../../client/router/routes';

describe('parseRoute', () => {
  it.each([
    ['/', { page: 'home' }],
    ['/proposals/talent-bank', { page: 'proposal', id: 'talent-bank' }],
    ['/meetings/m1', { page: 'meeting', id: 'm1', view: 'room' }],
    ['/invite/a%20b', { page: 'invite', token: 'a b' }],
    ['/strategy', { page: 'strategy' }],
    ['/nowhere', { page: 'notFound' }],
  ] as const)('reads %s', (path, route) => {
    expect(parseRoute(path)).toEqual(route);
  });

  it.each(['/proposals/%E0%A4%A', '/invite/%', '/meetings/%ZZ'])('answers a malformed percent-encoding (%s) with the not-found page instead of throwing', (path) => {
    expect(parseRoute(path)).toEqual({ page: 'notFound' });
  });

  it('reads back what routePath writes', () => {
    for (const route of [{ page: 'invite', token: '토큰 1/2' }, { page: 'proposal', id: 'p1' }] as const) expect(parseRoute(routePath(route))).toEqual(route);
  });
});
