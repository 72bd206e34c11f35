/**
 * The site's value sets (docs/configuring.md §3): what the compiler would take silently is
 * refused naming the file and the entry; a role the rules need pointed at an empty value set
 * is warned about, an empty `multipleMyeloma` refused (§4: "silent for every patient"); the
 * roles shipped empty on purpose stay quiet.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { readConfigFile } from '../../src/config/config-file.js';
import { emptyRoleWarnings, settingsWarnings } from '../../src/config/config-warnings.js';
import { systemCoverageWarnings } from '../../src/config/system-coverage-warnings.js';
import { buildSettings, loadDefaultSettings } from '../../src/config/load-settings.js';

const SITE_VS = 'http://hospital.example.org/fhir/ValueSet/site-problems';

/**
 * A site folder with one value-set file and a config pointing `role` at `url`. The file is
 * one line of JSON, so a problem's position is line 1 and a column; positions are checked
 * on an indented file in ./value-set-positions.test.ts.
 */
function site(resource: unknown, role = 'extramedullaryPlasmacytoma', url = SITE_VS): string {
  const dir = mkdtempSync(join(tmpdir(), 'emd-cds-value-sets-'));
  mkdirSync(join(dir, 'value-sets'));
  writeFileSync(join(dir, 'value-sets', 'site-problems.json'), JSON.stringify(resource));
  writeFileSync(
    join(dir, 'site.yaml'),
    `valueSets:\n  files: [value-sets]\n  roles:\n    ${role}: ${url}\n`,
  );
  return join(dir, 'site.yaml');
}
const load = (file: string) => buildSettings(readConfigFile(file), { file });

