/**
 * Day thresholds as an analyst gets them wrong: quoted, with a unit, a fraction, 0 where 0
 * makes no window, or far from the rules page's value (§3.2: the diagnosis window, 90 days;
 * §3.4: the imaging lookback, 180 days). The type mistakes are refused in words that say what
 * to write; a value other than the page's loads, with a warning naming the page's value.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { parseConfigText, readConfigFile } from '../../src/config/config-file.js';
import { configWarnings, settingsWarnings } from '../../src/config/config-warnings.js';
import { buildSettings } from '../../src/config/load-settings.js';

function problemsOf(text: string): readonly string[] {
  try {
    parseConfigText(text, 'site.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('a day threshold of the wrong type', () => {
  const cases: [string, string][] = [
    [
      "imaging: {lookbackDays: '365'}\n",
      'site.yaml:1:25 imaging.lookbackDays: a whole number of days, without quotes (not the text "365")',
    ],
    [
      'imaging:\n  lookbackDays: 365d\n',
      'site.yaml:2:17 imaging.lookbackDays: a whole number of days, digits only (not the text "365d")',
    ],
    [
      'imaging:\n  lookbackDays: 90.5\n',
      'site.yaml:2:17 imaging.lookbackDays: a whole number of days (not 90.5)',
    ],
    ['phase:\n  windowDays: 0\n', 'site.yaml:2:15 phase.windowDays: at least 1 day (not 0)'],
    ['phase:\n  windowDays: -30\n', 'site.yaml:2:15 phase.windowDays: at least 1 day (not -30)'],
    [
      'rules:\n  emd-soft-tissue:\n    suppressAfterOverrideDays: "30"\n',
      'site.yaml:3:32 rules.emd-soft-tissue.suppressAfterOverrideDays: a whole number of days, without quotes (not the text "30")',
    ],
  ];
  for (const [text, said] of cases)
    it(`refuses ${JSON.stringify(text)}`, () => {
      expect(problemsOf(text)).toEqual([said]);
    });
});

describe('a day threshold other than the rules page’s', () => {
  it('warns, naming the page’s value and what changes for the clinician', () => {
    const config = parseConfigText(
      'phase:\n  windowDays: 3650\nimaging:\n  lookbackDays: 90\n',
      'site.yaml',
    );
    expect(configWarnings(config)).toEqual([
      "phase.windowDays is 3650 days, the rules page's is 90 (§3.2): findings that long after the myeloma onset are read as at diagnosis, and cards show the sites typical at diagnosis",
      "imaging.lookbackDays is 90 days, the rules page's is 180 (§3.4): imaging that recent does not count, and the cards suggest a PET/CT or MRI again",
    ]);
  });

  it('says it at its line of the config file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'emd-cds-days-'));
    const file = join(dir, 'site.yaml');
    writeFileSync(file, 'phase:\n  windowDays: 30\n');
    const config = readConfigFile(file);
    expect(settingsWarnings(config, buildSettings(config, { file }))).toEqual([
      `${file}:2:15 phase.windowDays is 30 days, the rules page's is 90 (§3.2): findings that near the myeloma onset may be read as of unknown phase, and cards show both site lists`,
    ]);
  });

  it('stays quiet for the page’s values', () => {
    const config = parseConfigText(
      'phase:\n  windowDays: 90\nimaging:\n  lookbackDays: 180\n',
      'site.yaml',
    );
    expect(configWarnings(config)).toEqual([]);
  });
});
