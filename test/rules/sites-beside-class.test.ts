/**
 * A finding with a site that gave its class and a site in no value set of a class (coded so,
 * or text only): the class stays (rules page §3.3.5 leaves unclassified only a finding whose
 * sites are all unknown; an unread site must not hide a critical class), and the trace names
 * the site read and each site not read, with what to do (H85). Expected lines typed by hand
 * from docs/clinical-safety.md H85.
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
  sct,
  SITE,
} from './fixtures.js';

const SKULL = sct('89546000', 'Bone structure of skull');
const DO =
  'if a site not read is bone, add its code to the bone value set (siteBone, docs/configuring.md, example a)';

function lineOf(sites: (fhir4.Coding | string)[]) {
  const pc1 = condition('pc1', { code: [icd('C90.30')], sites, onset: '2026-09-01' });
  const evaluation = evaluate({
    record: recordOf([myeloma('mm', { onset: '2025-01-01' }), pc1]),
    settings: defaultRuleSettings,
    context: { kind: 'patient-view', patientId: PATIENT_ID },
    now: NOW,
  });
  return {
    line: evaluation.trace.find((l) => l.reference === 'Condition/pc1')?.message,
    fired: evaluation.outcomes.filter((o) => o.fired).map((o) => `${o.ruleId} ${o.indicator}`),
  };
}

describe('a site not read beside a site that gave the class (H85)', () => {
  it('skull in no value set beside the dura: CNS, critical, and the line names both', () => {
    const { line, fired } = lineOf([SKULL, SITE.dura]);
    expect(line).toBe(
      `active finding, class cns: body site 18545000 (Dura mater structure) is in https://fhir.emd-cds.org/ValueSet/site-cns; not read for the class: site 89546000 (Bone structure of skull) in http://snomed.info/sct, in no site value set, so the class rests on the other site only; ${DO}: the finding would be paraskeletal (rules page §3.3.2)`,
    );
    expect(fired).toEqual(['emd-cns critical']);
  });

  it('a site given as text only beside the spinal cord: named without its text', () => {
    const { line, fired } = lineOf(['T7 vertebral body', SITE.spinalCord]);
    expect(line).toBe(
      `active finding, class cns: body site 2748008 (Spinal cord structure) is in https://fhir.emd-cds.org/ValueSet/site-cns; not read for the class: a site given as text only, so the class rests on the other site only; ${DO} (a site given as text only needs a code first): the finding would be paraskeletal (rules page §3.3.2)`,
    );
    expect(fired).toEqual(['emd-cns critical']);
  });

  it('two known sites (bone and dura): no such words, paraskeletal', () => {
    expect(lineOf([SITE.bone, SITE.dura]).line).toBe(
      'active finding, class paraskeletal: body site 272673000 (Bone structure) is in https://fhir.emd-cds.org/ValueSet/site-bone: contact with bone is not true EMD',
    );
  });
});
