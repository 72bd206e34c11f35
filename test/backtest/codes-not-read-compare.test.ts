/**
 * backtest --compare shows the "codes not read" section before → now (docs/backtest.md): the
 * informatics team adds the codes it lists to a value set (docs/configuring.md, example h) and
 * runs again against the shipped configuration. The export is ./codes-not-read-export.ts's;
 * every figure below is typed from the rules page's reading of it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BacktestReport } from '../../src/backtest/backtest-report.js';
import { changeText, compareCodesNotRead } from '../../src/backtest/codes-not-read-change.js';
import type { CodesNotReadReport } from '../../src/backtest/codes-not-read.js';
import { renderHtml } from '../../src/backtest/render-html.js';
import { renderTable } from '../../src/backtest/render-table.js';
import type { BacktestConfiguration } from '../../src/backtest/run-backtest.js';
import { readConfigFile } from '../../src/config/config-file.js';
import { buildSettings } from '../../src/config/load-settings.js';
import {
  CN,
  EXPECTED_SECTION,
  ICD_10_CM,
  SHIPPED,
  TIMEOUT_MS,
  backtest,
} from './codes-not-read-export.js';
import { removeScratch, scratch } from './run-cli.js';
import { LOADS_OR_LINKS } from './self-contained.js';

/**
 * A site that adds the ICD-10-CM category C90.0 to multipleMyeloma, as docs/configuring.md
 * example h says to once the section lists it: a value set including the shipped one by URL.
 */
function siteAddingC900(): BacktestConfiguration {
  const dir = scratch('emd-cds-unread-site-');
  mkdirSync(join(dir, 'value-sets'));
  writeFileSync(
    join(dir, 'value-sets', 'multiple-myeloma.json'),
    JSON.stringify({
      resourceType: 'ValueSet',
      url: 'http://hospital.example.org/fhir/ValueSet/multiple-myeloma',
      version: '2026-11-01',
      name: 'HospitalMultipleMyeloma',
      title: 'Multiple myeloma (shipped codes plus the ICD-10-CM category our registry sends)',
      status: 'active',
      compose: {
        include: [
          { valueSet: ['https://fhir.emd-cds.org/ValueSet/multiple-myeloma'] },
          { system: ICD_10_CM, concept: [{ code: 'C90.0', display: 'Multiple myeloma' }] },
        ],
      },
    }),
  );
  const file = join(dir, 'site.yaml');
  writeFileSync(
    file,
    [
      'valueSets:',
      '  files: [value-sets]',
      '  roles:',
      '    multipleMyeloma: http://hospital.example.org/fhir/ValueSet/multiple-myeloma',
    ].join('\n'),
  );
  return { file, settings: buildSettings(readConfigFile(file), { file }) };
}

/**
 * With C90.0 in multipleMyeloma, C90.0 and C900 (ICD-10-CM matches with or without its dot,
 * rules page §2) are myeloma: cat-1, cat-2, cat-3 and both-1 join mm-1 and mm-who (2 → 6).
 * No ICD-10-CM C90.0 is left unread; cat-3's C90.2 still is. Unknown systems are looked for
 * only without myeloma, so both-1's C90.000 no longer counts: cn-1 and cn-2 remain.
 */
const SECTION_WITH_C900 = {
  patients: 3,
  unknownSystem: {
    patients: 2,
    distinctCodes: 2,
    systems: [{ system: CN, patients: 2 }],
    topCodes: [
      { system: CN, code: 'C90.000', patients: 2 },
      { system: CN, code: 'I10.x00', patients: 1 },
    ],
  },
  icd10cmCategory: {
    patients: 1,
    distinctCodes: 1,
    topCodes: [{ system: ICD_10_CM, code: 'C90.2', patients: 1 }],
  },
  codeExtension: { patients: 0, distinctCodes: 0, topCodes: [] },
};

