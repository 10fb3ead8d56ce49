/**
 * Folders that import each other cannot be changed (or understood) one at a time. These
 * tests read the import graph between folders (`server/<domain>`, `client/<area>`,
 * `shared/<part>`) and hold the line: there is none, not even through a type import, and the
 * rules that keep it so (who may import whom) are named below.
 */
import { describe, expect, it } from 'vitest';
import { cycles, folderGraph, importsOf, sourceFiles } from '../../helpers/source-graph';

/**
 * Edges inside cycles, type imports included, each as "from → to (file → file)". The store is
 * left out: it implements every domain's store interface and its `Tx` names them all, by design,
 * so every domain that has a store would count again.
 */
function cycleEdges(top: string): string[] {
  const graph = folderGraph(sourceFiles([top]).filter((f) => !f.startsWith('server/store/')));
  for (const edges of graph.values()) edges.delete('server/store/');
  return cycles(graph).flatMap((group) =>
    group.flatMap((from) => [...(graph.get(from) ?? [])].filter(([to]) => group.includes(to)).map(([to, why]) => `${from} → ${to} (${why})`)),
  );
}

describe('folder cycles', () => {
  // Not even for a type: a type in the wrong folder is how a cycle starts. When one side needs
  // the other's concept, the concept moves to the folder that owns it, or the side that needs it
  // declares what it reads (as http/ declares `Authenticator` and `SessionRef`, which auth answers).
  it.each(['server', 'shared', 'client'])('%s: no two folders need each other, not even for a type', (top) => {
    expect(cycleEdges(top)).toEqual([]);
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
});
