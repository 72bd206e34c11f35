/**
 * A problem found when the value sets are compiled (src/rules/compile-terminology.ts) is written
 * as every configuration problem is (docs/configuring.md §1), at its file, line and column: a
 * url defined twice at the second definition, with the first after it; a value set included
 * but not loaded at the `valueSet` entry naming it; a filter, or a whole code system, at the
 * component's `filter` or `system`; a value set without url at the file's start. The files are
 * written out below as a site would indent them; each position is counted off them by hand.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configProblems } from './config-problems.js';
import { removeScratch, runCli, scratch } from '../backtest/run-cli.js';

const CLI_TIMEOUT_MS = 60_000;
afterAll(removeScratch);

const EMP = 'http://hospital.example.org/fhir/ValueSet/emp';

/**
 * A site folder with `files` in value-sets/ and a config file naming the folder, the role
 * extramedullaryPlasmacytoma given to the site's value set `EMP`.
 */
function site(files: Record<string, string>): { config: string; dir: string } {
  const dir = scratch('emd-cds-value-set-compile-');
  mkdirSync(join(dir, 'value-sets'));
  for (const [name, text] of Object.entries(files))
    writeFileSync(join(dir, 'value-sets', name), text);
  writeFileSync(
    join(dir, 'site.yaml'),
    `valueSets:\n  files: [value-sets]\n  roles:\n    extramedullaryPlasmacytoma: ${EMP}\n`,
  );
  return { config: join(dir, 'site.yaml'), dir: join(dir, 'value-sets') };
}

/** The site's value set EMP, its includes as given, one a line from line 7. */
const emp = (...includes: string[]) => `{
  "resourceType": "ValueSet",
  "url": "${EMP}",
  "status": "active",
  "compose": {
    "include": [
${includes.join(',\n')}
    ]
  }
}
`;
const SNOMED_CODE =
  '      { "system": "http://snomed.info/sct", "concept": [{ "code": "10200004" }] }';

describe('a value set that cannot be compiled', () => {
  it('defined twice is named at the second url, with the first after it', () => {
    const { config, dir } = site({
      'a.json': emp(SNOMED_CODE),
      'b.json': `{
  "resourceType": "ValueSet",
  "status": "active",
  "url":    "${EMP}",
  "compose": { "include": [{ "system": "http://snomed.info/sct", "concept": [{ "code": "64033007" }] }] }
}
`,
    });
    expect(configProblems(config)).toEqual([
      `${dir}/b.json:4:13 ValueSet ${EMP} is defined twice (also at ${dir}/a.json:3:10)`,
    ]);
  });

  it('including a value set not loaded is named at the valueSet entry naming it', () => {
    const { config, dir } = site({
      'emp.json': emp(
        SNOMED_CODE,
        '      { "valueSet": ["http://hospital.example.org/fhir/ValueSet/gone"] }',
      ),
    });
    expect(configProblems(config)).toEqual([
      `${dir}/emp.json:8:22 ValueSet http://hospital.example.org/fhir/ValueSet/gone is not loaded (included by ${EMP})`,
    ]);
  });

  it('with a filter is named at the filter', () => {
    const { config, dir } = site({
      'emp.json': emp(
        SNOMED_CODE,
        `      {
        "system": "http://snomed.info/sct",
        "filter": [{ "property": "concept", "op": "is-a", "value": "363346000" }]
      }`,
      ),
    });
    expect(configProblems(config)).toEqual([
      `${dir}/emp.json:10:19 ValueSet ${EMP}: filters are not supported; enumerate the codes`,
    ]);
  });

  it('with a whole code system is named at its system', () => {
    const { config, dir } = site({
      'emp.json': emp(SNOMED_CODE, '      {\n        "system": "http://snomed.info/sct"\n      }'),
    });
    expect(configProblems(config)).toEqual([
      `${dir}/emp.json:9:19 ValueSet ${EMP}: a component with all of http://snomed.info/sct is not supported; enumerate the codes`,
    ]);
  });

  it('in an include cycle is named at the valueSet entry that closes it', () => {
    const { config, dir } = site({
      'emp.json': emp('      { "valueSet": ["http://hospital.example.org/fhir/ValueSet/b"] }'),
      'z-b.json': `{
  "resourceType": "ValueSet",
  "url": "http://hospital.example.org/fhir/ValueSet/b",
  "compose": {
    "include": [
      {
        "valueSet": [
          "${EMP}"
        ]
      }
    ]
  }
}
`,
    });
    expect(configProblems(config)).toEqual([
      `${dir}/z-b.json:8:11 ValueSet include cycle: ${EMP} → http://hospital.example.org/fhir/ValueSet/b → ${EMP}`,
    ]);
  });

  it('without a url is named at the start of its file', () => {
    const { config, dir } = site({
      'emp.json': emp(SNOMED_CODE),
      'no-url.json': `{
  "resourceType": "ValueSet",
  "status": "active",
  "compose": { "include": [{ "system": "http://snomed.info/sct", "concept": [{ "code": "39937001" }] }] }
}
`,
    });
    expect(configProblems(config)).toEqual([`${dir}/no-url.json:1:1 a ValueSet has no url`]);
  });

  it(
    'is named at its file, line and column by emd-cds validate',
    async () => {
      const { config, dir } = site({
        'emp.json': emp(
          SNOMED_CODE,
          '      { "valueSet": ["http://hospital.example.org/fhir/ValueSet/gone"] }',
        ),
      });
      const run = await runCli(['validate', config]);
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(
        `${dir}/emp.json:8:22 ValueSet http://hospital.example.org/fhir/ValueSet/gone is not loaded (included by ${EMP})\n`,
      );
    },
    CLI_TIMEOUT_MS,
  );
});
