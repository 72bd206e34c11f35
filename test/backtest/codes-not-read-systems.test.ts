/**
 * The codes not read of kind unknownSystem, per code system (docs/backtest.md §2). At a site
 * whose every diagnosis is in a system no value set uses, no myeloma is read, every patient is
 * looked at, and the most frequent codes are hypertension and diabetes; what to act on is the
 * system itself (docs/configuring.md, example h). Rules page §2: a code matches by system +
 * code from the value sets; §3.1: no myeloma read, no card. Every count below is typed from
 * that reading of the export, in which a patient counts once under each system its Conditions
 * not read are coded in.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { buildReport, type BacktestReport } from '../../src/backtest/backtest-report.js';
import { changeText, compareCodesNotRead } from '../../src/backtest/codes-not-read-change.js';
import type { CodesNotReadReport } from '../../src/backtest/codes-not-read.js';
import type { PatientResult } from '../../src/backtest/evaluate-patient.js';
import { renderHtml } from '../../src/backtest/render-html.js';
import { renderTable } from '../../src/backtest/render-table.js';
import { addPatient, emptyTally, mergeTally } from '../../src/backtest/tally.js';
import {
  CN,
  ICD_10_CM,
  NOW,
  NO_INPUT,
  TALLY_META,
  TIMEOUT_MS,
  WHO_ICD_10,
  backtest,
  condition,
  type ConditionsByPatient,
  resultWith,
} from './codes-not-read-export.js';
import { removeScratch } from './run-cli.js';

/**
 * National edition on 3 patients, WHO ICD-10 on 2 (cn-who in both, on one Condition coded in
 * both), a code without a system on 1; mm-1's WHO ICD-10 hypertension is not looked for,
 * since its myeloma is read.
 */
const TWO_SYSTEMS: ConditionsByPatient = {
  'cn-mm': [condition('cn-mm', CN, 'C90.000')],
  'cn-htn': [condition('cn-htn', CN, 'I10.x00')],
  'cn-who': [
    condition('cn-who', CN, 'E11.900', {
      code: {
        coding: [
          { system: CN, code: 'E11.900' },
          { system: WHO_ICD_10, code: 'E11.9' },
        ],
      },
    }),
  ],
  'who-mm': [condition('who-mm', WHO_ICD_10, 'C90.0')],
  'local-1': [condition('local-1', CN, 'MM01', { code: { coding: [{ code: 'MM01' }] } })],
  'mm-1': [condition('mm-1', ICD_10_CM, 'C90.00'), condition('mm-1', WHO_ICD_10, 'I10')],
};

/**
 * What the explain trace advises for a code with no system (H93, src/rules/system-advice.ts):
 * no value set can hold it, so adding codes cannot be the step.
 */
const NO_SYSTEM_FIX = 'a code with no system can be in no value set: the feed must send its system';

const EXPECTED_UNKNOWN_SYSTEM = {
  patients: 5,
  distinctCodes: 6,
  systems: [
    { system: CN, patients: 3 },
    { system: WHO_ICD_10, patients: 2 },
    { patients: 1, feedFix: NO_SYSTEM_FIX },
  ],
  // One patient each: no system first, then the systems in code-unit order.
  topCodes: [
    { code: 'MM01', patients: 1 },
    { system: WHO_ICD_10, code: 'C90.0', patients: 1 },
    { system: WHO_ICD_10, code: 'E11.9', patients: 1 },
    { system: CN, code: 'C90.000', patients: 1 },
    { system: CN, code: 'E11.900', patients: 1 },
    { system: CN, code: 'I10.x00', patients: 1 },
  ],
};

