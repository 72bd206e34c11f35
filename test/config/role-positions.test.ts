/**
 * A role of `valueSets.roles` whose value set no file defines (a typo in the url, a file left
 * out of `valueSets.files`) is named at the url in the config file, as every other problem of
 * that file is (docs/configuring.md §1), and every such role in one run, by the service's
 * loading and by `emd-cds validate` alike. The positions are counted off the file by hand.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configProblems } from './config-problems.js';
import { removeScratch, runCli, scratch } from '../backtest/run-cli.js';

const CLI_TIMEOUT_MS = 60_000;
afterAll(removeScratch);

const MINE = 'http://hospital.example.org/fhir/ValueSet/extramedullary-plasmacytoma';

/** A site whose value set defines MINE, and whose config names it with a typo, and one more. */
function site(): string {
  const dir = scratch('emd-cds-role-positions-');
  mkdirSync(join(dir, 'value-sets'));
  writeFileSync(
    join(dir, 'value-sets', 'mine.json'),
    JSON.stringify({
      resourceType: 'ValueSet',
      url: MINE,
      status: 'active',
      compose: {
        include: [{ valueSet: ['https://fhir.emd-cds.org/ValueSet/extramedullary-plasmacytoma'] }],
      },
    }),
  );
  const config = join(dir, 'site.yaml');
  writeFileSync(
    config,
    [
      'valueSets:',
      '  files: [value-sets]',
      '  roles:',
      '    extramedullaryPlasmacytoma: http://hospital.example.org/fhir/ValueSet/extramedulary-plasmacytoma',
      '    cnsInvolvement:   http://hospital.example.org/fhir/ValueSet/cns-involvement',
      '',
    ].join('\n'),
  );
  return config;
}

const fix =
  'no value set file defines this url (the shipped ones, or those in valueSets.files); check the url for a typo, or add the file that defines it to valueSets.files';

/** The two roles, at their urls: line 4 column 33 (4 + 27 + 2), line 5 column 23 (4 + 14 + 4). */
const expected = (config: string) => [
  `${config}:4:33 valueSets.roles.extramedullaryPlasmacytoma: ValueSet http://hospital.example.org/fhir/ValueSet/extramedulary-plasmacytoma is not loaded: ${fix}`,
  `${config}:5:23 valueSets.roles.cnsInvolvement: ValueSet http://hospital.example.org/fhir/ValueSet/cns-involvement is not loaded: ${fix}`,
];

describe('a role naming a value set no file defines', () => {
  it('is named at its url in the config file, every such role in one run', () => {
    const config = site();
    expect(configProblems(config)).toEqual(expected(config));
  });

  it(
    'is reported so by validate, with exit status 1',
    async () => {
      const config = site();
      const run = await runCli(['validate', config]);
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`${expected(config).join('\n')}\n`);
    },
    CLI_TIMEOUT_MS,
  );
});
