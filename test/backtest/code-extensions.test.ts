/**
 * H109 over a population: the backtest's "codes not read" section counts the patients with a
 * Condition coded with a national or local extension of a value-set code, per code, as it
 * counts H76's categories. Rules page §2: a code matches by system + code, so `C90.000`,
 * `C90.200x001` (ICD-10-CM URI) and `97320/3` (ICD-O-3 URI) are in no value set; §5 holds
 * C90.00, C90.20 and 9732/3. Every count is typed from that reading of the export below.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { compareCodesNotRead } from '../../src/backtest/codes-not-read-change.js';
import type { CodesNotReadReport } from '../../src/backtest/codes-not-read.js';
import { renderHtml } from '../../src/backtest/render-html.js';
import { renderTable } from '../../src/backtest/render-table.js';
import {
  backtest,
  condition,
  ICD_10_CM,
  SHIPPED,
  TIMEOUT_MS,
  type ConditionsByPatient,
} from './codes-not-read-export.js';
import { removeScratch } from './run-cli.js';

const ICD_O_3 = 'http://terminology.hl7.org/CodeSystem/icd-o-3';
const LIVER = { coding: [{ system: 'http://snomed.info/sct', code: '10200004' }] };
const REFUTED = {
  verificationStatus: {
    coding: [
      { system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'refuted' },
    ],
  },
};

const EXPORT: ConditionsByPatient = {
  // Myeloma read; a liver plasmacytoma in the national edition's extension, twice spelled.
  'ext-1': [
    condition('ext-1', ICD_10_CM, 'C90.00'),
    condition('ext-1', ICD_10_CM, 'C90.200x001', { bodySite: [LIVER] }),
  ],
  'ext-2': [
    condition('ext-2', ICD_10_CM, 'C90.00'),
    condition('ext-2', ICD_10_CM, 'C90200X001', { bodySite: [LIVER] }),
    condition('ext-2', ICD_10_CM, 'C90.200x002', { bodySite: [LIVER] }),
  ],
  // Myeloma not read: coded C90.000, or ICD-O-3 with a fifth morphology digit.
  'ext-3': [condition('ext-3', ICD_10_CM, 'C90.000')],
  'ext-4': [condition('ext-4', ICD_O_3, '97320/3')],
  // Not counted: refuted, a value-set code as sent, an unrelated ICD-10-CM code.
  'refuted-1': [condition('refuted-1', ICD_10_CM, 'C90.200x001', REFUTED)],
  'mm-1': [condition('mm-1', ICD_10_CM, 'C90.00'), condition('mm-1', ICD_10_CM, 'E11.649')],
};

describe(
  'the backtest counts extensions of value-set codes (H109)',
  { timeout: TIMEOUT_MS },
  () => {
    afterAll(removeScratch);

    it('per code as the project reads it, with what to do, naming no patient', async () => {
      const report = await backtest('patient-view', Buffer.alloc(32, 7), undefined, EXPORT);
      const section = report.codesNotRead;
      expect(section?.patients).toBe(4);
      expect(section?.codeExtension).toEqual({
        patients: 4,
        distinctCodes: 4,
        topCodes: [
          { system: ICD_10_CM, code: 'C90.200X001', patients: 2 },
          { system: ICD_10_CM, code: 'C90.000', patients: 1 },
          { system: ICD_10_CM, code: 'C90.200X002', patients: 1 },
          { system: ICD_O_3, code: '97320/3', patients: 1 },
        ],
      });
      expect(section?.icd10cmCategory.patients).toBe(0);

      const table = renderTable(report);
      expect(table).toContain(
        'a national or local extension of a value-set code (ICD-10-CM, ICD-O-3): 4 patients (add each code to the value set of the code it extends if it means that code, or have the feed send that code',
      );
      expect(table).toContain(`C90.200X001 in ${ICD_10_CM}: 2 patients`);
      expect(table).toContain(`97320/3 in ${ICD_O_3}: 1 patient`);
      expect(renderHtml(report)).toContain(
        `<tr><td>C90.200X001</td><td>${ICD_10_CM}</td><td>2</td></tr>`,
      );
    });

    it('lists the patients by id under --show-ids', async () => {
      const report = await backtest('patient-view', undefined, { configuration: SHIPPED }, EXPORT);
      expect(report.codesNotRead?.codeExtension.patientIds).toEqual([
        'ext-1',
        'ext-2',
        'ext-3',
        'ext-4',
      ]);
    });
  },
);

describe('--compare against a report written before extensions were counted', () => {
  it('reads their count there as unknown, not as 0', () => {
    const kind = (patients: number) => ({
      patients,
      distinctCodes: patients,
      topCodes: patients ? [{ system: ICD_10_CM, code: 'C90.000', patients }] : [],
    });
    const now: CodesNotReadReport = {
      patients: 2,
      unknownSystem: kind(0),
      icd10cmCategory: kind(0),
      codeExtension: kind(2),
    };
    // As an earlier run's --json holds it: no codeExtension at all.
    const before = { patients: 0, unknownSystem: kind(0), icd10cmCategory: kind(0) };
    const change = compareCodesNotRead(now, before as unknown as CodesNotReadReport);
    expect(change.byKind.codeExtension.patients).toEqual({ before: undefined, now: 2 });
    expect(change.byKind.codeExtension.codes).toEqual([
      { system: ICD_10_CM, code: 'C90.000', before: undefined, now: 2 },
    ]);
  });
});
