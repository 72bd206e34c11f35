/**
 * Issue #18: every section moved out of the README stays findable, so every relative link in
 * README.md and docs/*.md must name a file of the repository that exists and, when it names
 * a heading (`page.md#anchor`), a heading of that page. A link out of the repository (the
 * team's ../shared/ beside this checkout) is broken for a checkout anywhere else.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import { headingAnchors, linkTargets } from './markdown-links.js';

const pages = [
  'README.md',
  ...readdirSync(join(PROJECT_ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
  // The other pages a reader lands on: the hook's definition, the example patients' stories and
  // the maps of src/rules/, src/config/, src/cds/ and src/fhir/.
  'cds-hooks/hooks/org.emd-cds.imagingstudy-review.md',
  'fhir-resources/examples/README.md',
  'src/rules/README.md',
  'src/config/README.md',
  'src/cds/README.md',
  'src/fhir/README.md',
];

/** A link leaving the page for another site, or for a file outside this repository. */
function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target);
}

function brokenLinks(page: string): string[] {
  const text = readFileSync(join(PROJECT_ROOT, page), 'utf8');
  const broken: string[] = [];
  for (const target of linkTargets(text)) {
    if (isExternal(target)) continue;
    const [pathPart = '', anchor] = target.split('#', 2);
    const file =
      pathPart === ''
        ? join(PROJECT_ROOT, page)
        : resolve(dirname(join(PROJECT_ROOT, page)), decodeURI(pathPart));
    // A checkout anywhere else has nothing beside it (the team's ../shared/ is only here).
    if (relative(PROJECT_ROOT, file).startsWith('..')) {
      broken.push(`${target}: outside the repository`);
      continue;
    }
    if (!existsSync(file)) {
      broken.push(`${target}: no such file`);
      continue;
    }
    if (anchor && file.endsWith('.md') && existsSync(file) && statSync(file).isFile()) {
      if (!headingAnchors(readFileSync(file, 'utf8')).has(anchor))
        broken.push(`${target}: no such heading`);
    }
  }
  return broken;
}

describe('links in the README and docs/', () => {
  it('reads links and anchors as GitHub does', () => {
    const page =
      '# 4. Settings\n\n## `AUTH_ISSUERS_FILE` (the file)\n\n## Notes\n\n## Notes\n\n```\n# not a heading [x](nowhere.md)\n```\n\nSee [a](b.md#c) and `[d](e.md)`.\n';
    expect([...headingAnchors(page)]).toEqual([
      '4-settings',
      'auth_issuers_file-the-file',
      'notes',
      'notes-1',
    ]);
    expect(linkTargets(page)).toEqual(['b.md#c']);
  });

  for (const page of pages) {
    it(`${page}: every relative link names an existing file and heading`, () => {
      expect(brokenLinks(page)).toEqual([]);
    });
  }
});
