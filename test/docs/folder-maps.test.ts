/**
 * The maps a newcomer reads first: each folder listed here has a README.md that names every
 * file of the folder once, and none that is gone. A subfolder's files are named with their path
 * from the folder (`cards/build-card.ts`), unless the subfolder is listed here itself, with a
 * map of its own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';

/** The folders with a map, from the repository's root. */
const MAPPED_FOLDERS = ['src/rules', 'src/config', 'src/cds', 'src/fhir'];

/** The `.ts` files under `folder`, by their path from it, but those of a folder mapped apart. */
function filesUnder(folder: string, within = ''): string[] {
  const entries = readdirSync(join(PROJECT_ROOT, folder, within), { withFileTypes: true });
  return entries.flatMap((entry) => {
    const path = within === '' ? entry.name : `${within}/${entry.name}`;
    if (entry.isDirectory())
      return MAPPED_FOLDERS.includes(`${folder}/${path}`) ? [] : filesUnder(folder, path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every `name.ts` or `sub/name.ts` a map writes as inline code, as often as it writes it. */
function namedIn(map: string): string[] {
  return [...map.matchAll(/`((?:[a-z0-9-]+\/)*[a-z0-9-]+\.ts)`/g)].map((match) => match[1] ?? '');
}

describe.each(MAPPED_FOLDERS)('the map of %s/ (its README.md)', (folder) => {
  const files = filesUnder(folder);
  const named = namedIn(readFileSync(join(PROJECT_ROOT, folder, 'README.md'), 'utf8'));

  it('names every file of the folder', () => {
    expect(files.filter((file) => !named.includes(file))).toEqual([]);
  });

  it('names each file once, so each has one place', () => {
    expect(named.filter((file, index) => named.indexOf(file) !== index)).toEqual([]);
  });

  it('names no file the folder does not hold', () => {
    expect(named.filter((file) => !files.includes(file))).toEqual([]);
  });
});
