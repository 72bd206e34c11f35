/**
 * Issue #18: the team keeps a reason for every dependency. docs/dependencies.md must name
 * each package of package.json (in backquotes, as `name`), so a new one cannot arrive
 * without its row; `@types/*` packages are covered by their one row.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';

const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const page = readFileSync(join(PROJECT_ROOT, 'docs', 'dependencies.md'), 'utf8');

describe('docs/dependencies.md', () => {
  it('says why for every dependency in package.json', () => {
    const packages = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
    const unexplained = packages.filter(
      (name) => !name.startsWith('@types/') && !page.includes(`\`${name}\``),
    );
    expect(unexplained).toEqual([]);
  });
});
