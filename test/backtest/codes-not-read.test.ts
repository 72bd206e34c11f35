/**
 * The backtest's "codes not read" section: how many patients carry a diagnosis the rules read
 * as nothing, by kind, and the codes most of them carry (docs/clinical-safety.md H74, H76;
 * docs/backtest.md §2). Rules page §2: a code matches by system + code from the value sets,
 * so a myeloma coded with the ICD-10-CM subcategory C90.0 (value sets: C90.00, C90.01, C90.02)
 * or in China's national clinical edition (C90.000, a system no shipped value set uses) makes
 * no myeloma patient (§3.1). Every count below is typed from that reading of the export
 * (./codes-not-read-export.ts).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/backtest/backtest-report.js';
import type { PatientResult } from '../../src/backtest/evaluate-patient.js';
import { renderHtml } from '../../src/backtest/render-html.js';
import { renderTable } from '../../src/backtest/render-table.js';
import { addPatient, emptyTally, mergeTally } from '../../src/backtest/tally.js';
import {
  CN,
  EXPECTED_SECTION,
  ICD_10_CM,
  NO_INPUT,
  TALLY_META,
  TIMEOUT_MS,
  backtest,
  resultWith,
} from './codes-not-read-export.js';
import { removeScratch } from './run-cli.js';

describe(
  'the backtest counts the patients whose diagnoses were not read',
  { timeout: TIMEOUT_MS },
  () => {
    afterAll(removeScratch);

    it("by kind, with each kind's most frequent codes and their patients, naming no patient", async () => {
      const report = await backtest('patient-view', Buffer.alloc(32, 7));
      expect(report.patients).toBe(11);
      // mm-1 and mm-who: the others' myeloma was not read.
      expect(report.myelomaPatients).toBe(2);
      expect(report.codesNotRead).toEqual(EXPECTED_SECTION);
      for (const kind of [
        report.codesNotRead?.unknownSystem,
        report.codesNotRead?.icd10cmCategory,
      ]) {
        expect(kind).not.toHaveProperty('patientIds');
        expect(kind).not.toHaveProperty('patientKeys');
      }

      const table = renderTable(report);
      expect(table).toContain(
        'codes not read: 6 patients have a diagnosis whose code no value set reads',
      );
      expect(table).toContain('coded only in a code system no value set uses: 3 patients');
      expect(table).toContain(`C90.000 in ${CN}: 3 patients`);
      expect(table).toContain(`I10.x00 in ${CN}: 1 patient`);
      expect(table).toContain('an ICD-10-CM category above value-set codes: 4 patients');
      expect(table).toContain(`C90.0 in ${ICD_10_CM}: 4 patients`);

      const html = renderHtml(report);
      expect(html).toContain('<h2>Codes not read</h2>');
      expect(html).toContain(`<tr><td>C90.000</td><td>${CN}</td><td>3</td></tr>`);
      expect(html).toContain(`<tr><td>C90.0</td><td>${ICD_10_CM}</td><td>4</td></tr>`);
    });

    it('lists the patients by id under --show-ids', async () => {
      const section = (await backtest('patient-view', undefined)).codesNotRead;
      expect(section?.unknownSystem.patientIds).toEqual(['both-1', 'cn-1', 'cn-2']);
      expect(section?.icd10cmCategory.patientIds).toEqual(['both-1', 'cat-1', 'cat-2', 'cat-3']);
    });

    it('counts the same for --hook imaging-review, whose patients here have no study', async () => {
      const report = await backtest('imaging-review', Buffer.alloc(32, 7));
      expect(report.codesNotRead).toEqual(EXPECTED_SECTION);
    });
  },
);

describe('the codes-not-read tally', () => {
  const result = resultWith;
  const c900 = { kind: 'icd10cmCategory', system: ICD_10_CM, code: 'C90.0' } as const;
  const cn = { kind: 'unknownSystem', system: CN, code: 'C90.000' } as const;
  const meta = TALLY_META;
  const input = NO_INPUT;

  it('merges across workers by addition: two workers give what one gives', () => {
    const patients: [string, PatientResult][] = [
      ['a', result([c900, c900])],
      ['b', result([c900, cn])],
      ['c', result([cn])],
      ['d', result([])],
    ];
    const one = emptyTally();
    for (const [key, r] of patients) addPatient(one, key, r, { listsIds: true });
    const [first, second] = [emptyTally(), emptyTally()];
    for (const [key, r] of patients.slice(0, 2)) addPatient(first, key, r, { listsIds: true });
    for (const [key, r] of patients.slice(2)) addPatient(second, key, r, { listsIds: true });
    mergeTally(first, second);
    const reportOf = (tally: typeof one) =>
      buildReport(tally, { ...meta, showIds: true }, input).codesNotRead;
    expect(reportOf(first)).toEqual(reportOf(one));
    expect(reportOf(one)).toEqual({
      patients: 3,
      unknownSystem: {
        patients: 2,
        distinctCodes: 1,
        systems: [{ system: CN, patients: 2 }],
        topCodes: [{ system: CN, code: 'C90.000', patients: 2 }],
        patientIds: ['b', 'c'],
      },
      icd10cmCategory: {
        patients: 2,
        distinctCodes: 1,
        topCodes: [{ system: ICD_10_CM, code: 'C90.0', patients: 2 }],
        patientIds: ['a', 'b'],
      },
      codeExtension: { patients: 0, distinctCodes: 0, topCodes: [], patientIds: [] },
    });
  });

  it('lists the ten codes most patients carry, ties by system and code, and counts the rest', () => {
    const tally = emptyTally();
    // Code K<n> on n patients, n = 1..12; K03 twice as often in another system too.
    for (let n = 1; n <= 12; n += 1)
      for (let p = 0; p < n; p += 1)
        addPatient(
          tally,
          `p${String(n)}-${String(p)}`,
          result([
            { kind: 'unknownSystem', system: 'urn:local', code: `K${String(n).padStart(2, '0')}` },
          ]),
          { listsIds: false },
        );
    for (let p = 0; p < 3; p += 1)
      addPatient(
        tally,
        `q${String(p)}`,
        result([{ kind: 'unknownSystem', system: undefined, code: 'K03' }]),
        { listsIds: false },
      );
    const section = buildReport(tally, { ...meta, showIds: false }, input).codesNotRead;
    expect(section?.unknownSystem.patients).toBe(78 + 3);
    expect(section?.unknownSystem.distinctCodes).toBe(13);
    // Every system is listed, however many codes: 1 + 2 + … + 12 patients in urn:local. No
    // value set can hold a code with no system: the feed must send one (H93).
    expect(section?.unknownSystem.systems).toEqual([
      { system: 'urn:local', patients: 78 },
      {
        patients: 3,
        feedFix: 'a code with no system can be in no value set: the feed must send its system',
      },
    ]);
    expect(section?.unknownSystem.topCodes.map((c) => [c.system, c.code, c.patients])).toEqual([
      ['urn:local', 'K12', 12],
      ['urn:local', 'K11', 11],
      ['urn:local', 'K10', 10],
      ['urn:local', 'K09', 9],
      ['urn:local', 'K08', 8],
      ['urn:local', 'K07', 7],
      ['urn:local', 'K06', 6],
      ['urn:local', 'K05', 5],
      ['urn:local', 'K04', 4],
      // Three patients each: the code without a system first.
      [undefined, 'K03', 3],
    ]);
    expect(section?.unknownSystem).not.toHaveProperty('patientIds');
  });
});
