/**
 * What an analyst is told after "Unrecognized key": the key they most likely meant, else the
 * keys the map takes. The known keys are typed from docs/configuring.md and the rules page's
 * rule ids, not read from the schema here.
 */
import { describe, expect, it } from 'vitest';
import { nearestKey } from '../../src/config/key-suggestion.js';
import { configProblems } from './config-problems.js';
import { RULE_IDS } from '../clinical/table-rows.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RULE_SETTINGS = [
  'enabled',
  'mode',
  'indicator',
  'acknowledgement',
  'suppressAfterOverrideDays',
  'suppressCritical',
];

describe('the key a misspelt key most likely meant', () => {
  it.each([
    ['emd-softtissue', RULE_IDS, 'emd-soft-tissue'],
    ['emd_soft_tissue', RULE_IDS, 'emd-soft-tissue'],
    ['EMD-CNS', RULE_IDS, 'emd-cns'],
    ['emd-leptomeningal', RULE_IDS, 'emd-leptomeningeal'],
    ['enabeld', RULE_SETTINGS, 'enabled'],
    ['Mode', RULE_SETTINGS, 'mode'],
    ['suppressAfterOverride', RULE_SETTINGS, 'suppressAfterOverrideDays'],
  ])('%s → %s', (key, known, meant) => {
    expect(nearestKey(key, known)).toBe(meant);
  });

  it.each([
    // Nothing near enough: a guess would mislead.
    ['colour', RULE_SETTINGS],
    // Two keys as near as each other: no guess.
    ['emd-cnx', ['emd-cns', 'emd-cnt']],
    // Too short a start to name one key.
    ['sup', RULE_SETTINGS],
  ])('%s → no guess', (key, known) => {
    expect(nearestKey(key, known)).toBeUndefined();
  });
});

describe('validate on a config file with misspelt keys', () => {
  it('names the meant key, or the keys the map takes when none is near', () => {
    const dir = mkdtempSync(join(tmpdir(), 'key-hint-'));
    const file = join(dir, 'site.yaml');
    writeFileSync(file, 'rules:\n  emd-softtissue:\n    enabled: false\nimaging:\n  days: 90\n');
    expect(configProblems(file)).toEqual([
      `${file}:2:3 rules.emd-softtissue: Unrecognized key: "emd-softtissue"; did you mean "emd-soft-tissue"?`,
      `${file}:5:3 imaging.days: Unrecognized key: "days"; this map takes: lookbackDays`,
      '(more checks follow once these are fixed: the value set and wording files and the value set roles)',
    ]);
  });
});
