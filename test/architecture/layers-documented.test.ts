/**
 * The layers eslint.layers.js enforces are the ones docs/architecture.md draws and tables, and
 * docs/contributing.md's folder map names every folder of src/: a newcomer reads the docs, not
 * the lint configuration, and a folder missing there (src/backtest/ was) is a layer unseen.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';

// A plain JavaScript module without types, loaded by its URL so tsc does not ask for them.
const layersModule = new URL('../../eslint.layers.js', import.meta.url).href;
const { LAYERS } = (await import(layersModule)) as { LAYERS: string[][] };

const architecture = readFileSync(join(PROJECT_ROOT, 'docs/architecture.md'), 'utf8');
const contributing = readFileSync(join(PROJECT_ROOT, 'docs/contributing.md'), 'utf8');

/** `src/http` → `http/`, `src/errors.ts` → `errors.ts`: as the docs name a place. */
function docName(place: string): string {
  const name = place.slice('src/'.length);
  return name.endsWith('.ts') ? name : `${name}/`;
}

/** The text between a line starting with `start` and the next line starting with `end`. */
function section(text: string, start: string, end: string): string {
  const from = text.indexOf(`\n${start}`);
  const to = text.indexOf(`\n${end}`, from + 1);
  return text.slice(from, to);
}

const places = LAYERS.flat().map(docName);
const diagram = section(architecture, '```mermaid', '```\n');
const layerTable = section(architecture, '## The layers, top down', '## ');

describe('the documented layers', () => {
  it('place every file and folder of src/ in a layer', () => {
    const entries = readdirSync(join(PROJECT_ROOT, 'src'), { withFileTypes: true }).map((entry) =>
      entry.isDirectory() ? `${entry.name}/` : entry.name,
    );
    expect(entries.filter((entry) => !places.includes(entry))).toEqual([]);
  });

  for (const place of places) {
    it(`draw and table ${place} as eslint.layers.js places it`, () => {
      expect(diagram).toContain(place);
      expect(layerTable).toContain(`\`${place}\``);
    });
  }

  it("name every folder of src/ in contributing.md's folder map", () => {
    const folders = places.filter((place) => place.endsWith('/'));
    const map = section(contributing, '## 1. Where things are', '## 2.');
    expect(folders.filter((folder) => !map.includes(`\`src/${folder}\``))).toEqual([]);
  });
});
