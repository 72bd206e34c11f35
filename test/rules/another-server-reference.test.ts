/**
 * A finding's evidence that names a study on another FHIR server is not this server's study of
 * the same id (H133). FHIR R4 Bundle, "Resolving references in Bundles": an absolute reference
 * names the entry whose fullUrl it is. Rules page §4 `emd-reported-not-listed`: a report whose
 * conclusion no non-refuted finding Condition lists ("cites that report or its study in
 * `evidence.detail` nor has the same code and site") is proposed for the problem list.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/evaluate.js';
import { buildPatientRecord } from '../../src/rules/patient-record.js';
import type { HookContext } from '../../src/rules/types.js';
import {
  condition,
  daysFrom,
  defaultRuleSettings,
  icd,
  liverPlasmacytomaReport,
  myeloma,
  NOW,
  PATIENT_ID,
  recentPetCt,
  SITE,
} from './fixtures.js';

const BASE = 'https://ehr.example.org/fhir';
const PATIENT_VIEW: HookContext = { kind: 'patient-view', patientId: PATIENT_ID };

/** A kidney plasmacytoma citing `study`, this server's PET/CT s1 and its report on the liver. */
function evaluationCiting(study: string) {
  const kidney = condition('pc-kidney', {
    code: [icd('C90.20')],
    sites: [SITE.kidney],
    onset: daysFrom(NOW, -15),
    extra: { evidence: [{ detail: [{ reference: study }] }] },
  });
  const resources = [
    myeloma('mm', { onset: daysFrom(NOW, -700) }),
    kidney,
    recentPetCt('s1'),
    liverPlasmacytomaReport('r1', ['ImagingStudy/s1']),
  ];
  const record = buildPatientRecord(
    PATIENT_ID,
    resources.map((resource) => ({
      resource,
      fullUrl: `${BASE}/${resource.resourceType}/${resource.id ?? ''}`,
    })),
  );
  return evaluate({ record, settings: defaultRuleSettings, context: PATIENT_VIEW, now: NOW });
}

const fired = (evaluation: ReturnType<typeof evaluationCiting>) =>
  evaluation.outcomes.filter((o) => o.fired).map((o) => o.ruleId);

describe("evidence naming another server's study of the same id (H133)", () => {
  it("does not list this server's report on its study of that id: the report is proposed", () => {
    expect(fired(evaluationCiting('https://other.example.org/fhir/ImagingStudy/s1'))).toContain(
      'emd-reported-not-listed',
    );
  });

  it('lists it when the evidence names this server (absolutely or relatively)', () => {
    for (const reference of [`${BASE}/ImagingStudy/s1`, 'ImagingStudy/s1']) {
      expect(fired(evaluationCiting(reference))).not.toContain('emd-reported-not-listed');
    }
  });
});
