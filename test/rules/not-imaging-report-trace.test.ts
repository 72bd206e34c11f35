/**
 * The explain trace line for a recent report that concludes with a plasmacytoma code but is
 * not an imaging report (issue #13, H26): its category is not in the imaging-report value set
 * and it names no ImagingStudy. `emd-reported-not-listed` (rules page §4) does not read it, as
 * before, and the trace now says so, naming the report, its categories and the role a site adds
 * a category code to. Each expected line is typed by hand; the cards do not change.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/evaluate.js';
import type { RuleSettings } from '../../src/rules/types.js';
import {
  daysFrom,
  defaultRuleSettings,
  icd,
  liverPlasmacytomaReport,
  myeloma,
  NOW,
  PATIENT_ID,
  RAD,
  recordOf,
  SITE,
  terminologyAdding,
} from './fixtures.js';

const mm = myeloma('mm', { code: [icd('C90.02')], onset: '2023-03-14' });
const V2_0074 = 'http://terminology.hl7.org/CodeSystem/v2-0074';
const NMS: fhir4.Coding = { system: V2_0074, code: 'NMS', display: 'Nuclear Medicine Scan' };
const CT: fhir4.Coding = { system: V2_0074, code: 'CT' };
const LAB: fhir4.Coding = { system: V2_0074, code: 'LAB' };

/** The PET report of the probe (r1, 20 days ago, liver C90.20) with these categories, no study. */
function petReport(
  category: fhir4.CodeableConcept[] | undefined,
  extra: Partial<fhir4.DiagnosticReport> = {},
): fhir4.DiagnosticReport {
  const { category: _rad, imagingStudy: _none, ...report } = liverPlasmacytomaReport('r1', []);
  report.conclusionCode = [
    { coding: [{ ...icd('C90.20'), display: 'Extramedullary plasmacytoma' }] },
    { coding: [SITE.liver] },
  ];
  return { ...report, ...(category ? { category } : {}), ...extra };
}

function outcomeOf(report: fhir4.DiagnosticReport, settings: RuleSettings = defaultRuleSettings) {
  return evaluate({
    record: recordOf([mm, report]),
    settings,
    context: { kind: 'patient-view', patientId: PATIENT_ID },
    now: NOW,
  }).outcomes.find((o) => o.ruleId === 'emd-reported-not-listed');
}

const ADD_THE_CODE =
  'so it is not read as an imaging report (issue #13); if it is one, add its category code to the value set of the role imagingReportCategory (docs/configuring.md, example a)';

describe('the trace line for a report set aside for its category (issue #13, H26)', () => {
  const rows: [string, fhir4.CodeableConcept[] | undefined, string][] = [
    [
      'v2-0074 NMS (nuclear medicine scan)',
      [{ coding: [NMS] }],
      `DiagnosticReport/r1 ignored: it concludes with C90.20 (Extramedullary plasmacytoma), but its category, NMS (Nuclear Medicine Scan) in http://terminology.hl7.org/CodeSystem/v2-0074, is not in https://fhir.emd-cds.org/ValueSet/imaging-report-category and it names no ImagingStudy, ${ADD_THE_CODE}`,
    ],
    [
      'v2-0074 CT',
      [{ coding: [CT] }],
      `DiagnosticReport/r1 ignored: it concludes with C90.20 (Extramedullary plasmacytoma), but its category, CT in http://terminology.hl7.org/CodeSystem/v2-0074, is not in https://fhir.emd-cds.org/ValueSet/imaging-report-category and it names no ImagingStudy, ${ADD_THE_CODE}`,
    ],
    [
      'two categories, one given as text only',
      [{ coding: [CT] }, { text: 'PET' }],
      `DiagnosticReport/r1 ignored: it concludes with C90.20 (Extramedullary plasmacytoma), but its categories, CT in http://terminology.hl7.org/CodeSystem/v2-0074, "PET", are not in https://fhir.emd-cds.org/ValueSet/imaging-report-category and it names no ImagingStudy, ${ADD_THE_CODE}`,
    ],
    [
      'no category',
      undefined,
      'DiagnosticReport/r1 ignored: it concludes with C90.20 (Extramedullary plasmacytoma), but it has no category and names no ImagingStudy, so it is not read as an imaging report (issue #13); if it is one, its source should give it a category in https://fhir.emd-cds.org/ValueSet/imaging-report-category or name its ImagingStudy',
    ],
  ];
  for (const [name, category, line] of rows) {
    it(`names the report and its category when it is ${name}, and still gives no card`, () => {
      const outcome = outcomeOf(petReport(category));
      expect(outcome?.fired).toBe(false);
      expect(outcome?.explain).toEqual([
        'no recent imaging report concludes with a finding missing from the problem list',
        line,
      ]);
    });
  }

  it('adds no line for a report outside the imaging lookback', () => {
    const old = petReport([{ coding: [NMS] }], { effectiveDateTime: daysFrom(NOW, -400) });
    expect(outcomeOf(old)?.explain).toEqual([
      'no recent imaging report concludes with a finding missing from the problem list',
    ]);
  });

  it('adds no line for a laboratory report concluding no finding code', () => {
    const lab = petReport([{ coding: [LAB] }], {
      conclusionCode: [{ coding: [icd('D64.9')] }],
    });
    expect(outcomeOf(lab)?.explain).toEqual([
      'no recent imaging report concludes with a finding missing from the problem list',
    ]);
  });

  it('adds no line for a radiology report, which it reads (a card)', () => {
    const outcome = outcomeOf(petReport([{ coding: [RAD] }]));
    expect(outcome?.fired).toBe(true);
    expect(outcome?.explain.some((line) => line.includes('ignored'))).toBe(false);
  });

  it('reads the report, with no line, once a site adds NMS to the imaging-report value set', () => {
    const settings: RuleSettings = {
      ...defaultRuleSettings,
      terminology: terminologyAdding({
        'https://fhir.emd-cds.org/ValueSet/imaging-report-category': [NMS],
      }),
    };
    const outcome = outcomeOf(petReport([{ coding: [NMS] }]), settings);
    expect(outcome?.fired).toBe(true);
    expect(outcome?.explain.some((line) => line.includes('ignored'))).toBe(false);
  });
});
