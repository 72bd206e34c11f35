/**
 * src/rules/README.md is the map of a folder of a hundred files, grouped by the rules page's
 * sections: a newcomer reads it first, so it must name every file there once, and none that
 * is gone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';

const folder = join(PROJECT_ROOT, 'src', 'rules');
const files = readdirSync(folder).filter((name) => name.endsWith('.ts'));
const map = readFileSync(join(folder, 'README.md'), 'utf8');
/** Every `name.ts` the map writes as inline code, as often as it writes it. */
const named = [...map.matchAll(/`([a-z0-9-]+\.ts)`/g)].map((match) => match[1] ?? '');

describe('the map of src/rules/ (src/rules/README.md)', () => {
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
