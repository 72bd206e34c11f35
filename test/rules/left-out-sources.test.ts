/**
 * The explain trace names each imaging a finding cites but does not show as its source, and
 * why (H46's residual risk): a study or report entered in error or cancelled, a report whose
 * every study is entered in error, another patient's study or report, and one that names no
 * patient (rules page §2, §6).
 * One line per source left out, said of the Condition that cites it, after its finding line;
 * none for a source shown or for one the record never received.
 */
import { describe, expect, it } from 'vitest';
import { collectFindings } from '../../src/rules/collect-findings.js';
import type { TraceLine } from '../../src/rules/types.js';
import {
  defaultRuleSettings,
  liverPlasmacytomaCiting,
  PATIENT_ID,
  recentPetCt,
  recordOf,
  NOW,
} from './fixtures.js';

const study = (id: string, status: fhir4.ImagingStudy['status'], subject?: string | null) =>
  recentPetCt(id, status, subject);
const report = (
  id: string,
  studies: string[],
  status: fhir4.DiagnosticReport['status'] = 'final',
): fhir4.DiagnosticReport => ({
  resourceType: 'DiagnosticReport',
  id,
  status,
  subject: { reference: `Patient/${PATIENT_ID}` },
  code: { text: 'PET/CT report' },
  imagingStudy: studies.map((reference) => ({ reference })),
});

/** The trace lines about the finding pc1, after the first (its finding line). */
function linesAfterFinding(resources: fhir4.Resource[]): TraceLine[] {
  const { trace } = collectFindings(recordOf(resources), defaultRuleSettings, NOW);
  const own = trace.filter((line) => line.reference === 'Condition/pc1');
  expect(own[0]?.message).toMatch(/^active finding, class emd: /);
  return own.slice(1);
}
const leftOut = (message: string): TraceLine => ({ reference: 'Condition/pc1', message });

describe('the trace names each cited source left out, and why', () => {
  const cases: [string, fhir4.Resource[], string[]][] = [
    [
      'a study entered in error',
      [study('s1', 'entered-in-error'), liverPlasmacytomaCiting('ImagingStudy/s1')],
      [
        'source ImagingStudy/s1 left out: the study is entered-in-error (created in error, often under the wrong patient)',
      ],
    ],
    [
      'a study cancelled',
      [study('s1', 'cancelled'), liverPlasmacytomaCiting('ImagingStudy/s1')],
      [
        'source ImagingStudy/s1 left out: the study is cancelled (not started or not completed), so nothing was seen on it',
      ],
    ],
    [
      'a report entered in error and a report cancelled',
      [
        study('s1', 'available'),
        report('r1', ['ImagingStudy/s1'], 'entered-in-error'),
        report('r2', ['ImagingStudy/s1'], 'cancelled'),
        liverPlasmacytomaCiting('DiagnosticReport/r1', 'DiagnosticReport/r2'),
      ],
      [
        'source DiagnosticReport/r1 left out: the report is entered-in-error',
        'source DiagnosticReport/r2 left out: the report is cancelled',
      ],
    ],
    [
      'a report whose only study is entered in error',
      [
        study('s1', 'entered-in-error'),
        report('r1', ['ImagingStudy/s1']),
        liverPlasmacytomaCiting('DiagnosticReport/r1'),
      ],
      [
        "source DiagnosticReport/r1 left out: the study it reports on, ImagingStudy/s1, is entered-in-error (created in error, often under the wrong patient), so the report's imaging was withdrawn",
      ],
    ],
    [
      "another patient's study",
      [study('s1', 'available', 'Patient/p2'), liverPlasmacytomaCiting('ImagingStudy/s1')],
      [
        "source ImagingStudy/s1 left out: it is another patient's (dropped: its subject is not the patient of this hook call)",
      ],
    ],
    [
      'a study that names no patient',
      [study('s1', 'available', null), liverPlasmacytomaCiting('ImagingStudy/s1')],
      [
        'source ImagingStudy/s1 left out: it names no patient (dropped: it has no subject reference, so nothing shows it is the patient of this hook call)',
      ],
    ],
    [
      'a study whose subject is a Patient it contains (probe 14 b7)',
      [study('s1', 'available', '#pt'), liverPlasmacytomaCiting('ImagingStudy/s1')],
      [
        'source ImagingStudy/s1 left out: it names a patient who cannot be identified (dropped: its subject reference names no Patient of this hook call, so whose it is cannot be told)',
      ],
    ],
    [
      'a report whose only study names a urn:uuid no resource has (probe 14 c12)',
      [
        study('s1', 'available', 'urn:uuid:never-resolved'),
        report('r1', ['ImagingStudy/s1']),
        liverPlasmacytomaCiting('DiagnosticReport/r1'),
      ],
      [
        "source DiagnosticReport/r1 left out: the study it reports on, ImagingStudy/s1, names a patient who cannot be identified (dropped: its subject reference names no Patient of this hook call, so whose it is cannot be told), so the report's imaging cannot be tied to this patient",
      ],
    ],
  ];
  for (const [name, resources, messages] of cases) {
    it(`says so for ${name}`, () => {
      expect(linesAfterFinding(resources)).toEqual(messages.map(leftOut));
    });
  }

  it('says nothing of a source shown, nor of one the record never received', () => {
    expect(
      linesAfterFinding([
        study('s1', 'available'),
        liverPlasmacytomaCiting('ImagingStudy/s1', 'ImagingStudy/s9'),
      ]),
    ).toEqual([]);
  });
});
