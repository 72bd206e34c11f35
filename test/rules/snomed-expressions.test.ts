/**
 * H128: a SNOMED CT code written as a post-coordinated expression (SNOMED CT Compositional
 * Grammar) is read by its focus concept. Rules page §3.3.1: "`leptomeningeal` — a site in
 * meninges, subarachnoid space or CSF"; a refinement (laterality = left) narrows the site and
 * never moves it out of meninges, so the finding stays leptomeningeal, and §4 / §1 make its
 * card critical. Two focus concepts joined by `+`, or a refinement by a context attribute,
 * are not one concept recorded: read as none, and the trace says so. Every expectation is
 * typed from the rules page and the grammar (focus concept, `|term|`, `===` / `<<<`, `:`,
 * `{ }` groups), not computed.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/evaluate.js';
import { expressionOf } from '../../src/rules/snomed-expression.js';
import type { HookContext } from '../../src/rules/types.js';
import {
  daysFrom,
  defaultRuleSettings,
  icd,
  imagingStudy,
  myeloma,
  NOW,
  PATIENT_ID,
  plasmacytoma,
  recordOf,
  sct,
  SYSTEM,
} from './fixtures.js';

const terminology = defaultRuleSettings.terminology;
const PATIENT_VIEW: HookContext = { kind: 'patient-view', patientId: PATIENT_ID };

// SNOMED CT: 1231004 Meninges structure, 10200004 Liver structure, 12738006 Brain structure,
// 421060004 Structure of vertebral column; 272741003 Laterality, 7771000 Left, 24028007 Right.
const MENINGES_LEFT = '1231004:272741003=7771000';

function evaluationOf(site: fhir4.Coding, context: HookContext = PATIENT_VIEW) {
  const mm = myeloma('mm', { code: [icd('C90.02')], onset: '2024-01-15' });
  const pc = plasmacytoma('pc', [site], { onset: '2026-10-01' });
  return evaluate({ record: recordOf([mm, pc]), settings: defaultRuleSettings, context, now: NOW });
}

const fired = (evaluation: ReturnType<typeof evaluate>) =>
  evaluation.outcomes.filter((o) => o.fired).map((o) => [o.ruleId, o.indicator]);
const expressionLines = (evaluation: ReturnType<typeof evaluate>) =>
  evaluation.trace
    .filter((line) => line.message.startsWith('SNOMED CT expression'))
    .map((line) => line.message);

describe('a SNOMED CT expression read by its focus concept (H128)', () => {
  const FOCUS: [string, string][] = [
    [MENINGES_LEFT, '1231004'],
    ['1231004 |Meninges structure|', '1231004'],
    ['1231004 |Meninges structure| : 272741003 |Laterality| = 7771000 |Left|', '1231004'],
    ['12738006:{272741003=7771000}', '12738006'],
    ['=== 1231004 : 272741003 = 7771000', '1231004'],
    ['<<< 1231004', '1231004'],
    ['1231004 |Meninges: a term with + and : in it|', '1231004'],
  ];
  for (const [sent, focus] of FOCUS)
    it(`reads ${sent} by ${focus}`, () => {
      expect(expressionOf(sent)).toMatchObject({ kind: 'focus', focus });
      expect(terminology.holds('siteLeptomeningeal', sct(sent))).toBe(focus === '1231004');
    });

  for (const sent of ['1231004', 'C90.20', 'meninges', '1231004 left', '123:4', '0231004:1=2'])
    it(`reads ${sent} as no expression`, () => {
      expect(expressionOf(sent)).toBeUndefined();
    });

  it('reads two focus concepts joined by + as none of them', () => {
    expect(expressionOf('1231004 + 12738006')).toEqual({
      kind: 'several',
      sent: '1231004 + 12738006',
      foci: ['1231004', '12738006'],
    });
    expect(terminology.holds('siteLeptomeningeal', sct('1231004 + 12738006'))).toBe(false);
    expect(terminology.holds('siteCns', sct('1231004+12738006:272741003=7771000'))).toBe(false);
  });

  it('reads a refinement by finding context (known absent) as nothing', () => {
    // 408729009 Finding context, 410516002 Known absent.
    const absent = '1231004:408729009=410516002';
    expect(expressionOf(absent)).toMatchObject({ kind: 'context', attribute: '408729009' });
    expect(terminology.holds('siteLeptomeningeal', sct(absent))).toBe(false);
  });

  it('reads it only in SNOMED CT, under any spelling of its system', () => {
    expect(
      terminology.holds('siteLeptomeningeal', { system: SYSTEM.local, code: MENINGES_LEFT }),
    ).toBe(false);
    for (const system of ['urn:oid:2.16.840.1.113883.6.96', 'https://snomed.info/sct'])
      expect(terminology.holds('siteLeptomeningeal', { system, code: MENINGES_LEFT })).toBe(true);
  });

  it('keys a refined site apart from its focus, and the same expression however spaced as one', () => {
    const key = (code: string) => terminology.keyOf(sct(code));
    expect(key('1231004 |Meninges structure|')).toBe(key('1231004'));
    expect(key(MENINGES_LEFT)).not.toBe(key('1231004'));
    expect(key(MENINGES_LEFT)).not.toBe(key('1231004:272741003=24028007'));
    expect(key('1231004 |Meninges| : 272741003 |Laterality| = 7771000 |Left|')).toBe(
      key(MENINGES_LEFT),
    );
  });
});

describe('a plasmacytoma whose site is a SNOMED CT expression (H128)', () => {
  it('at the left meninges: leptomeningeal, critical (§3.3.1, §4), and the trace says how', () => {
    const evaluation = evaluationOf(sct(MENINGES_LEFT, 'Meninges, left'));
    expect(fired(evaluation)).toEqual([['emd-leptomeningeal', 'critical']]);
    expect(expressionLines(evaluation)).toEqual([
      `SNOMED CT expression "${MENINGES_LEFT}" read by its focus concept 1231004: a refinement narrows it (a laterality, say) and does not change its class`,
    ]);
  });

  it('in the right liver: true EMD, a warning (§3.3, §4)', () => {
    expect(fired(evaluationOf(sct('10200004:272741003=24028007')))).toEqual([
      ['emd-soft-tissue', 'warning'],
    ]);
  });

  it('in meninges written with its term: leptomeningeal, critical', () => {
    const evaluation = evaluationOf(sct('1231004 |Meninges structure|'));
    expect(fired(evaluation)).toEqual([['emd-leptomeningeal', 'critical']]);
    expect(expressionLines(evaluation)).toEqual([
      'SNOMED CT expression "1231004 |Meninges structure|" read by its focus concept 1231004',
    ]);
  });

  it('in the left brain, refinement in braces: CNS, critical', () => {
    expect(fired(evaluationOf(sct('12738006:{272741003=7771000}')))).toEqual([
      ['emd-cns', 'critical'],
    ]);
  });

  it('at meninges + brain: not read, unclassified (§3.3), and the trace says why', () => {
    const evaluation = evaluationOf(sct('1231004 + 12738006'));
    expect(fired(evaluation)).toEqual([['emd-unclassified', 'info']]);
    expect(expressionLines(evaluation)).toEqual([
      'SNOMED CT expression "1231004 + 12738006" has 2 focus concepts (1231004 + 12738006): not read, as no one of them alone is what was recorded; the feed should send a single concept',
    ]);
  });

  it('names the site by the record’s words, the expression as written', () => {
    const evaluation = evaluationOf(sct(MENINGES_LEFT, 'Meninges, left'));
    const line = evaluation.trace.find((l) => l.message.startsWith('active finding'));
    expect(line?.message).toContain(`body site ${MENINGES_LEFT} (Meninges, left)`);
  });

  it('keeps a left and a right meningeal lesion two sites of one class', () => {
    const mm = myeloma('mm', { code: [icd('C90.02')], onset: '2024-01-15' });
    const left = plasmacytoma('pc1', [sct(MENINGES_LEFT, 'Meninges, left')], {
      onset: '2026-10-01',
    });
    const right = plasmacytoma('pc2', [sct('1231004:272741003=24028007', 'Meninges, right')], {
      onset: '2026-10-01',
    });
    const evaluation = evaluate({
      record: recordOf([mm, left, right]),
      settings: defaultRuleSettings,
      context: PATIENT_VIEW,
      now: NOW,
    });
    const outcome = evaluation.outcomes.find((o) => o.ruleId === 'emd-leptomeningeal');
    expect(outcome?.fired).toBe(true);
    expect(outcome?.findings.map((f) => f.sites.map((s) => s.label))).toEqual([
      ['Meninges, left'],
      ['Meninges, right'],
    ]);
  });
});

describe('an imaging study whose series body site is a SNOMED CT expression (H128)', () => {
  it('an MR of the left brain covers the brain: emd-cns-imaging-review, a warning (§4)', () => {
    const mm = myeloma('mm', { code: [icd('C90.02')], onset: '2024-01-15' });
    const liver = plasmacytoma('pc', [sct('10200004')], { onset: '2026-10-01' });
    const mr = imagingStudy('mr1', {
      started: daysFrom(NOW, -1),
      modality: ['MR'],
      series: [{ modality: 'MR', bodySite: sct('12738006:272741003=7771000', 'Brain left') }],
    });
    const evaluation = evaluate({
      record: recordOf([mm, liver, mr]),
      settings: defaultRuleSettings,
      context: { kind: 'imaging-review', patientId: PATIENT_ID, imagingStudyId: 'mr1' },
      now: NOW,
    });
    const outcome = evaluation.outcomes.find((o) => o.ruleId === 'emd-cns-imaging-review');
    expect([outcome?.fired, outcome?.indicator]).toEqual([true, 'warning']);
  });
});
