/**
 * The explain trace line for a report `emd-reported-not-listed` (rules page §4) sets aside
 * because every study it reports on is entered in error (§6), another patient's, or names no
 * patient (§2) (H45, H48). The line names each kind of study, and its conclusion follows from
 * the kinds named: only a study of another patient makes the report "may be another patient's".
 * Each expected line is typed by hand.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/evaluate.js';
import {
  defaultRuleSettings,
  icd,
  liverPlasmacytomaReport,
  myeloma,
  NOW,
  PATIENT_ID,
  recentPetCt,
  recordOf,
} from './fixtures.js';

const mm = myeloma('mm', { code: [icd('C90.02')], onset: '2023-03-14' });

/** A PET/CT 20 days ago entered in error, another patient's, or naming no patient. */
const voided = (id: string) => recentPetCt(id, 'entered-in-error');
const others = (id: string) => recentPetCt(id, 'available', 'Patient/p2');
const nobodys = (id: string) => recentPetCt(id, 'available', null);

function traceOf(studies: fhir4.ImagingStudy[]): readonly string[] {
  const report = liverPlasmacytomaReport(
    'r1',
    studies.map((s) => `ImagingStudy/${s.id ?? ''}`),
  );
  const outcome = evaluate({
    record: recordOf([mm, ...studies, report]),
    settings: defaultRuleSettings,
    context: { kind: 'patient-view', patientId: PATIENT_ID },
    now: NOW,
  }).outcomes.find((o) => o.ruleId === 'emd-reported-not-listed');
  expect(outcome?.fired).toBe(false);
  return outcome?.explain ?? [];
}

describe('the trace line for a report set aside for its studies (rules page §2, §4, §6)', () => {
  const rows: [string, fhir4.ImagingStudy[], string][] = [
    [
      'its only study is entered in error',
      [voided('s1')],
      "DiagnosticReport/r1 ignored: the study it reports on, ImagingStudy/s1, is entered-in-error (created in error, often under the wrong patient), so the report's imaging was withdrawn",
    ],
    [
      'both its studies are entered in error',
      [voided('s1'), voided('s2')],
      "DiagnosticReport/r1 ignored: every study it reports on (ImagingStudy/s1, ImagingStudy/s2) is entered-in-error (created in error, often under the wrong patient), so the report's imaging was withdrawn",
    ],
    [
      'its only study names no patient',
      [nobodys('s1')],
      "DiagnosticReport/r1 ignored: the study it reports on, ImagingStudy/s1, names no patient (dropped: it has no subject reference, so nothing shows it is the patient of this hook call), so the report's imaging cannot be tied to this patient",
    ],
    [
      'both its studies name no patient',
      [nobodys('s1'), nobodys('s2')],
      "DiagnosticReport/r1 ignored: every study it reports on (ImagingStudy/s1, ImagingStudy/s2) names no patient (dropped: it has no subject reference, so nothing shows it is the patient of this hook call), so the report's imaging cannot be tied to this patient",
    ],
    [
      'one study is entered in error and the other names no patient',
      [nobodys('s1'), voided('s2')],
      "DiagnosticReport/r1 ignored: every study it reports on is entered-in-error (ImagingStudy/s2, created in error, often under the wrong patient) or names no patient (ImagingStudy/s1, dropped: it has no subject reference, so nothing shows it is the patient of this hook call), so the report's imaging was withdrawn or cannot be tied to this patient",
    ],
    [
      "its only study is another patient's",
      [others('s1')],
      "DiagnosticReport/r1 ignored: the study it reports on, ImagingStudy/s1, is another patient's (dropped: its subject is not the patient of this hook call), so the report may be another patient's",
    ],
    [
      "one study is another patient's and the other names no patient",
      [others('s1'), nobodys('s2')],
      "DiagnosticReport/r1 ignored: every study it reports on is another patient's (ImagingStudy/s1, dropped: its subject is not the patient of this hook call) or names no patient (ImagingStudy/s2, dropped: it has no subject reference, so nothing shows it is the patient of this hook call), so the report may be another patient's",
    ],
    [
      "one study is another patient's and the other entered in error",
      [others('s1'), voided('s2')],
      "DiagnosticReport/r1 ignored: every study it reports on is entered-in-error (ImagingStudy/s2, created in error, often under the wrong patient) or another patient's (ImagingStudy/s1, dropped: its subject is not the patient of this hook call), so the report may be another patient's",
    ],
  ];
  for (const [name, studies, line] of rows) {
    it(`says what follows when ${name}`, () => {
      expect(traceOf(studies)).toContain(line);
    });
  }
});