describe('the codes not read per unknown code system', { timeout: TIMEOUT_MS }, () => {
  afterAll(removeScratch);

  it('counts the patients per system, most first, and shows them before the codes', async () => {
    const report = await backtest('patient-view', Buffer.alloc(32, 7), undefined, TWO_SYSTEMS);
    expect(report.myelomaPatients).toBe(1);
    expect(report.codesNotRead?.unknownSystem).toEqual(EXPECTED_UNKNOWN_SYSTEM);
    // In the JSON, the systems come before the codes.
    expect(Object.keys(report.codesNotRead?.unknownSystem ?? {})).toEqual([
      'patients',
      'distinctCodes',
      'systems',
      'topCodes',
    ]);
    expect(report.codesNotRead?.icd10cmCategory).not.toHaveProperty('systems');

    expect(renderTable(report)).toContain(
      [
        '  coded only in a code system no value set uses: 5 patients (looked for in patients with no myeloma read, as the explain trace does)',
        "    per code system; add each one's myeloma and plasmacytoma codes (docs/configuring.md, example h), except where its line says the feed must change:",
        `      ${CN}: 3 patients`,
        `      ${WHO_ICD_10}: 2 patients`,
        `      no system: 1 patient — ${NO_SYSTEM_FIX}`,
        '    MM01 in no system: 1 patient',
      ].join('\n'),
    );
    const html = renderHtml(report);
    expect(html).toContain(
      `<table><tr><th>code system</th><th>patients</th><th>the feed must change</th></tr><tr><td>${CN}</td><td>3</td><td></td></tr><tr><td>${WHO_ICD_10}</td><td>2</td><td></td></tr><tr><td>no system</td><td>1</td><td>${NO_SYSTEM_FIX}</td></tr></table>`,
    );
    expect(html.indexOf('<th>code system</th>')).toBeLessThan(html.indexOf('<td>MM01</td>'));
  });
});

describe('the per-system tally', () => {
  const result = resultWith;
  const unknown = (system: string | undefined, code: string) =>
    ({ kind: 'unknownSystem', system, code }) as const;
  const meta = TALLY_META;
  const input = NO_INPUT;

  it('adds across workers: two workers give what one gives', () => {
    const patients: [string, PatientResult][] = [
      ['a', result([unknown(CN, 'C90.000'), unknown(CN, 'I10.x00')])],
      ['b', result([unknown(CN, 'E11.900'), unknown(WHO_ICD_10, 'E11.9')])],
      ['c', result([unknown(WHO_ICD_10, 'C90.0')])],
      ['d', result([unknown(undefined, 'MM01')])],
      ['e', result([unknown(CN, 'C90.000')])],
    ];
    const one = emptyTally();
    for (const [key, r] of patients) addPatient(one, key, r, { listsIds: false });
    const [first, second] = [emptyTally(), emptyTally()];
    for (const [key, r] of patients.slice(0, 2)) addPatient(first, key, r, { listsIds: false });
    for (const [key, r] of patients.slice(2)) addPatient(second, key, r, { listsIds: false });
    mergeTally(first, second);
    const systemsOf = (tally: typeof one) =>
      buildReport(tally, { ...meta, showIds: false }, input).codesNotRead?.unknownSystem.systems;
    // a twice in CN counts once; b in both systems counts under each.
    const expected = [
      { system: CN, patients: 3 },
      { system: WHO_ICD_10, patients: 2 },
      { patients: 1, feedFix: NO_SYSTEM_FIX },
    ];
    expect(systemsOf(one)).toEqual(expected);
    expect(systemsOf(first)).toEqual(expected);
  });
});

