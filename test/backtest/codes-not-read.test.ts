/**
 * The backtest's "codes not read" section: how many patients carry a diagnosis the rules read
 * as nothing, by kind, and the codes most of them carry (docs/clinical-safety.md H74, H76;
 * docs/backtest.md §2). Rules page §2: a code matches by system + code from the value sets,
 * so a myeloma coded with the ICD-10-CM subcategory C90.0 (value sets: C90.00, C90.01, C90.02)
 * or in China's national clinical edition (C90.000, a system no shipped value set uses) makes
 * no myeloma patient (§3.1). Every count below is typed from that reading of the export.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BacktestReport } from '../../src/backtest/backtest-report.js';
import { buildReport } from '../../src/backtest/backtest-report.js';
import type { PatientResult } from '../../src/backtest/evaluate-patient.js';
import { openExportSource } from '../../src/backtest/export-source.js';
import { renderHtml } from '../../src/backtest/render-html.js';
import { renderTable } from '../../src/backtest/render-table.js';
import { runBacktest } from '../../src/backtest/run-backtest.js';
import { addPatient, emptyTally, mergeTally } from '../../src/backtest/tally.js';
import { loadDefaultSettings } from '../../src/config/load-settings.js';
import { removeScratch, scratch } from './run-cli.js';

/** DuckDB and a worker thread under tsx on a shared 2-core machine. */
const TIMEOUT_MS = 120_000;
const NOW = new Date('2026-11-01T00:00:00Z');
const ICD_10_CM = 'http://hl7.org/fhir/sid/icd-10-cm';
const WHO_ICD_10 = 'http://hl7.org/fhir/sid/icd-10';
/** China's national ICD-10 code table (docs/configuring.md example h). */
const CN = 'urn:oid:2.16.156.10011.2.3.3.11';
const LIVER = { coding: [{ system: 'http://snomed.info/sct', code: '10200004' }] };

let conditionCount = 0;
function condition(
  patient: string,
  system: string,
  code: string,
  extra: Record<string, unknown> = {},
): object {
  conditionCount += 1;
  return {
    resourceType: 'Condition',
    id: `c${String(conditionCount)}`,
    subject: { reference: `Patient/${patient}` },
    code: { coding: [{ system, code }] },
    onsetDateTime: '2026-09-01',
    ...extra,
  };
}

/** Patient id → its Conditions. */
const EXPORT: Record<string, object[]> = {
  // ICD-10-CM categories (H76): C90.0 with and without its dot, C90.2 for a plasmacytoma.
  'cat-1': [condition('cat-1', ICD_10_CM, 'C90.0')],
  'cat-2': [condition('cat-2', ICD_10_CM, 'C900')],
  'cat-3': [
    condition('cat-3', ICD_10_CM, 'C90.0'),
    condition('cat-3', ICD_10_CM, 'C90.2', { bodySite: [LIVER] }),
  ],
  // The national clinical edition (H74): myeloma C90.000, and a hypertension I10.x00.
  'cn-1': [condition('cn-1', CN, 'C90.000')],
  'cn-2': [condition('cn-2', CN, 'C90.000'), condition('cn-2', CN, 'I10.x00')],
  // Both kinds, in two Conditions.
  'both-1': [condition('both-1', ICD_10_CM, 'C90.0'), condition('both-1', CN, 'C90.000')],
  // Ordinary patients. A myeloma patient's WHO ICD-10 hypertension is not looked for (the
  // trace names unknown systems only when no myeloma was read); a refuted C90.0 is not read
  // as anything (rules page §2), so it is not counted either.
  'mm-1': [
    condition('mm-1', ICD_10_CM, 'C90.00'),
    condition('mm-1', ICD_10_CM, 'C90.20', { bodySite: [LIVER] }),
  ],
  'mm-who': [condition('mm-who', ICD_10_CM, 'C90.00'), condition('mm-who', WHO_ICD_10, 'I10')],
  'htn-1': [condition('htn-1', ICD_10_CM, 'I10')],
  'refuted-1': [
    condition('refuted-1', ICD_10_CM, 'C90.0', {
      verificationStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
            code: 'refuted',
          },
        ],
      },
    }),
  ],
  'empty-1': [],
};

const EXPECTED_SECTION = {
  patients: 6,
  unknownSystem: {
    patients: 3,
    distinctCodes: 2,
    topCodes: [
      { system: CN, code: 'C90.000', patients: 3 },
      { system: CN, code: 'I10.x00', patients: 1 },
    ],
  },
  icd10cmCategory: {
    patients: 4,
    distinctCodes: 2,
    topCodes: [
      { system: ICD_10_CM, code: 'C90.0', patients: 4 },
      { system: ICD_10_CM, code: 'C90.2', patients: 1 },
    ],
  },
};

function writeExport(): string {
  const dir = scratch('emd-cds-unread-');
  const ids = Object.keys(EXPORT);
  const lines = (resources: object[]) => `${resources.map((r) => JSON.stringify(r)).join('\n')}\n`;
  writeFileSync(
    join(dir, 'Patient.ndjson'),
    lines(ids.map((id) => ({ resourceType: 'Patient', id }))),
  );
  writeFileSync(join(dir, 'Condition.ndjson'), lines(Object.values(EXPORT).flat()));
  return dir;
}

async function backtest(
  hook: 'patient-view' | 'imaging-review',
  auditSecret: Buffer | undefined,
): Promise<BacktestReport> {
  const dir = writeExport();
  const report = await runBacktest(
    await openExportSource(dir, { memoryLimit: '200MB', threads: 1 }),
    {
      hook,
      now: NOW,
      configuration: { file: undefined, settings: loadDefaultSettings() },
      auditSecret,
      workers: 1,
    },
  );
  // As --json writes it.
  return JSON.parse(JSON.stringify(report)) as BacktestReport;
}

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
  const result = (codes: PatientResult['codesNotRead']): PatientResult => ({
    isMyelomaPatient: false,
    cards: [],
    invalidResources: 0,
    refused: false,
    codesNotRead: codes,
  });
  const c900 = { kind: 'icd10cmCategory', system: ICD_10_CM, code: 'C90.0' } as const;
  const cn = { kind: 'unknownSystem', system: CN, code: 'C90.000' } as const;
  const meta = { hook: 'patient-view', now: NOW, configHash: 'h', configFile: undefined } as const;
  const input = {
    source: 'test',
    resources: 0,
    malformedLines: 0,
    malformed: [],
    withoutPatient: 0,
    otherTypes: 0,
    patientsNotRead: [],
  };

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
        topCodes: [{ system: CN, code: 'C90.000', patients: 2 }],
        patientIds: ['b', 'c'],
      },
      icd10cmCategory: {
        patients: 2,
        distinctCodes: 1,
        topCodes: [{ system: ICD_10_CM, code: 'C90.0', patients: 2 }],
        patientIds: ['a', 'b'],
      },
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