function valueSet(include: unknown[], url = SITE_VS): object {
  return { resourceType: 'ValueSet', url, status: 'active', compose: { include } };
}
const PROBLEMS = 'http://hospital.example.org/fhir/CodeSystem/problems';
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('value-set files the compiler would take silently are refused, naming file and entry', () => {
  const cases: [string, unknown, RegExp][] = [
    [
      'a system that is not an absolute URI',
      valueSet([{ system: 'snomed', concept: [{ code: '12345', display: 'Plasmacytoma' }] }]),
      /value-sets\/site-problems\.json:1:\d+ compose\.include\[0\]\.system "snomed" is not an absolute URI/,
    ],
    [
      'a typo’d system in an exclude',
      {
        resourceType: 'ValueSet',
        url: SITE_VS,
        status: 'active',
        compose: {
          include: [
            { valueSet: ['https://fhir.emd-cds.org/ValueSet/extramedullary-plasmacytoma'] },
          ],
          exclude: [{ system: 'icd10cm', concept: [{ code: 'C90.20' }] }],
        },
      },
      /value-sets\/site-problems\.json:1:\d+ compose\.exclude\[0\]\.system "icd10cm" is not an absolute URI/,
    ],
    [
      'a concept without a code',
      valueSet([
        {
          system: PROBLEMS,
          concept: [{ code: 'PLASMA-EM' }, { display: 'Extramedullary plasmacytoma, breast' }],
        },
      ]),
      /value-sets\/site-problems\.json:1:\d+ compose\.include\[0\]\.concept\[1\] has no code \(display "Extramedullary plasmacytoma, breast"\)/,
    ],
    [
      'a concept with a blank code',
      valueSet([{ system: PROBLEMS, concept: [{ code: '  ' }] }]),
      /value-sets\/site-problems\.json:1:\d+ compose\.include\[0\]\.concept\[0\] has no code$/m,
    ],
    [
      'a CodeSystem in the value-set folder',
      {
        resourceType: 'CodeSystem',
        url: SITE_VS,
        status: 'active',
        content: 'complete',
        concept: [{ code: 'PLASMA-EM', display: 'Extramedullary plasmacytoma' }],
      },
      /value-sets\/site-problems\.json:1:\d+ is a CodeSystem \(http:\/\/hospital\.example\.org\/fhir\/ValueSet\/site-problems\), not a ValueSet/,
    ],
    ...(
      [
        [
          'a designation without a value',
          { language: 'zh-CN' },
          'compose.include[0].concept[0] (code "10200004").designation[0] has no value',
        ],
        [
          'a designation with a blank value',
          { language: 'zh-CN', value: ' ' },
          'compose.include[0].concept[0] (code "10200004").designation[0] has no value',
        ],
        [
          'a designation with an empty language',
          { language: '', value: '肝' },
          'compose.include[0].concept[0] (code "10200004").designation[0] has an empty language: name it, e.g. "zh-CN" or "zh"',
        ],
        [
          'a designation whose language is not a language tag',
          { language: 'zh_CN', value: '肝' },
          'compose.include[0].concept[0] (code "10200004").designation[0] language "zh_CN" is not a language tag (BCP 47): write e.g. "zh-CN" or "zh"',
        ],
      ] as const
    ).map(([name, designation, message]): [string, unknown, RegExp] => [
      name,
      valueSet([
        {
          system: 'http://snomed.info/sct',
          concept: [{ code: '10200004', display: 'Liver structure', designation: [designation] }],
        },
      ]),
      new RegExp(`value-sets/site-problems\\.json:1:\\d+ ${escapeRegExp(message)}`),
    ]),
    [
      'designations that are not a list',
      valueSet([
        {
          system: 'http://snomed.info/sct',
          concept: [{ code: '10200004', designation: { language: 'zh-CN', value: '肝' } }],
        },
      ]),
      /value-sets\/site-problems\.json:1:\d+ compose\.include\[0\]\.concept\[0\] \(code "10200004"\)\.designation is not a list/,
    ],
    [
      'concepts that are not a list (their codes would be dropped)',
      valueSet([{ system: PROBLEMS, concept: { code: 'PLASMA-EM' } }]),
      /value-sets\/site-problems\.json:1:\d+ compose\.include\[0\]\.concept is not a list/,
    ],
    [
      'includes that are not a list',
      {
        resourceType: 'ValueSet',
        url: SITE_VS,
        status: 'active',
        compose: { include: { system: PROBLEMS, concept: [{ code: 'PLASMA-EM' }] } },
      },
      /value-sets\/site-problems\.json:1:\d+ compose\.include is not a list/,
    ],
    [
      'an expansion whose contains is not a list',
      {
        resourceType: 'ValueSet',
        url: SITE_VS,
        status: 'active',
        expansion: { contains: { system: PROBLEMS, code: 'PLASMA-EM' } },
      },
      /value-sets\/site-problems\.json:1:\d+ expansion\.contains is not a list/,
    ],
    [
      'a nested contains that is not a list',
      {
        resourceType: 'ValueSet',
        url: SITE_VS,
        status: 'active',
        expansion: {
          contains: [{ abstract: true, contains: { system: PROBLEMS, code: 'PLASMA-EM' } }],
        },
      },
      /value-sets\/site-problems\.json:1:\d+ expansion\.contains\[0\]\.contains is not a list/,
    ],
    [
      'a designation without a value in an expansion',
      {
        resourceType: 'ValueSet',
        url: SITE_VS,
        status: 'active',
        expansion: {
          contains: [
            {
              system: 'http://snomed.info/sct',
              code: '10200004',
              designation: [{ language: 'zh-CN' }],
            },
          ],
        },
      },
      /value-sets\/site-problems\.json:1:\d+ expansion\.contains\[0\] \(code "10200004"\)\.designation\[0\] has no value/,
    ],
  ];
  it.each(cases)('%s', (_name, resource, message) => {
    const file = site(resource);
    expect(() => load(file)).toThrow(ConfigError);
    expect(() => load(file)).toThrow(message);
  });

  it('accepts a value set with absolute system URIs, an OID among them', () => {
    const file = site(
      valueSet([
        { valueSet: ['https://fhir.emd-cds.org/ValueSet/extramedullary-plasmacytoma'] },
        { system: PROBLEMS, concept: [{ code: 'PLASMA-EM' }] },
        { system: 'urn:oid:2.16.840.1.113883.6.90', concept: [{ code: 'C90.20' }] },
      ]),
    );
    const codes = load(file)
      .rules.terminology.conceptsOf('extramedullaryPlasmacytoma')
      .map((c) => c.code);
    expect(codes).toContain('PLASMA-EM');
  });
});

describe('designations (FHIR R4 ValueSet concept.designation)', () => {
  it('accepts a name in a language, and one without a language (valid FHIR, never shown)', () => {
    const file = site(
      valueSet([
        { valueSet: ['https://fhir.emd-cds.org/ValueSet/extramedullary-plasmacytoma'] },
        {
          system: PROBLEMS,
          concept: [
            {
              code: 'PLASMA-EM',
              designation: [
                { language: 'zh-CN', value: '髓外浆细胞瘤' },
                { value: 'EMP' },
                {
                  language: 'de',
                  use: { system: 'http://snomed.info/sct', code: '900000000000013009' },
                  value: 'Extramedullaeres Plasmozytom',
                },
              ],
            },
          ],
        },
      ]),
    );
    expect(() => load(file)).not.toThrow();
  });
});

