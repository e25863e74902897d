/**
 * axe-core in a real page. The script is read from node_modules and evaluated through the
 * DevTools protocol, which the page's Content-Security-Policy does not govern, so the CSP stays
 * exactly as served (no bypassCSP) and is tested along with the page.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** WCAG 2.0, 2.1 and 2.2 A/AA, plus axe's best practices. */
export const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

let axeSource: string | undefined;

function loadAxe(): string {
  axeSource ??= fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

export type AxeViolation = {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
};

/** Runs axe over the whole document; the page must be able to run timers while it does. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const present = await page.evaluate(() => typeof (window as { axe?: unknown }).axe === 'object');
  if (!present) await page.evaluate(loadAxe());
  return page.evaluate(async (tags) => {
    type Axe = { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> };
    const axe = (window as unknown as { axe: Axe }).axe;
    const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    // Only plain data crosses back to Node.
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      helpUrl: violation.helpUrl,
      nodes: violation.nodes.map((node) => ({ target: node.target, failureSummary: node.failureSummary })),
    }));
  }, axeTags);
}

/** One readable paragraph per violation: rule, help, where, and what to fix. */
export function describeViolations(pageLabel: string, violations: AxeViolation[]): string {
  const lines = [`axe-core found ${violations.length} accessibility violation(s) on ${pageLabel}:`];
  for (const violation of violations) {
    lines.push(`- ${violation.id} [${violation.impact ?? 'unknown impact'}]: ${violation.help} (${violation.helpUrl})`);
    for (const node of violation.nodes) {
      lines.push(`    at ${JSON.stringify(node.target)}`);
      if (node.failureSummary) lines.push(`      ${node.failureSummary.replace(/\n/g, '\n      ')}`);
    }
  }
  return lines.join('\n');
}
