/**
 * Folders that import each other cannot be changed (or understood) one at a time. These
 * tests read the import graph between folders (`server/<domain>`, `client/<area>`,
 * `shared/<part>`) and hold the line: the cycles broken stay broken, and the ones left
 * (counted below) do not grow. Lower a count when you break a cycle.
 */
import { describe, expect, it } from 'vitest';
import { cycles, folderGraph, importsOf, sourceFiles } from '../../helpers/source-graph';

/**
 * Edges inside cycles, each as "from → to (file → file)". The store is left out: it implements
 * every domain's store interface and its `Tx` names them all, by design, so every domain that
 * has a store would count again.
 */
function cycleEdges(top: string, typesToo: boolean): string[] {
  const graph = folderGraph(sourceFiles([top]).filter((f) => !f.startsWith('server/store/')), { typesToo });
  for (const edges of graph.values()) edges.delete('server/store/');
  return cycles(graph).flatMap((group) =>
    group.flatMap((from) => [...(graph.get(from) ?? [])].filter(([to]) => group.includes(to)).map(([to, why]) => `${from} → ${to} (${why})`)),
  );
}

describe('folder cycles', () => {
  it('server: no two folders need each other at run time', () => {
    expect(cycleEdges('server', false)).toEqual([]);
  });

  it('shared: no two parts need each other at run time', () => {
    expect(cycleEdges('shared', false)).toEqual([]);
  });

  it('no server domain imports another domain’s routes (unwrap lives in server/http)', () => {
    const offenders = sourceFiles(['server']).flatMap((file) =>
      importsOf(file)
        .filter((target) => /^server\/[^/]+\/routes\.ts$/.test(target) && target.split('/')[1] !== file.split('/')[1] && !file.startsWith('server/wiring/'))
        .map((target) => `${file} → ${target}`),
    );
    expect(offenders).toEqual([]);
  });

  it('client/realtime stands on shared/ alone (the live-connection context lives there, presence uses it)', () => {
    const outside = sourceFiles(['client/realtime']).flatMap((file) =>
      importsOf(file)
        .filter((target) => !target.startsWith('client/realtime/') && !target.startsWith('shared/'))
        .map((target) => `${file} → ${target}`),
    );
    expect(outside).toEqual([]);
  });

  it('client: no two folders need each other, not even for a type', () => {
    expect(cycleEdges('client', true)).toEqual([]);
  });

  // One i18n rule: every word the client shows lives in client/i18n (a folder per larger part,
  // e.g. i18n/meetings/), and the domains only read it. So i18n never imports a domain.
  it('client/i18n holds all the words and stands on shared/ (and the route names) alone', () => {
    const outside = sourceFiles(['client/i18n']).flatMap((file) =>
      importsOf(file)
        .filter((target) => !target.startsWith('client/i18n/') && !target.startsWith('shared/') && target !== 'client/router/routes.ts')
        .map((target) => `${file} → ${target}`),
    );
    expect(outside).toEqual([]);
    const wordsElsewhere = sourceFiles(['client']).filter((file) => !file.startsWith('client/i18n/') && /\/i18n\//.test(file));
    expect(wordsElsewhere).toEqual([]);
  });

  // What is left, counted (edges inside cycles, type imports included): on the server, mostly
  // http ↔ auth ↔ limits and the audit log's titles read from the domains' stores.
  it.each([
    ['server', true, 74],
    ['shared', true, 2],
  ] as const)('%s (types too): the cycles left do not grow', (top, typesToo, most) => {
    const edges = cycleEdges(top, typesToo);
    expect(edges.length, edges.join('\n')).toBeLessThanOrEqual(most);
  });
});
