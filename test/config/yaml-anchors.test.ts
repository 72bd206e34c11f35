/**
 * YAML anchors (`&name`) and aliases (`*name`) in a file a site writes are refused where they
 * are (docs/configuring.md §1): an alias repeats settings out of sight, so that a change under
 * one rule or template changes another that the change record's diff does not show. Positions
 * are counted off the texts below by hand.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PATHS } from '../../src/config/project-paths.js';
import { configProblems } from './config-problems.js';
import { removeScratch, scratch } from '../backtest/run-cli.js';

afterAll(removeScratch);

const REFUSED =
  'YAML anchors and aliases are not accepted here; write the settings out under each key, so that a change under one is not a change under another that the change record does not show';

describe('a YAML anchor and alias', () => {
  it('are refused in the config file, each where it is, with the other problems', () => {
    const file = join(scratch('emd-cds-anchors-'), 'site.yaml');
    writeFileSync(
      file,
      [
        'rules:',
        '  emd-paraskeletal: &off',
        '    enabled: false',
        '  emd-unclassified: *off',
        'phase:',
        '  windowDays: 1.5',
        '',
      ].join('\n'),
    );
    const problems = configProblems(file);
    expect(problems.slice(0, 2)).toEqual([
      `${file}:2:3 the anchor &off: ${REFUSED}`,
      `${file}:4:21 the alias *off: ${REFUSED}`,
    ]);
    // The alias would have switched emd-unclassified off without its acknowledgement being read.
    expect(problems).toContain(`${file}:6:15 phase.windowDays: a whole number of days (not 1.5)`);
  });

  it('are refused in a wording file', () => {
    const dir = scratch('emd-cds-anchors-wording-');
    cpSync(PATHS.wording, join(dir, 'wording'), { recursive: true });
    const en = join(dir, 'wording', 'en.yaml');
    const text = readFileSync(en, 'utf8');
    const lines = text.split('\n').length;
    writeFileSync(en, `${text}x-shared: &shared 'text'\nx-again: *shared\n`);
    writeFileSync(join(dir, 'site.yaml'), 'wording:\n  dir: wording\n');
    const problems = configProblems(join(dir, 'site.yaml'));
    expect(problems).toContain(`${en}:${String(lines)}:1 the anchor &shared: ${REFUSED}`);
  });
});
