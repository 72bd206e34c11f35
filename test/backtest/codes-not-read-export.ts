/**
 * The export the codes-not-read tests run the backtest over: eleven patients, six of them
 * with a diagnosis the rules read as nothing (docs/clinical-safety.md H74, H76), and the
 * section the shipped configuration gives, typed from the rules page (see
 * ./codes-not-read.test.ts). `backtest()` also runs over a test's own export
 * (./codes-not-read-systems.test.ts).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BacktestReport } from '../../src/backtest/backtest-report.js';
import type { PatientResult } from '../../src/backtest/evaluate-patient.js';
import { openExportSource } from '../../src/backtest/export-source.js';
import { runBacktest, type BacktestConfiguration } from '../../src/backtest/run-backtest.js';
import { loadDefaultSettings } from '../../src/config/load-settings.js';
import { scratch } from './run-cli.js';

/** DuckDB and a worker thread under tsx on a shared 2-core machine. */
export const TIMEOUT_MS = 120_000;
export const NOW = new Date('2026-11-01T00:00:00Z');
export const ICD_10_CM = 'http://hl7.org/fhir/sid/icd-10-cm';
export const WHO_ICD_10 = 'http://hl7.org/fhir/sid/icd-10';
/** China's national ICD-10 code table (docs/configuring.md example h). */
export const CN = 'urn:oid:2.16.156.10011.2.3.3.11';
const LIVER = { coding: [{ system: 'http://snomed.info/sct', code: '10200004' }] };

let conditionCount = 0;
export function condition(
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
export type ConditionsByPatient = Record<string, object[]>;

const EXPORT: ConditionsByPatient = {
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

export const EXPECTED_SECTION = {
  patients: 6,
  unknownSystem: {
    patients: 3,
    distinctCodes: 2,
    // cn-1, cn-2 and both-1.
    systems: [{ system: CN, patients: 3 }],
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
  // No extension of a value-set code in this export (H109: ./code-extensions.test.ts).
  codeExtension: { patients: 0, distinctCodes: 0, topCodes: [] },
};

export function writeExport(conditions: ConditionsByPatient = EXPORT): string {
  const dir = scratch('emd-cds-unread-');
  const ids = Object.keys(conditions);
  const lines = (resources: object[]) => `${resources.map((r) => JSON.stringify(r)).join('\n')}\n`;
  writeFileSync(
    join(dir, 'Patient.ndjson'),
    lines(ids.map((id) => ({ resourceType: 'Patient', id }))),
  );
  writeFileSync(join(dir, 'Condition.ndjson'), lines(Object.values(conditions).flat()));
  return dir;
}

export const SHIPPED: BacktestConfiguration = { file: undefined, settings: loadDefaultSettings() };

export async function backtest(
  hook: 'patient-view' | 'imaging-review',
  auditSecret: Buffer | undefined,
  configurations: { configuration: BacktestConfiguration; compareWith?: BacktestConfiguration } = {
    configuration: SHIPPED,
  },
  conditions: ConditionsByPatient = EXPORT,
): Promise<BacktestReport> {
  const dir = writeExport(conditions);
  const report = await runBacktest(
    await openExportSource(dir, { memoryLimit: '200MB', threads: 1 }),
    { hook, now: NOW, ...configurations, auditSecret, workers: 1 },
  );
  // As --json writes it.
  return JSON.parse(JSON.stringify(report)) as BacktestReport;
}

/** A patient's evaluation with only its codes not read: what the tally tests add up. */
export const resultWith = (codes: PatientResult['codesNotRead']): PatientResult => ({
  isMyelomaPatient: false,
  cards: [],
  invalidResources: 0,
  refused: false,
  sentInPart: false,
  codesNotRead: codes,
});

/**
 * What buildReport is told of a run besides its tally: no export read, nothing set aside, the
 * shipped terminology.
 */
export const TALLY_META = {
  hook: 'patient-view',
  now: NOW,
  configHash: 'h',
  configFile: undefined,
  terminology: loadDefaultSettings().rules.terminology,
  disabledRules: new Set<never>(),
  silentRules: new Set<never>(),
} as const;
export const NO_INPUT = {
  source: 'test',
  resources: 0,
  malformedLines: 0,
  malformed: [],
  withoutPatient: 0,
  otherTypes: 0,
  patientsNotRead: [],
};
