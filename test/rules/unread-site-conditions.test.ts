/**
 * H144 (probe 15, family A): a myeloma patient's Condition coded only in a code system no value
 * set uses (ICD-9-CM 238.6 "plasmacytoma", as US problem lists carry it from before 2015; WHO
 * ICD-10 C90.2) at a meningeal, brain or liver body site. Rules page §2 matches a code by
 * system + code and §5 ships neither system, so it is no finding (§3.3) and no card, and with
 * no text it is not text-only either; the explain trace said nothing of it (§6: "never drops a
 * finding silently"). The trace now names it, its codes and its site. Whether such codes count
 * is the clinical team's decision: no card changes. Lines typed from docs/clinical-safety.md.
 */
import { describe, expect, it } from 'vitest';
import { condition, icd, SITE } from './fixtures.js';
import { fired, linesAbout, run } from './patient-view-run.js';

const ICD_9_CM = 'http://hl7.org/fhir/sid/icd-9-cm';
const WHO_ICD_10 = 'http://hl7.org/fhir/sid/icd-10';
/** Myeloma in relapse (rules page §5: C90.02). */
const relapsed = condition('mm', { code: [icd('C90.02')], onset: '2024-11-01' });
const coded = (system: string, code: string, site: fhir4.Coding, extra = {}) =>
  condition('pc', { code: [{ system, code }], sites: [site], ...extra });

const NOT_READ =
  'its code was not read, so it is not a finding and raises no card (rules page §2, §3.3); if it records a plasmacytoma or CNS / leptomeningeal involvement, a site adds the code to a value set (docs/configuring.md, example h)';

describe('a Condition coded only in a system no value set uses, at a finding site (H144)', () => {
  it('ICD-9-CM 238.6 at the meninges: no card, and a line naming code, system and site', () => {
    const evaluation = run([relapsed, coded(ICD_9_CM, '238.6', SITE.meninges)]);
    expect(fired(evaluation)).toEqual([]);
    expect(linesAbout(evaluation, 'Condition/pc')).toEqual([
      `is coded only in a code system no loaded value set uses (238.6 in http://hl7.org/fhir/sid/icd-9-cm) and names body site 1231004 (Meninges structure), a leptomeningeal site (https://fhir.emd-cds.org/ValueSet/site-leptomeningeal): ${NOT_READ}`,
    ]);
  });

  it('WHO ICD-10 C90.2 in the brain: a CNS site, with the record’s words', () => {
    const pc = coded(WHO_ICD_10, 'C90.2', SITE.brain);
    pc.code = { ...pc.code, coding: [{ system: WHO_ICD_10, code: 'C90.2', display: 'EMP' }] };
    const evaluation = run([relapsed, pc]);
    expect(fired(evaluation)).toEqual([]);
    expect(linesAbout(evaluation, 'Condition/pc')).toEqual([
      `"EMP" is coded only in a code system no loaded value set uses (C90.2 in http://hl7.org/fhir/sid/icd-10) and names body site 12738006 (Brain structure), a CNS site (https://fhir.emd-cds.org/ValueSet/site-cns): ${NOT_READ}`,
    ]);
  });

  it('ICD-9-CM 238.6 in the liver: a soft-tissue / organ site', () => {
    const [line] = linesAbout(
      run([relapsed, coded(ICD_9_CM, '238.6', SITE.liver)]),
      'Condition/pc',
    );
    expect(line).toContain(
      'names body site 10200004 (Liver structure), a soft-tissue / organ (EMD) site',
    );
  });

  it.each([
    ['a bone site', coded(ICD_9_CM, '238.6', SITE.spine)],
    ['no body site', condition('pc', { code: [{ system: ICD_9_CM, code: '238.6' }] })],
    ['a refuted one', coded(ICD_9_CM, '238.6', SITE.meninges, { verificationStatus: 'refuted' })],
    ['a code in a known system', coded('http://snomed.info/sct', '38341003', SITE.brain)],
  ])('no such line for %s', (_name, other) => {
    const lines = linesAbout(run([relapsed, other]), 'Condition/pc');
    expect(lines.filter((line) => line.includes('is coded only in'))).toEqual([]);
  });

  it('a text a pattern matches: the text-only line alone, and its info card', () => {
    const pc = coded(ICD_9_CM, '238.6', SITE.meninges, { text: 'Plasmacytoma, meninges' });
    const evaluation = run([relapsed, pc]);
    expect(fired(evaluation).map((o) => [o.ruleId, o.indicator])).toEqual([
      ['emd-unclassified', 'info'],
    ]);
    const lines = linesAbout(evaluation, 'Condition/pc');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^text-only plasmacytoma/);
  });

  it('names ten, and counts the rest in one line', () => {
    const many = Array.from({ length: 12 }, (_, i) =>
      condition(`pc${String(i)}`, {
        code: [{ system: ICD_9_CM, code: '238.6' }],
        sites: [SITE.meninges],
      }),
    );
    const lines = run([relapsed, ...many]).trace.filter((line) =>
      /is coded only in|naming a finding's body site/.test(line.message),
    );
    expect(lines).toHaveLength(11);
    expect(lines[10]).toEqual({
      message:
        "and 2 more Condition(s) naming a finding's body site, coded only in code systems no loaded value set uses",
    });
  });
});