describe('roles pointed at an empty value set', () => {
  const empty = valueSet([]);

  it('refuses an empty multipleMyeloma: the service would be silent for every patient', () => {
    const file = site(empty, 'multipleMyeloma');
    expect(() => load(file)).toThrow(
      'value sets: multipleMyeloma (http://hospital.example.org/fhir/ValueSet/site-problems) holds no concept: the service would see no patient as a myeloma patient and give no card to anyone',
    );
  });

  it('warns about a required role that resolves to no concept', () => {
    const settings = load(site(empty, 'siteCns'));
    expect(emptyRoleWarnings(settings.rules.terminology)).toEqual([
      'value set role siteCns (http://hospital.example.org/fhir/ValueSet/site-problems) holds no concept: the rules that need it never match it',
    ]);
  });

  it('warns when every code of a role is excluded again', () => {
    const settings = load(
      site(
        {
          resourceType: 'ValueSet',
          url: SITE_VS,
          status: 'active',
          compose: {
            include: [{ system: PROBLEMS, concept: [{ code: 'PET-CT' }] }],
            exclude: [{ system: PROBLEMS, concept: [{ code: 'PET-CT' }] }],
          },
        },
        'orderPetCt',
      ),
    );
    expect(emptyRoleWarnings(settings.rules.terminology)).toEqual([
      'value set role orderPetCt (http://hospital.example.org/fhir/ValueSet/site-problems) holds no concept: the rules that need it never match it',
    ]);
  });

  it('stays quiet for the roles shipped empty on purpose, by default and when pointed at an empty set', () => {
    expect(emptyRoleWarnings(loadDefaultSettings().rules.terminology)).toEqual([]);
    for (const role of [
      'cnsInvolvement',
      'leptomeningealInvolvement',
      'boneContactQualifier',
      'orderMriSpine',
      'orderCsfCytology',
      'orderCsfFlowCytometry',
    ])
      expect(emptyRoleWarnings(load(site(empty, role)).rules.terminology), role).toEqual([]);
  });
});

describe('a diagnosis code system used for myeloma and for no plasmacytoma (docs/configuring.md, example h)', () => {
  // China's national clinical edition of ICD-10 under the OID of the national ICD-10 code
  // table: once a value set uses it, a Condition coded in it is not text-only (rules page §2).
  const NATIONAL = 'urn:oid:2.16.156.10011.2.3.3.11';
  const SHIPPED = 'https://fhir.emd-cds.org/ValueSet/';
  const MYELOMA_VS = 'http://hospital.example.cn/fhir/ValueSet/multiple-myeloma';
  const PLASMACYTOMA_VS = 'http://hospital.example.cn/fhir/ValueSet/extramedullary-plasmacytoma';
  const national = (shipped: string, url: string, code: string) =>
    valueSet(
      [{ valueSet: [`${SHIPPED}${shipped}`] }, { system: NATIONAL, concept: [{ code }] }],
      url,
    );

  function siteWith(roles: Record<string, object>): string {
    const dir = mkdtempSync(join(tmpdir(), 'emd-cds-value-sets-'));
    mkdirSync(join(dir, 'value-sets'));
    const lines = ['valueSets:', '  files: [value-sets]', '  roles:'];
    for (const [role, resource] of Object.entries(roles)) {
      writeFileSync(join(dir, 'value-sets', `${role}.json`), JSON.stringify(resource));
      lines.push(`    ${role}: ${(resource as { url: string }).url}`);
    }
    writeFileSync(join(dir, 'site.yaml'), `${lines.join('\n')}\n`);
    return join(dir, 'site.yaml');
  }
  const warningsOf = (file: string) => {
    const settings = load(file);
    return settingsWarnings(readConfigFile(file), settings);
  };

  it('warns, naming the system, when only the myeloma value set uses it', () => {
    const file = siteWith({
      multipleMyeloma: national('multiple-myeloma', MYELOMA_VS, 'C90.000'),
    });
    const warnings = warningsOf(file);
    expect(warnings).toHaveLength(1);
    // At the first line of the site's myeloma value set that writes the system.
    expect(warnings[0]).toMatch(
      new RegExp(`^.*multipleMyeloma\\.json:\\d+:\\d+ code system ${escapeRegExp(NATIONAL)} `),
    );
    expect(warnings[0]).toContain('raises no card');
  });

  it('stays quiet when a plasmacytoma value set uses it too, and for the shipped value sets', () => {
    const file = siteWith({
      multipleMyeloma: national('multiple-myeloma', MYELOMA_VS, 'C90.000'),
      extramedullaryPlasmacytoma: national(
        'extramedullary-plasmacytoma',
        PLASMACYTOMA_VS,
        'C90.200',
      ),
    });
    expect(warningsOf(file)).toEqual([]);
    const defaults = loadDefaultSettings();
    expect(systemCoverageWarnings(defaults.rules.terminology)).toEqual([]);
  });
});
