/**
 * The finding's trace line for a plasmacytoma whose body site is coded in a system no value set
 * uses (H74's trace, for body sites). Rules page §2 matches by system + code, so the finding
 * stays `unclassified` (§3.3) and keeps its info card; the line names the site and its system,
 * and what a site can do (H93: the feed's fix, for a near miss no value set may name). A site
 * under an unmistakable spelling of SNOMED CT's URI (its edition URI, https) is read as SNOMED CT
 * (H93), and the trace says so once. Each expected line is typed by hand.
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
  it('names site 12738006 under http://www.snomed.info/sct, says to correct the feed, and keeps the unclassified card', () => {
    const system = 'http://www.snomed.info/sct';
    const evaluation = evaluationOf(system);
    expect(evaluation.trace).toContainEqual({
      reference: 'Condition/pc1',
      message: `active finding, class unclassified: no body site is in a site value set; site 12738006 (Brain structure) is coded in ${system}, a code system no loaded value set uses, so it was not read; "${system}" only looks like SNOMED CT's URI, and is not read as it: correct the feed or its interface mapping to send http://snomed.info/sct (no value set may name "${system}": validate refuses it)`,
    });
    const fired = evaluation.outcomes.filter((o) => o.fired).map((o) => o.ruleId);
    expect(fired).toEqual(['emd-unclassified']);
  });

  it('names a local system and says to add the code to a site value set', () => {
    const system = 'https://ehr.example.org/CodeSystem/sites';
    expect(evaluationOf(system).trace).toContainEqual({
      reference: 'Condition/pc1',
      message: `active finding, class unclassified: no body site is in a site value set; site 12738006 (Brain structure) is coded in ${system}, a code system no loaded value set uses, so it was not read; correct the system where the record is written, or add the code to a site value set (docs/configuring.md, example a)`,
    });
  });

  it('classifies the same site under http://snomed.info/sct as CNS, with no such words', () => {
    const evaluation = evaluationOf('http://snomed.info/sct');
    expect(evaluation.trace).toContainEqual({
      reference: 'Condition/pc1',
      message:
        'active finding, class cns: body site 12738006 (Brain structure) is in https://fhir.emd-cds.org/ValueSet/site-cns',
    });
    expect(evaluation.trace.filter((line) => line.message.startsWith('code system'))).toEqual([]);
  });
});

describe('a site under a near miss of SNOMED CT read as SNOMED CT (H93)', () => {
  const read: [string, string][] = [
    [
      'http://snomed.info/sct/900000000000207008',
      'an edition URI, which belongs in Coding.version',
    ],
    ['https://snomed.info/sct', 'https for http'],
  ];
  for (const [system, how] of read)
    it(`classifies site 12738006 under ${system} as CNS, and says once what the feed should send`, () => {
      const evaluation = evaluationOf(system);
      expect(evaluation.trace).toContainEqual({
        reference: 'Condition/pc1',
        message:
          'active finding, class cns: body site 12738006 (Brain structure) is in https://fhir.emd-cds.org/ValueSet/site-cns',
      });
      expect(evaluation.trace.filter((line) => line.message.startsWith('code system'))).toEqual([
        {
          message: `code system "${system}" read as SNOMED CT (${how}): the feed should send http://snomed.info/sct`,
        },
      ]);
      // Rules page §4: an active CNS finding, no leptomeningeal one → emd-cns, critical.
      const fired = evaluation.outcomes.filter((o) => o.fired).map((o) => [o.ruleId, o.indicator]);
      expect(fired).toEqual([['emd-cns', 'critical']]);
    });
});