describe('the advice per code system agrees with the explain trace (H93)', () => {
  // Capitals in the path: a look-alike of ICD-10-CM's URI that is not read as it, and that no
  // value set may name (`validate` refuses it), so its codes cannot be added.
  const CAPS_PATH = 'http://hl7.org/fhir/sid/ICD-10-CM';
  const CAPS_FIX = `"${CAPS_PATH}" only looks like ICD-10-CM's URI, and is not read as it: correct the feed or its interface mapping to send ${ICD_10_CM} (no value set may name "${CAPS_PATH}": validate refuses it)`;
  const NOT_URI_FIX =
    '"ICD-10-CM" is not a URI, which no value set may name: correct the feed or its interface mapping to send the code system\'s URI';
  const unknown = (system: string | undefined, code: string) =>
    ({ kind: 'unknownSystem', system, code }) as const;

  function reportOf(codes: [string, ReturnType<typeof unknown>[]][]): BacktestReport {
    const tally = emptyTally();
    for (const [key, unread] of codes)
      addPatient(tally, key, resultWith(unread), { listsIds: false });
    return buildReport(tally, { ...TALLY_META, showIds: false }, NO_INPUT);
  }

  it('says what the feed must send for a look-alike, a name that is no URI and no system', () => {
    const report = reportOf([
      ['a', [unknown(CAPS_PATH, 'C90.00')]],
      ['b', [unknown(CAPS_PATH, 'C90.00')]],
      ['c', [unknown('ICD-10-CM', 'C90.00')]],
      ['d', [unknown(WHO_ICD_10, 'C90.0')]],
    ]);
    expect(report.codesNotRead?.unknownSystem.systems).toEqual([
      { system: CAPS_PATH, patients: 2, feedFix: CAPS_FIX },
      { system: 'ICD-10-CM', patients: 1, feedFix: NOT_URI_FIX },
      // WHO ICD-10 is a URI a site may add to a value set (example h): no feed fix.
      { system: WHO_ICD_10, patients: 1 },
    ]);
    const table = renderTable(report);
    expect(table).toContain(
      'add the codes your records carry (docs/configuring.md, example h), or correct the feed where a code system says so',
    );
    expect(table).toContain(`      ${CAPS_PATH}: 2 patients — ${CAPS_FIX}`);
    expect(table).toContain(`      ${WHO_ICD_10}: 1 patient\n`);
    expect(renderHtml(report)).toContain(
      `<tr><td>${CAPS_PATH}</td><td>2</td><td>${CAPS_FIX.replace(/["']/g, (c) => `&#${String(c.charCodeAt(0))};`)}</td></tr>`,
    );
  });

  it('keeps the advice to add codes alone where every system may be added', () => {
    const report = reportOf([['a', [unknown(CN, 'C90.000')]]]);
    expect(report.codesNotRead?.unknownSystem.systems).toEqual([{ system: CN, patients: 1 }]);
    const table = renderTable(report);
    expect(table).not.toContain('the feed must change');
    expect(table).not.toContain('or correct the feed');
    expect(renderHtml(report)).toContain(
      `<table><tr><th>code system</th><th>patients</th></tr><tr><td>${CN}</td><td>1</td></tr></table>`,
    );
  });
});

describe('the unknown systems before → now', () => {
  const section = (systems?: { system?: string; patients: number }[]): CodesNotReadReport => {
    const patients = systems?.reduce((sum, s) => sum + s.patients, 0) ?? 1;
    const kind = { patients, distinctCodes: 1, topCodes: [{ code: 'X', patients: 1 }] };
    return {
      patients,
      unknownSystem: { ...kind, ...(systems ? { systems } : {}) },
      icd10cmCategory: { patients: 0, distinctCodes: 0, topCodes: [] },
      codeExtension: { patients: 0, distinctCodes: 0, topCodes: [] },
    };
  };

  it('lists each system either run lists; one a run does not list is 0 there', () => {
    // The site added the national edition's codes: its patients dropped; a new system came.
    const before = section([
      { system: CN, patients: 40 },
      { system: WHO_ICD_10, patients: 2 },
    ]);
    const now = section([
      { system: 'urn:local', patients: 5 },
      { system: WHO_ICD_10, patients: 2 },
    ]);
    const change = compareCodesNotRead(now, before).unknownSystems;
    expect(change.map((s) => [s.system, changeText(s)])).toEqual([
      ['urn:local', '0 → 5 (+5)'],
      [WHO_ICD_10, '2 → 2 (0)'],
      [CN, '40 → 0 (-40)'],
    ]);
  });

  it('shows "–" before for a --json report written before systems were counted', () => {
    const now = section([{ system: CN, patients: 3 }, { patients: 1 }]);
    const change = compareCodesNotRead(now, section(undefined)).unknownSystems;
    expect(change.map(changeText)).toEqual(['– → 3', '– → 1']);

    const report = (codesNotRead: CodesNotReadReport): BacktestReport => ({
      patients: 4,
      myelomaPatients: 0,
      rules: {},
      codesNotRead,
      hook: 'patient-view',
      now: NOW.toISOString(),
      configHash: 'h',
      input: {
        ...NO_INPUT,
        invalidResources: 0,
        failedPatients: [],
        refusedPatients: [],
        subsettedPatients: [],
      },
    });
    const older = report(section(undefined));
    expect(older.codesNotRead?.unknownSystem).not.toHaveProperty('systems');
    expect(renderTable(report(now), older)).toContain(
      ['      per code system:', `        ${CN}: – → 3`, '        no system: – → 1'].join('\n'),
    );
    expect(renderHtml(report(now), older)).toContain(
      `<tr><td>any code</td><td>${CN}</td><td>– → 3</td></tr>`,
    );
    // The older report is still rendered on its own, without a systems table.
    expect(renderTable(older)).not.toContain('per code system');
    expect(renderHtml(older)).not.toContain('<th>code system</th>');
  });
});
