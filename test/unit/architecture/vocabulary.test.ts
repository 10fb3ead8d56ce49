/**
 * One vocabulary: an enumeration is written once, as a zod enum or an `as const` list in
 * shared/ (or its domain), and everything else derives from it (`z.infer`, `.options`,
 * `(typeof list)[number]`). A string-literal union or list elsewhere with exactly the same
 * members is a retyped copy that drifts the day a member is added.
 */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parse, sourceFiles } from '../../helpers/source-graph';

type Place = { file: string; line: number; members: string[] };

function literals(node: ts.Node): string[] | null {
  if (ts.isArrayLiteralExpression(node) && node.elements.length >= 2 && node.elements.every(ts.isStringLiteral)) {
    return node.elements.map((e) => (e as ts.StringLiteral).text);
  }
  if (ts.isUnionTypeNode(node) && node.types.length >= 2 && node.types.every((t) => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal))) {
    return node.types.map((t) => ((t as ts.LiteralTypeNode).literal as ts.StringLiteral).text);
  }
  return null;
}

/** `z.enum([...])` or `const xs = [...] as const`: where an enumeration is defined. */
function isDefinition(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isCallExpression(parent)) return /(^|\.)enum$/.test(parent.expression.getText());
  return ts.isAsExpression(parent) && parent.type.getText() === 'const' && ts.isVariableDeclaration(parent.parent);
}

function scan(): { definitions: Place[]; uses: Place[] } {
  const definitions: Place[] = [];
  const uses: Place[] = [];
  for (const file of sourceFiles()) {
    const source = parse(file);
    const visit = (node: ts.Node): void => {
      const members = literals(node);
      if (members) {
        const place = { file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, members };
        (isDefinition(node) ? definitions : uses).push(place);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { definitions, uses };
}

const key = (members: readonly string[]) => [...members].sort().join('|');

describe('one vocabulary', () => {
  const { definitions, uses } = scan();

  it('finds the enumerations it guards (the scan reads the sources)', () => {
    const defined = new Set(definitions.map((d) => key(d.members)));
    for (const known of [['yes_no_abstain', 'single', 'multiple'], ['simple_majority', 'two_thirds', 'unanimity'], ['ko', 'en']]) {
      expect(defined).toContain(key(known));
    }
  });

  it('retypes no enumeration: no union or list repeats the members of a defined one', () => {
    const defined = new Map(definitions.map((d) => [key(d.members), d]));
    const copies = uses
      .filter((u) => defined.has(key(u.members)))
      .map((u) => `${u.file}:${u.line} [${u.members.join(', ')}] repeats ${defined.get(key(u.members))!.file}:${defined.get(key(u.members))!.line}`);
    expect(copies).toEqual([]);
  });

  it('defines each enumeration once', () => {
    const byMembers = new Map<string, Place[]>();
    // SQL column lists are not vocabulary: each store dialect names its own.
    for (const d of definitions.filter((d) => !d.file.startsWith('server/store/'))) byMembers.set(key(d.members), [...(byMembers.get(key(d.members)) ?? []), d]);
    const twice = [...byMembers.values()].filter((ds) => ds.length > 1).map((ds) => ds.map((d) => `${d.file}:${d.line}`).join(' = '));
    expect(twice).toEqual([]);
  });
});
