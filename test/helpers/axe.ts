import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** axe-core's own script, read once; injected into each page under test. */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** What axe found wrong, in one line per element: rule, impact, where, what it says. */
export interface AxeFinding {
  rule: string;
  impact: string;
  target: string;
  summary: string;
}

/** The impacts a page must not have (issue 17: "failing on any violation of impact serious or critical"). */
const blockingImpacts = new Set(['serious', 'critical']);
/** Milder rules that the issue named all the same: content outside landmarks (the skip link was). */
const blockingRules = new Set(['region']);

/**
 * Runs axe-core on the page as it is now (open shadow roots included) against WCAG 2.1 A/AA
 * (KWCAG 2.2 builds on it) and axe's best practices, with label-content-name-mismatch
 * (WCAG 2.5.3, off by default as "experimental") switched on. Answers the serious and critical findings, and those of the rules named above.
 */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
  const present = await page.evaluate(() => 'axe' in window);
  if (!present) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    interface AxeViolation {
      id: string;
      impact: string | null;
      nodes: { target: unknown[]; failureSummary?: string; impact?: string | null }[];
    }
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      rules: { 'label-content-name-mismatch': { enabled: true } },
      resultTypes: ['violations'],
    });
    return result.violations.flatMap((v) =>
      v.nodes.map((n) => ({
        rule: v.id,
        impact: n.impact ?? v.impact ?? 'unknown',
        target: JSON.stringify(n.target),
        summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300),
      })),
    );
  });
  return violations.filter((f) => blockingImpacts.has(f.impact) || blockingRules.has(f.rule));
}