describe('with --compare, the codes not read before → now', { timeout: TIMEOUT_MS }, () => {
  afterAll(removeScratch);

  it('shows a code added to a value set dropping to 0 and the myeloma patients it adds', async () => {
    const report = await backtest('patient-view', Buffer.alloc(32, 7), {
      configuration: siteAddingC900(),
      compareWith: SHIPPED,
    });
    expect(report.compared?.myelomaPatients).toBe(2);
    expect(report.compared?.codesNotRead).toEqual(EXPECTED_SECTION);
    expect(report.myelomaPatients).toBe(6);
    expect(report.codesNotRead).toEqual(SECTION_WITH_C900);

    const table = renderTable(report, report.compared);
    expect(table).toContain('  patients with a myeloma diagnosis: 2 → 6 (+4)\n');
    expect(table).toContain(
      [
        '  patients with a diagnosis whose code no value set reads: 6 → 3 (-3)',
        '    coded only in a code system no value set uses: 3 → 2 (-1)',
        '      per code system:',
        `        ${CN}: 3 → 2 (-1)`,
        `      C90.000 in ${CN}: 3 → 2 (-1)`,
        `      I10.x00 in ${CN}: 1 → 1 (0)`,
        '    an ICD-10-CM category above value-set codes: 4 → 1 (-3)',
        `      C90.2 in ${ICD_10_CM}: 1 → 1 (0)`,
        `      C90.0 in ${ICD_10_CM}: 4 → 0 (-4)`,
      ].join('\n'),
    );

    const html = renderHtml(report, report.compared);
    expect(html).toContain('<p>Patients with a myeloma diagnosis, before → now: 2 → 6 (+4).</p>');
    expect(html).toContain('<h3>Codes not read, before → now: 6 → 3 (-3) patients</h3>');
    expect(html).toContain(`<tr><td>C90.0</td><td>${ICD_10_CM}</td><td>4 → 0 (-4)</td></tr>`);
    expect(html).toContain(`<tr><td>C90.000</td><td>${CN}</td><td>3 → 2 (-1)</td></tr>`);
    expect(html).toContain(`<tr><td>any code</td><td>${CN}</td><td>3 → 2 (-1)</td></tr>`);
    // The code systems are printed as text; the page still loads and links nothing.
    expect(html).toContain(ICD_10_CM);
    expect(html).not.toMatch(LOADS_OR_LINKS);

    // An earlier --json report from before the section was counted: "–" before.
    const older = JSON.parse(
      JSON.stringify({ ...report.compared, codesNotRead: undefined }),
    ) as BacktestReport;
    expect(older).not.toHaveProperty('codesNotRead');
    const againstOlder = renderTable(report, older);
    expect(againstOlder).toContain('  patients with a myeloma diagnosis: 2 → 6 (+4)\n');
    expect(againstOlder).toContain(
      [
        '  patients with a diagnosis whose code no value set reads: – → 3',
        '    coded only in a code system no value set uses: – → 2',
        '      per code system:',
        `        ${CN}: – → 2`,
        `      C90.000 in ${CN}: – → 2`,
        `      I10.x00 in ${CN}: – → 1`,
        '    an ICD-10-CM category above value-set codes: – → 1',
        `      C90.2 in ${ICD_10_CM}: – → 1`,
      ].join('\n'),
    );
    expect(renderHtml(report, older)).toContain(
      `<tr><td>C90.2</td><td>${ICD_10_CM}</td><td>– → 1</td></tr>`,
    );
  });
});

describe('compareCodesNotRead', () => {
  const kind = (patients: number, distinctCodes: number, codes: [string, number][]) => ({
    patients,
    distinctCodes,
    topCodes: codes.map(([code, n]) => ({ system: 'urn:local', code, patients: n })),
  });
  const none = kind(0, 0, []);

  it('says "at most" for a code below the other run\'s listed codes, 0 when the list is whole', () => {
    // Before: three codes, two listed (B the fewest, 3 patients), so C had at most 3.
    const before: CodesNotReadReport = {
      patients: 9,
      unknownSystem: kind(9, 3, [
        ['A', 5],
        ['B', 3],
      ]),
      icd10cmCategory: none,
      codeExtension: none,
    };
    // Now: every code listed, so A, not among them, is 0.
    const now: CodesNotReadReport = {
      patients: 5,
      unknownSystem: kind(5, 2, [
        ['C', 4],
        ['B', 1],
      ]),
      icd10cmCategory: none,
      codeExtension: none,
    };
    const change = compareCodesNotRead(now, before).byKind.unknownSystem;
    expect(change.codes.map((c) => [c.code, c.before, c.now])).toEqual([
      ['C', { atMost: 3 }, 4],
      ['B', 3, 1],
      ['A', 5, 0],
    ]);
    expect(change.codes.map(changeText)).toEqual(['≤ 3 → 4', '3 → 1 (-2)', '5 → 0 (-5)']);
  });
});
