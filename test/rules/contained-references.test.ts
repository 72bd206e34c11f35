/**
 * A local reference (`#img1`) names a resource contained in the one it is written in, and only
 * there (FHIR R4 §2.3.0.6 "Contained resources"): two resources' `#img1` are two studies, and
 * converters number contained resources `#1`, `#2`, so such names clash (H140, probe 14 F1).
 * Rules page §4 `emd-reported-not-listed`: a report's finding is listed only when a non-refuted
 * finding Condition "cites that report or its study in `evidence.detail`" or has the same code
 * and site; a refuted one citing it does not list it, and the card says so (H87).
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/evaluate.js';
import { buildPatientRecord, canonicalReference } from '../../src/rules/patient-record.js';
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
  recordOf,
  SITE,
} from './fixtures.js';

const PATIENT_VIEW: HookContext = { kind: 'patient-view', patientId: PATIENT_ID };

/** A PET/CT as a converter contains it: local id `id`, no subject of its own. */
function containedPetCt(id: string): fhir4.ImagingStudy {
  const { subject: _own, ...study } = recentPetCt(id);
  return study as fhir4.ImagingStudy;
}

/** A brain plasmacytoma citing the PET/CT it contains as `#img1`. */
function brainCitingOwnStudy(verificationStatus = 'confirmed'): fhir4.Condition {
  return condition('pc1', {
    code: [icd('C90.22')],
    sites: [SITE.brain],
    verificationStatus,
    onset: daysFrom(NOW, -15),
    extra: {
      contained: [containedPetCt('img1')],
      evidence: [{ detail: [{ reference: '#img1' }] }],
    },
  });
}

/** A report on the PET/CT it contains as `#img1`, concluding a liver plasmacytoma. */
const liverReportOnOwnStudy = (): fhir4.DiagnosticReport => ({
  ...liverPlasmacytomaReport('r1', ['#img1']),
  contained: [containedPetCt('img1')],
});

function evaluationOf(resources: fhir4.Resource[]) {
  const record = recordOf([myeloma('mm', { onset: daysFrom(NOW, -700) }), ...resources]);
  return evaluate({ record, settings: defaultRuleSettings, context: PATIENT_VIEW, now: NOW });
}
const reportedNotListed = (evaluation: ReturnType<typeof evaluationOf>) =>
  evaluation.outcomes.find((o) => o.ruleId === 'emd-reported-not-listed');

describe('canonicalReference of a local reference (H140)', () => {
  const record = recordOf([brainCitingOwnStudy(), liverReportOnOwnStudy()]);

  it('names it with the resource it is written in, so two containers never compare equal', () => {
    expect(canonicalReference(record, '#img1', 'Condition/pc1')).toBe('Condition/pc1#img1');
    expect(canonicalReference(record, '#img1', 'DiagnosticReport/r1')).toBe(
      'DiagnosticReport/r1#img1',
    );
  });

  it('never resolves it to an entry of the call, whatever fullUrl the entry came with', () => {
    const misnamed = buildPatientRecord(PATIENT_ID, [
      { resource: recentPetCt('s1'), fullUrl: '#img1' },
    ]);
    expect(misnamed.resolve('#img1')).toBeUndefined();
    expect(canonicalReference(misnamed, '#img1', 'Condition/pc1')).toBe('Condition/pc1#img1');
  });

  it('keeps naming other references as before', () => {
    expect(canonicalReference(record, 'ImagingStudy/s9/_history/2', 'Condition/pc1')).toBe(
      'ImagingStudy/s9',
    );
    expect(canonicalReference(record, 'DiagnosticReport/r1', 'Condition/pc1')).toBe(
      'DiagnosticReport/r1',
    );
  });
});

describe('a Condition and a report each citing their own contained `#img1` (H140)', () => {
  it('does not list the report: emd-reported-not-listed fires, proposing the liver', () => {
    const outcome = reportedNotListed(
      evaluationOf([brainCitingOwnStudy(), liverReportOnOwnStudy()]),
    );
    expect(outcome?.fired).toBe(true);
    expect(outcome?.indicator).toBe('info');
    expect(outcome?.evidence).toEqual(['DiagnosticReport/r1']);
  });

  it('lists it when the Condition cites the report itself', () => {
    const citing = condition('pc1', {
      code: [icd('C90.22')],
      sites: [SITE.brain],
      onset: daysFrom(NOW, -15),
      extra: { evidence: [{ detail: [{ reference: 'DiagnosticReport/r1' }] }] },
    });
    expect(reportedNotListed(evaluationOf([citing, liverReportOnOwnStudy()]))?.fired).toBe(false);
  });

  it('does not call a refuted Condition citing its own `#img1` one that cites the report', () => {
    const outcome = reportedNotListed(
      evaluationOf([brainCitingOwnStudy('refuted'), liverReportOnOwnStudy()]),
    );
    expect(outcome?.fired).toBe(true);
    expect(outcome?.reported[0]?.refutedCiting).toBeUndefined();
    expect(outcome?.explain.join('\n')).not.toContain('refuted');
  });

  it("still says in the trace that the Condition's contained study is left out (H114)", () => {
    const evaluation = evaluationOf([brainCitingOwnStudy(), liverReportOnOwnStudy()]);
    expect(evaluation.trace).toContainEqual({
      reference: 'Condition/pc1',
      message:
        'source #img1 left out: it is contained in this Condition, and contained imaging is not read: neither shown as the source nor counted as recent imaging (rules page §3.4); send the study as a resource of its own',
    });
  });
});
