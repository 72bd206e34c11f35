/**
 * `validate`, a start and a reload list a refused configuration's problems as a site reads its
 * files: by file (in the order the checks first name each), then line, then column, whatever
 * order the checks found them in (zod reports by schema key, not by place in the file).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { readConfigFile } from '../../src/config/config-file.js';
import { removeScratch, scratch } from '../backtest/run-cli.js';

afterAll(removeScratch);

describe('the problems of a refused configuration', () => {
  it('are listed in line order for a config file whose keys are out of schema order', () => {
    const file = join(scratch('emd-cds-problem-order-'), 'site.yaml');
    writeFileSync(
      file,
      [
        'rules:',
        '  emd-cns:',
        '    indicator: loud',
        'links:',
        '  trials: ftp://x',
        'service:',
        '  port: -1',
        'phase:',
        '  windowDays: -3',
        'rulez: 1',
        '',
      ].join('\n'),
    );
    let problems: readonly string[] = [];
    try {
      readConfigFile(file);
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems.map((problem) => problem.split(' ')[0])).toEqual([
      `${file}:3:16`,
      `${file}:5:11`,
      `${file}:7:9`,
      `${file}:9:15`,
      `${file}:10:1`,
    ]);
  });

  it('are grouped by file, a problem with no position first in its file, equal places kept in order', () => {
    const error = new ConfigError([
      'site.yaml:12:3 rules.emd-cns: b',
      'value-sets/x.json:4:9 compose: c',
      'site.yaml:2:14 phase.windowDays: a',
      'value-sets/x.json: Unexpected end of JSON input',
      'site.yaml:12:3 rules.emd-cns: b2',
      'site.yaml:2:5 phase: a0',
      'site.yaml valueSets.roles.x: no position',
    ]);
    expect(error.problems).toEqual([
      'site.yaml valueSets.roles.x: no position',
      'site.yaml:2:5 phase: a0',
      'site.yaml:2:14 phase.windowDays: a',
      'site.yaml:12:3 rules.emd-cns: b',
      'site.yaml:12:3 rules.emd-cns: b2',
      'value-sets/x.json: Unexpected end of JSON input',
      'value-sets/x.json:4:9 compose: c',
    ]);
  });
});
