/**
 * H115: a reported plasmacytoma at a site the value sets lack. Rules page §4 lists a report's
 * finding only when a Condition cites the report or its study "nor has the same code and site";
 * §3.3 keeps a site in no value set a site ("unclassified until a site adds their codes"); §6
 * never drops a finding silently. A conclusion code in no value set, under a system the site
 * value sets use (SNOMED CT), is read as a site of the reported finding. Expected values are
 * typed from the rules page and the probe (spleen 78961009, lung 39607008), not computed.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/evaluate.js';
import {
  daysFrom,
  defaultRuleSettings,
  icd,
  icdo3,
  myeloma,
  NOW,
  PATIENT_ID,
  plasmacytoma,
  RAD,
  recordOf,
  sct,
  SITE,
} from './fixtures.js';

const mm = myeloma('mm', { code: [icd('C90.02')], onset: '2023-03-14' });
const SPLEEN = sct('78961009', 'Splenic structure');
const LUNG = sct('39607008', 'Lung structure');

function report(id: string, conclusions: fhir4.Coding[][]): fhir4.DiagnosticReport {
  return {
    resourceType: 'DiagnosticReport',
    id,
    status: 'final',
    category: [{ coding: [RAD] }],
    subject: { reference: `Patient/${PATIENT_ID}` },
    code: { text: 'PET/CT report' },
    effectiveDateTime: daysFrom(NOW, -20),
    conclusionCode: conclusions.map((coding) => ({ coding })),
  };
}

function outcomeOf(resources: fhir4.Resource[]) {
  const outcome = evaluate({
    record: recordOf([mm, ...resources]),
    settings: defaultRuleSettings,
    context: { kind: 'patient-view', patientId: PATIENT_ID },
    now: NOW,
  }).outcomes.find((o) => o.ruleId === 'emd-reported-not-listed');
  if (!outcome) throw new Error('emd-reported-not-listed did not run');
  return outcome;
}

const siteCodes = (sites: readonly fhir4.CodeableConcept[]) =>
  sites.flatMap((site) => (site.coding ?? []).map((c) => c.code));

const SPLEEN_LINE =
  'DiagnosticReport/r1: conclusion site 78961009 (Splenic structure) in http://snomed.info/sct, in no site value set, read as a site of the reported finding (rules page §3.3: a site in no value set is still a site; §4: only a Condition with the same code and that site lists it); the finding is not classed by it: if it is soft tissue, an organ, CNS or bone, add its code to that site value set (docs/configuring.md, example a)';

describe('a reported site in no value set (H115)', () => {
  it('is not listed by a Condition of the same code at another site, and the trace says why', () => {
    const skin = plasmacytoma('pc1', [SITE.skin], { onset: daysFrom(NOW, -30) });
    const outcome = outcomeOf([skin, report('r1', [[icd('C90.20')], [SPLEEN]])]);
    expect(outcome.fired).toBe(true);
    expect(outcome.reported.map((f) => siteCodes(f.sites))).toEqual([['78961009']]);
    expect(outcome.explain).toContain(SPLEEN_LINE);
  });

  it('is listed by a Condition with the same code and that site', () => {
    const spleen = plasmacytoma('pc1', [SPLEEN], { onset: daysFrom(NOW, -30) });
    const outcome = outcomeOf([spleen, report('r1', [[icd('C90.20')], [SPLEEN]])]);
    expect(outcome.fired).toBe(false);
    expect(outcome.explain).toContain(SPLEEN_LINE);
  });

  it('is judged on its own beside a listed site: kidney + spleen, a kidney Condition', () => {
    const kidney = plasmacytoma('pc1', [SITE.kidney], { onset: daysFrom(NOW, -30) });
    const outcome = outcomeOf([kidney, report('r1', [[icd('C90.20')], [SITE.kidney], [SPLEEN]])]);
    expect(outcome.fired).toBe(true);
    // H58: the finding is proposed with every site the report names, the listed one included.
    expect(outcome.reported.map((f) => siteCodes(f.sites))).toEqual([['64033007', '78961009']]);
  });

  it('goes on the proposed Condition when no Condition lists it', () => {
    const outcome = outcomeOf([report('r1', [[icd('C90.20')], [LUNG]])]);
    expect(outcome.reported.map((f) => siteCodes(f.sites))).toEqual([['39607008']]);
  });

  it('keeps one lesion coded twice one finding (H68), and two reports of it one (H59)', () => {
    const outcome = outcomeOf([
      report('r1', [[icd('C90.20')], [icdo3('9734/3')], [SPLEEN]]),
      report('r2', [[icd('C9020')], [SPLEEN]]),
    ]);
    expect(outcome.reported).toHaveLength(1);
    expect(outcome.reported[0]?.reports.map((r) => r.reference)).toEqual([
      'DiagnosticReport/r1',
      'DiagnosticReport/r2',
    ]);
    expect(siteCodes(outcome.reported[0]?.sites ?? [])).toEqual(['78961009']);
  });

  it('leaves a report naming no site listed by any Condition of the same code', () => {
    const skin = plasmacytoma('pc1', [SITE.skin], { onset: daysFrom(NOW, -30) });
    expect(outcomeOf([skin, report('r1', [[icd('C90.20')]])]).fired).toBe(false);
  });

  // Codes another value set holds are something else than a site: the myeloma (SNOMED CT
  // 109989006), a PET/CT procedure (443271005), the whole body (38266002), rules page §5.
  for (const [name, coding] of [
    ['a myeloma code', sct('109989006')],
    ['a PET/CT procedure code', sct('443271005')],
    ['the whole body', SITE.wholeBody],
  ] as const)
    it(`does not read ${name} as a site`, () => {
      const skin = plasmacytoma('pc1', [SITE.skin], { onset: daysFrom(NOW, -30) });
      const outcome = outcomeOf([skin, report('r1', [[icd('C90.20')], [coding]])]);
      expect(outcome.fired).toBe(false);
      expect(outcome.explain.join('\n')).not.toContain('in no site value set, read as a site');
    });

  it('does not read a code in a system no site value set uses as a site', () => {
    const skin = plasmacytoma('pc1', [SITE.skin], { onset: daysFrom(NOW, -30) });
    const localSite = { system: 'https://ehr.example.org/CodeSystem/local', code: 'SPL' };
    expect(outcomeOf([skin, report('r1', [[icd('C90.20')], [localSite]])]).fired).toBe(false);
  });
});
