/**
 * axe-core (Deque's accessibility engine) in a page of the browser tests: WCAG 2.1 A and AA
 * rules only, the level hospitals procure against (Section 508, EN 301 549). axe finds what
 * a machine can tell (names, labels, contrast, roles, lang); a keyboard test and a person
 * find the rest (docs/console.md, "Accessibility").
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

const WCAG_21_AA: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  resultTypes: ['violations'],
};

// The callback given to page.evaluate runs in the browser; this file has no DOM lib.
declare const axe: { run(context: unknown, options: RunOptions): Promise<AxeResults> };
declare const document: unknown;

/**
 * The page's WCAG 2.1 A/AA violations, one line each: rule id, impact, the CSS selector of
 * the element, and axe's first finding there (a contrast says its ratio and colours), or the
 * rule's summary. Empty when there are none. The script is
 * evaluated through the DevTools protocol, which the service's CSP (no inline script) does
 * not govern, so it tests the page under the CSP it is served with. It is evaluated once a
 * document (about 0.6 s of CPU for its 550 KB): a page checked in several states keeps it
 * until it navigates, and axe.run reads the document afresh each time.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (await page.evaluate<boolean>("typeof axe === 'undefined'")) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate((options) => axe.run(document, options), WCAG_21_AA);
  return results.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} (${violation.impact ?? 'no impact'}) at ${node.target.join(' > ')}: ${
          [...node.any, ...node.all, ...node.none][0]?.message ?? violation.help
        }`,
    ),
  );
}
