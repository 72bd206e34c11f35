/**
 * Issue #18: the long reference tables in docs/ (environment variables, 401 reason codes) are
 * generated from the code by `npm run docs-tables`; a committed page whose table differs from
 * what the code gives now fails here, naming the command that fixes it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import { generatedPages, renderPage } from '../../scripts/docs-tables/render.js';

describe('tables generated from the code', () => {
  it('lives in the pages the docs map names', () => {
    expect(generatedPages()).toEqual(['docs/configuring.md', 'docs/integrating.md']);
  });

  // Prettier formats the page as `npm run lint` does; loading it on a busy machine can take
  // longer than vitest's default 5 s, so this test has a wider limit (not a speed check).
  for (const page of generatedPages()) {
    it(
      `${page} holds the tables the code gives now (else run npm run docs-tables)`,
      { timeout: 60_000 },
      async () => {
        const committed = readFileSync(join(PROJECT_ROOT, page), 'utf8');
        expect(
          committed === (await renderPage(page)),
          `${page} is out of date: npm run docs-tables`,
        ).toBe(true);
      },
    );
  }
});
