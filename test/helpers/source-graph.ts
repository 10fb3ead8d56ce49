/**
 * The project's own sources, read as TypeScript syntax: what the architecture tests
 * (test/unit/architecture/) check about imports and vocabulary.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import ts from 'typescript';

export const root = join(import.meta.dirname, '../..');

/** Every tracked .ts file under the given top folders, as repository paths. */
export function sourceFiles(tops: readonly string[] = ['client', 'server', 'shared']): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', ...tops.map((t) => `${t}/*.ts`)], { cwd: root, encoding: 'utf8' });
  return out.split('\n').filter((f) => f.endsWith('.ts') && existsSync(join(root, f)));
}

export function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
}

/** The repository paths a file imports or re-exports (relative specifiers only; packages are not ours). */
export function importsOf(file: string, { typesToo = true } = {}): string[] {
  const found: string[] = [];
  for (const statement of parse(file).statements) {
    const spec = (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier;
    if (!spec || !ts.isStringLiteral(spec) || !spec.text.startsWith('.')) continue;
    if (!typesToo && typeOnly(statement as ts.ImportDeclaration | ts.ExportDeclaration)) continue;
    const resolved = resolve(file, spec.text);
    if (resolved) found.push(resolved);
  }
  return found;
}

/** `import type {…}`, or `import { type a, type b }` (erased when compiled); `import './x'` runs x. */
function typeOnly(statement: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(statement)) return statement.isTypeOnly;
  const clause = statement.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return !clause.name && !!named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
}

function resolve(from: string, spec: string): string | null {
  const base = normalize(join(dirname(from), spec)).replace(/\.js$/, '');
  for (const candidate of [`${base}.ts`, `${base}/index.ts`, base]) {
    if (candidate.endsWith('.ts') && existsSync(join(root, candidate))) return candidate;
  }
  return null;
}

/**
 * The folder a file belongs to for the layering rules: `server/<domain>`, `client/<area>`,
 * `shared/<part>`; a file directly under a top folder is a part of its own.
 */
export function folderOf(file: string): string {
  const [top, second, ...rest] = file.split('/');
  return rest.length === 0 ? `${top}/${second}` : `${top}/${second}/`;
}

/** The folder graph: for each folder, the folders its files import, with one file pair as evidence. */
export function folderGraph(files: readonly string[], options: { typesToo?: boolean } = {}): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of files) {
    const from = folderOf(file);
    const edges = graph.get(from) ?? graph.set(from, new Map()).get(from)!;
    for (const target of importsOf(file, options)) {
      const to = folderOf(target);
      if (to !== from && !edges.has(to)) edges.set(to, `${file} → ${target}`);
    }
  }
  return graph;
}

/** The strongly connected groups of more than one folder (Tarjan): each is a cycle. */
export function cycles(graph: Map<string, Map<string, string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    for (let w = stack.pop()!; ; w = stack.pop()!) {
      onStack.delete(w);
      group.push(w);
      if (w === v) break;
    }
    if (group.length > 1) groups.push(group.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return groups;
}
