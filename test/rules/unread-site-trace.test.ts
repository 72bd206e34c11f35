/**
 * The finding's trace line for a plasmacytoma whose body site is coded in a system no value set
 * uses (H74's trace, for body sites): a brain plasmacytoma whose SNOMED CT site 12738006 comes
 * under the edition URI (which belongs in Coding.version) or under https. Rules page §2 matches
 * by system + code, so the finding stays `unclassified` (§3.3) and keeps its info card; the line
 * now names the site and its system. Each expected line is typed by hand.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/evaluate.js';
import {
  condition,
  defaultRuleSettings,
  icd,
  myeloma,
  NOW,
  PATIENT_ID,
  recordOf,
} from './fixtures.js';

const mm = myeloma('mm', { code: [icd('C90.00')], onset: '2025-01-01' });

function evaluationOf(siteSystem: string) {
  const pc1 = condition('pc1', {
    code: [{ ...icd('C90.20'), display: 'EMP' }],
    sites: [{ system: siteSystem, code: '12738006', display: 'Brain structure' }],
    clinicalStatus: 'active',
    verificationStatus: 'confirmed',
    onset: '2026-09-01',
  });
  return evaluate({
    record: recordOf([mm, pc1]),
    settings: defaultRuleSettings,
    context: { kind: 'patient-view', patientId: PATIENT_ID },
    now: NOW,
  });
}

describe('the trace of a finding whose site is coded in a system no value set uses (H74)', () => {
  for (const system of ['http://snomed.info/sct/900000000000207008', 'https://snomed.info/sct']) {
    it(`names site 12738006 and its system ${system}, and keeps the unclassified card`, () => {
      const evaluation = evaluationOf(system);
      expect(evaluation.trace).toContainEqual({
        reference: 'Condition/pc1',
        message: `active finding, class unclassified: no body site is in a site value set; site 12738006 (Brain structure) is coded in ${system}, a code system no loaded value set uses, so it was not read; correct the system where the record is written (a code system's edition or version belongs in Coding.version), or add the code to a site value set (docs/configuring.md, example a)`,
      });
      const fired = evaluation.outcomes.filter((o) => o.fired).map((o) => o.ruleId);
      expect(fired).toEqual(['emd-unclassified']);
    });
  }

  it('classifies the same site under http://snomed.info/sct as CNS, with no such words', () => {
    const evaluation = evaluationOf('http://snomed.info/sct');
    expect(evaluation.trace).toContainEqual({
      reference: 'Condition/pc1',
      message:
        'active finding, class cns: body site 12738006 (Brain structure) is in https://fhir.emd-cds.org/ValueSet/site-cns',
    });
  });
});
