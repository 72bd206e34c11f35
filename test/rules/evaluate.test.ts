/**
 * evaluate() on patient-view: lowering (rules page §2 "Status", §3.1), configuration, and the
 * promises of §6 — no warning or critical card from history, refuted or text-only data.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { evaluate, type Evaluation } from '../../src/rules/evaluate.js';
import type { RuleOutcome } from '../../src/rules/rule-outcome.js';
import type { HookContext, RuleId, RuleSettings } from '../../src/rules/types.js';
import {
  condition,
  defaultRuleSettings,
  icd,
  local,
  myeloma,
  NOW,
  PATIENT_ID,
  plasmacytoma,
  recordOf,
  SITE,
} from './fixtures.js';

const context: HookContext = { kind: 'patient-view', patientId: PATIENT_ID };

function run(resources: fhir4.Resource[], overrides: Partial<RuleSettings> = {}): Evaluation {
  const settings = { ...defaultRuleSettings, ...overrides };
  return evaluate({ record: recordOf(resources), settings, context, now: NOW });
}
const cards = (evaluation: Evaluation) =>
  evaluation.outcomes.filter((o) => o.fired).map((o) => [o.ruleId, o.indicator]);
function outcome(evaluation: Evaluation, ruleId: RuleId): RuleOutcome {
  const found = evaluation.outcomes.find((o) => o.ruleId === ruleId);
  if (!found) expect.fail(`no outcome for ${ruleId}`);
  return found;
}

const mm = myeloma('mm', { onset: '2019-05-01' });
const UNCERTAIN = ['unconfirmed', 'provisional', 'differential'];

beforeAll(() => {
  // "Now" is an argument: a system clock years away must change nothing.
  vi.useFakeTimers({ now: new Date('2031-06-15T12:00:00Z') });
});
afterAll(() => {
  vi.useRealTimers();
});

// Mutation testing (session 44): rules page §3.1 lowers the cards when the ONLY myeloma
// Conditions are uncertain; no test gave a confirmed one beside an uncertain one.
describe('a confirmed myeloma Condition beside an uncertain one', () => {
  for (const status of UNCERTAIN)
    it(`keeps emd-cns critical when the other myeloma Condition is ${status}`, () => {
      const evaluation = run([
        mm,
        myeloma('mm2', { verificationStatus: status }),
        plasmacytoma('brain', [SITE.brain]),
      ]);
      expect(cards(evaluation)).toEqual([['emd-cns', 'critical']]);
      expect(outcome(evaluation, 'emd-cns').lowering).toEqual([]);
    });
});

describe('a card is lowered one level, once', () => {
  for (const status of UNCERTAIN) {
    it(`lowers emd-leptomeningeal from critical to warning, not to info, when the myeloma and the finding are both ${status}`, () => {
      const evaluation = run([
        myeloma('mm', { verificationStatus: status }),
        plasmacytoma('csf', [SITE.meninges], { verificationStatus: status }),
      ]);
      const lepto = outcome(evaluation, 'emd-leptomeningeal');
      expect(cards(evaluation)).toEqual([['emd-leptomeningeal', 'warning']]);
      expect(lepto.lowering).toEqual(['finding-uncertain', 'myeloma-uncertain']);
      expect(lepto.explain).toContain(
        `lowered from critical to warning: finding-uncertain (${status}), myeloma-uncertain (${status})`,
      );
    });
  }

  it('lowers emd-soft-tissue from warning to info when the myeloma and the finding are uncertain', () => {
    const evaluation = run([
      myeloma('mm', { verificationStatus: 'provisional' }),
      plasmacytoma('breast', [SITE.breast], { verificationStatus: 'unconfirmed' }),
    ]);
    expect(cards(evaluation)).toEqual([['emd-soft-tissue', 'info']]);
  });

  it('keeps emd-leptomeningeal critical when a confirmed CNS finding stands beside an uncertain leptomeningeal one', () => {
    const evaluation = run([
      mm,
      plasmacytoma('csf', [SITE.subarachnoidSpace], { verificationStatus: 'unconfirmed' }),
      plasmacytoma('brain', [SITE.brain]),
    ]);
    expect(cards(evaluation)).toEqual([['emd-leptomeningeal', 'critical']]);
    expect(outcome(evaluation, 'emd-leptomeningeal').lowering).toEqual([]);
    expect(outcome(evaluation, 'emd-cns').explain[0]).toMatch(/outranks this one$/);
  });

  it('keeps a finding confirmed when one of its recordings is confirmed', () => {
    const evaluation = run([
      mm,
      plasmacytoma('liver-1', [SITE.liver], { verificationStatus: 'provisional' }),
      plasmacytoma('liver-2', [SITE.liver]),
    ]);
    expect(cards(evaluation)).toEqual([['emd-soft-tissue', 'warning']]);
    expect(outcome(evaluation, 'emd-soft-tissue').evidence).toEqual([
      'Condition/liver-1',
      'Condition/liver-2',
    ]);
  });
});

describe('disabledRules switches a rule off and leaves the others alone', () => {
  const firing: [RuleId, fhir4.Coding | undefined][] = [
    ['emd-leptomeningeal', SITE.cerebrospinalFluid],
    ['emd-cns', SITE.spinalCord],
    ['emd-soft-tissue', SITE.kidney],
    ['emd-paraskeletal', SITE.lumbarSpine],
    ['emd-unclassified', undefined],
  ];
  for (const [ruleId, site] of firing) {
    it(`silences ${ruleId}`, () => {
      const resources = [mm, plasmacytoma('p', site ? [site] : [])];
      expect(outcome(run(resources), ruleId).fired).toBe(true);
      const off = outcome(run(resources, { disabledRules: new Set([ruleId]) }), ruleId);
      expect(off.fired).toBe(false);
      expect(off.explain).toEqual(['switched off by configuration']);
    });
  }

  it('still shows the soft-tissue card when emd-cns is off', () => {
    const resources = [mm, plasmacytoma('brain', [SITE.brain]), plasmacytoma('skin', [SITE.skin])];
    const evaluation = run(resources, { disabledRules: new Set<RuleId>(['emd-cns']) });
    expect(cards(evaluation)).toEqual([['emd-soft-tissue', 'warning']]);
  });
});

describe('rules page §6: history, refuted and text-only data never give a warning or critical card', () => {
  const graveSites = [SITE.meninges, SITE.brain, SITE.liver];
  const history: [string, Parameters<typeof plasmacytoma>[2]][] = [
    ['resolved', { clinicalStatus: 'resolved' }],
    ['inactive', { clinicalStatus: 'inactive' }],
    ['in remission', { clinicalStatus: 'remission' }],
    ['abated', { extra: { abatementDateTime: '2026-06-01' } }],
    ['refuted', { verificationStatus: 'refuted' }],
    ['entered in error', { verificationStatus: 'entered-in-error' }],
  ];
  for (const [name, options] of history) {
    it(`raises no card from ${name} plasmacytomas of the meninges, brain and liver`, () => {
      const findings = graveSites.map((site, i) => plasmacytoma(`f${String(i)}`, [site], options));
      expect(cards(run([mm, ...findings]))).toEqual([]);
    });
  }

  const textOnly: [string, fhir4.Coding[] | undefined, fhir4.Coding][] = [
    ['Extramedullary plasmacytoma of liver', undefined, SITE.liver],
    ['Leptomeningeal myeloma', undefined, SITE.meninges],
    ['髓外浆细胞瘤', undefined, SITE.brain],
    ['Brain mass', [{ ...local('PCT-BRAIN'), display: 'Plasmacytoma, brain' }], SITE.brain],
  ];
  for (const [text, code, site] of textOnly) {
    it(`raises only emd-unclassified (info) for the uncoded mention "${text}" in a myeloma patient`, () => {
      const mention = condition('t', { text, sites: [site], ...(code ? { code } : {}) });
      const evaluation = run([mm, mention]);
      expect(cards(evaluation)).toEqual([['emd-unclassified', 'info']]);
      expect(outcome(evaluation, 'emd-unclassified').evidence).toEqual(['Condition/t']);
    });
  }

  // A site may raise emd-unclassified (configuring.md); the text-only mention beside an
  // unconfirmed coded finding must not hold the card at that level: §2 lowers the coded one's
  // card one level, and §6 lets text-only data give info at most.
  for (const [raised, lowered] of [
    ['critical', 'warning'],
    ['warning', 'info'],
  ] as const) {
    it(`lowers a raised emd-unclassified (${raised}) to ${lowered} when its coded finding is unconfirmed and a text-only mention stands beside it`, () => {
      const evaluation = run(
        [
          mm,
          plasmacytoma('u', [], { verificationStatus: 'unconfirmed' }),
          condition('t', { text: 'Plasmacytoma, scalp' }),
        ],
        { indicators: { 'emd-unclassified': raised } },
      );
      expect(cards(evaluation)).toEqual([['emd-unclassified', lowered]]);
      expect(outcome(evaluation, 'emd-unclassified').lowering).toEqual(['finding-uncertain']);
      expect(outcome(evaluation, 'emd-unclassified').evidence).toEqual([
        'Condition/u',
        'Condition/t',
      ]);
    });
  }

  it('keeps a raised emd-unclassified at its level when its coded finding is confirmed, text-only mention or not', () => {
    const evaluation = run(
      [mm, plasmacytoma('u', []), condition('t', { text: 'Plasmacytoma, scalp' })],
      { indicators: { 'emd-unclassified': 'critical' } },
    );
    expect(cards(evaluation)).toEqual([['emd-unclassified', 'critical']]);
  });

  it('holds a raised emd-unclassified at info when only text-only mentions feed it', () => {
    const evaluation = run([mm, condition('t', { text: 'Plasmacytoma, scalp' })], {
      indicators: { 'emd-unclassified': 'critical' },
    });
    expect(cards(evaluation)).toEqual([['emd-unclassified', 'info']]);
  });

  // Mutation testing (session 44): with the text-only hold gone, only the output guard kept
  // the card at info. The card says why it is held (rules page §2 "Text only").
  it('holds a text-only emd-unclassified at info at its source, not by the output guard', () => {
    const evaluation = run([mm, condition('t', { text: 'Plasmacytoma, scalp' })], {
      indicators: { 'emd-unclassified': 'warning' },
    });
    const card = outcome(evaluation, 'emd-unclassified');
    expect([card.indicator, card.holds]).toEqual(['info', ['text-only']]);
    expect(evaluation.guardActions).toEqual([]);
  });

  it('shows a resolved finding as a history line on the card of an active one', () => {
    const resolved = plasmacytoma('skin', [SITE.skin], { clinicalStatus: 'resolved' });
    const evaluation = run([mm, resolved, plasmacytoma('brain', [SITE.brain])]);
    expect(cards(evaluation)).toEqual([['emd-cns', 'critical']]);
    const lines = outcome(evaluation, 'emd-cns').history;
    expect(lines.map((f) => f.references)).toEqual([['Condition/skin']]);
  });
});

describe('no myeloma, no cards (rules page §3.1)', () => {
  const patients: [string, fhir4.Resource[]][] = [
    [
      'a solitary plasmacytoma of the lumbar spine',
      [plasmacytoma('l3', [SITE.lumbarSpine], { code: [icd('C90.30')] })],
    ],
    ['an extramedullary plasmacytoma of the brain', [plasmacytoma('brain', [SITE.brain])]],
    [
      'a refuted myeloma and a leptomeningeal plasmacytoma',
      [myeloma('mm', { verificationStatus: 'refuted' }), plasmacytoma('csf', [SITE.meninges])],
    ],
    ['an uncoded "plasmacytoma" mention', [condition('t', { text: 'plasmacytoma of skin' })]],
  ];
  for (const clinicalStatus of ['resolved', 'inactive', 'remission']) {
    it(`counts a myeloma Condition with clinicalStatus ${clinicalStatus} as myeloma`, () => {
      const resources = [myeloma('mm', { clinicalStatus }), plasmacytoma('brain', [SITE.brain])];
      expect(cards(run(resources))).toEqual([['emd-cns', 'critical']]);
    });
  }
  for (const [name, resources] of patients) {
    it(`fires nothing for ${name} without myeloma, and says why`, () => {
      const evaluation = run(resources);
      expect(cards(evaluation)).toEqual([]);
      for (const o of evaluation.outcomes)
        expect(o.explain).toEqual(['the patient has no (non-refuted) myeloma Condition']);
    });
  }
});

describe('no myeloma read from diagnoses coded in a system no value set uses (rules page §2, §3.1)', () => {
  // A Chinese hospital's export: China's national clinical edition of ICD-10 (C90.000
  // 多发性骨髓瘤, C90.200 髓外浆细胞瘤) under the OID of the national ICD-10 code table. The
  // shipped value sets hold ICD-10-CM, SNOMED CT and ICD-O-3 only (rules page §5).
  const NATIONAL = 'urn:oid:2.16.156.10011.2.3.3.11';
  const resources = [
    condition('mm', { code: [{ system: NATIONAL, code: 'C90.000' }], text: '多发性骨髓瘤' }),
    condition('pc', {
      code: [{ system: NATIONAL, code: 'C90.200' }],
      text: '髓外浆细胞瘤',
      sites: [SITE.liver],
    }),
    condition('htn', { code: [{ system: NATIONAL, code: 'I10.x00' }], text: '高血压' }),
    condition('void', {
      code: [{ system: NATIONAL, code: 'C90.000' }],
      verificationStatus: 'entered-in-error',
    }),
  ];

  it('gives no cards, and names each such Condition with its code and system', () => {
    const evaluation = run(resources);
    expect(cards(evaluation)).toEqual([]);
    const about = (reference: string) =>
      evaluation.trace.filter((line) => line.reference === reference).map((l) => l.message);
    const [myelomaLine] = about('Condition/mm');
    expect(myelomaLine).toContain('"多发性骨髓瘤"');
    expect(myelomaLine).toContain(`C90.000 in ${NATIONAL}`);
    expect(myelomaLine).toContain('docs/configuring.md');
    expect(about('Condition/htn')).toHaveLength(1);
    // Entered in error is ignored entirely (rules page §2): nothing to add for it.
    expect(about('Condition/void')).toEqual([]);
    // The text-only plasmacytoma names the system too, once, not "a local code".
    expect(about('Condition/pc')).toEqual([
      `text-only plasmacytoma: "髓外浆细胞瘤" matches a text pattern and has no coding from a known system (only codes in a system no loaded value set uses: ${NATIONAL})`,
    ]);
  });

  it('says nothing of them when the patient has myeloma', () => {
    const evaluation = run([mm, ...resources]);
    const lines = evaluation.trace.map((line) => line.message).join('\n');
    expect(lines).not.toContain('no loaded value set uses (');
  });
});

describe('an ICD-10-CM category where the value sets hold its full codes (rules page §2, §5)', () => {
  // ICD-10-CM's tabular list: C90.0 "Multiple myeloma" is a subcategory whose codes are C90.00,
  // C90.01 and C90.02 (rules page §5's myeloma row); C90.2 "Extramedullary plasmacytoma" holds
  // C90.20, C90.21 and C90.22. A code matches by system + code (§2), so neither is read.
  const under = (evaluation: Evaluation, reference: string) =>
    evaluation.trace.filter((line) => line.reference === reference).map((l) => l.message);

  it('a myeloma coded C90.0 gives no cards, and the trace names the codes under it', () => {
    const evaluation = run([
      condition('mm', { code: [icd('C90.0')], onset: '2019-05-01' }),
      plasmacytoma('liver', [SITE.liver]),
    ]);
    expect(cards(evaluation)).toEqual([]);
    const [line, ...others] = under(evaluation, 'Condition/mm');
    expect(others).toEqual([]);
    expect(line).toContain('ICD-10-CM C90.0 is a category');
    expect(line).toContain('C90.00, C90.01, C90.02');
    expect(line).toContain('neither myeloma nor a finding');
    expect(line).toContain('docs/configuring.md, example h');
  });

  it('a plasmacytoma coded C90.2 is no finding, and the trace names the codes under it', () => {
    const evaluation = run([
      mm,
      condition('pc', { code: [icd('C902')], sites: [SITE.liver] }),
      condition('pc-text', {
        code: [icd('c90.2')],
        text: 'Extramedullary plasmacytoma of liver',
        sites: [SITE.liver],
      }),
    ]);
    expect(cards(evaluation)).toEqual([]);
    for (const reference of ['Condition/pc', 'Condition/pc-text']) {
      const [line, ...others] = under(evaluation, reference);
      expect(others, reference).toEqual([]);
      expect(line, reference).toContain('is a category, in no loaded value set');
      expect(line, reference).toContain('C90.20, C90.21, C90.22');
    }
  });

  it('the category C90 counts the codes it heads past the sixth', () => {
    const evaluation = run([mm, condition('c90', { code: [icd('C90')] })]);
    // Rules page §5: C90.00–C90.02, C90.10–C90.12, C90.20–C90.22, C90.30–C90.32: twelve.
    expect(under(evaluation, 'Condition/c90')[0]).toContain(
      'C90.00, C90.01, C90.02, C90.10, C90.11, C90.12 and 6 more',
    );
  });

  it('names nothing for a full code outside the value sets, another system, or refuted data', () => {
    const evaluation = run([
      mm,
      condition('htn', { code: [icd('I10')] }),
      // A SNOMED CT code is an identifier: 10998 is no "category" of 109989006.
      condition('sct', { code: [{ system: 'http://snomed.info/sct', code: '10998' }] }),
      condition('refuted', { code: [icd('C90.2')], verificationStatus: 'refuted' }),
    ]);
    for (const reference of ['Condition/htn', 'Condition/sct', 'Condition/refuted'])
      expect(under(evaluation, reference).join('\n'), reference).not.toContain('category');
  });
});

describe('the explain trace says why a finding is history (rules page §2 "Status", §6)', () => {
  // §2: a Condition whose clinicalStatus is inactive, remission or resolved, or that has an
  // abatement, is history; §6: nothing is dropped silently, so the trace names what made it so.
  const lineOf = (resources: fhir4.Resource[], reference: string) =>
    run(resources).trace.find((line) => line.reference === reference)?.message;

  it('names the clinical status, the status words or the abatement element', () => {
    expect(
      lineOf([mm, plasmacytoma('p', [SITE.liver], { clinicalStatus: 'resolved' })], 'Condition/p'),
    ).toMatch(/^history finding \(clinicalStatus resolved\), class emd/);
    const worded = condition('p', {
      code: [icd('C90.20')],
      sites: [SITE.liver],
      extra: { clinicalStatus: { text: '已缓解' } },
    });
    expect(lineOf([mm, worded], 'Condition/p')).toMatch(
      /^history finding \(its status text, a statusWords.history word\), class emd/,
    );
    const abated = condition('p', {
      code: [icd('C90.20')],
      sites: [SITE.brain],
      extra: { abatementDateTime: '2026-03-01' },
    });
    expect(lineOf([mm, abated], 'Condition/p')).toMatch(
      /^history finding \(abatementDateTime\), class cns/,
    );
    const stu3 = condition('p', {
      code: [icd('C90.20')],
      sites: [SITE.brain],
      extra: { abatementBoolean: true } as Partial<fhir4.Condition>,
    });
    expect(lineOf([mm, stu3], 'Condition/p')).toMatch(
      /^history finding \(abatementBoolean true\), class cns/,
    );
  });

  it('says an abatement dated after now is not read as abated (H96)', () => {
    const planned = condition('p', {
      code: [icd('C90.20')],
      sites: [SITE.brain],
      extra: { abatementDateTime: '2027-03-01' },
    });
    expect(lineOf([mm, planned], 'Condition/p')).toBe(
      'active finding, class cns: body site 12738006 (Brain structure) is in https://fhir.emd-cds.org/ValueSet/site-cns; abatement dated in the future (abatementDateTime 2027-03-01): not read as abated',
    );
  });

  it('names a text-only plasmacytoma that is history or void, which raises no card', () => {
    const textOnly = (clinicalStatus?: string, verificationStatus?: string) =>
      condition('t', {
        text: 'Extramedullary plasmacytoma, skin',
        sites: [SITE.skin],
        ...(clinicalStatus ? { clinicalStatus } : {}),
        ...(verificationStatus ? { verificationStatus } : {}),
      });
    const resolved = run([mm, textOnly('resolved')]);
    expect(cards(resolved)).toEqual([]);
    expect(resolved.trace.find((line) => line.reference === 'Condition/t')?.message).toBe(
      'text-only plasmacytoma "Extramedullary plasmacytoma, skin" raises no card: history (clinicalStatus resolved)',
    );
    expect(lineOf([mm, textOnly(undefined, 'refuted')], 'Condition/t')).toBe(
      'text-only plasmacytoma "Extramedullary plasmacytoma, skin" raises no card: its verification status is refuted or entered in error',
    );
  });

  it('names a text-only mention that a cue negates, which raises no card (H88)', () => {
    const negated = run([mm, condition('t', { text: 'No evidence of extramedullary disease' })]);
    expect(cards(negated)).toEqual([]);
    expect(negated.trace.find((line) => line.reference === 'Condition/t')?.message).toBe(
      '"No evidence of extramedullary disease" matches a text pattern but says there is none ("no evidence of"): not a text-only plasmacytoma, no card',
    );
  });
});

describe('the explain trace', () => {
  it('gives every rule, fired or not, a reason', () => {
    const evaluation = run([mm, plasmacytoma('liver', [SITE.liver])]);
    const reasons = Object.fromEntries(evaluation.outcomes.map((o) => [o.ruleId, o.explain[0]]));
    expect(reasons).toMatchObject({
      'emd-leptomeningeal': 'no active leptomeningeal finding',
      'emd-cns': 'no active CNS finding',
      'emd-soft-tissue': 'active soft-tissue / organ finding: Condition/liver',
      'emd-paraskeletal': 'no active paraskeletal finding',
      'emd-unclassified': 'no unclassified finding and no text-only plasmacytoma',
    });
    for (const o of evaluation.outcomes) expect(o.explain.join('').trim(), o.ruleId).not.toBe('');
  });

  it('records the phase and why each Condition counted', () => {
    const { trace } = run([mm, plasmacytoma('liver', [SITE.liver])]);
    expect(trace.map((line) => line.message)).toContain(
      'phase unknown: no active finding began within 90 days of the myeloma diagnosis, and nothing records a relapse',
    );
    expect(trace.find((line) => line.reference === 'Condition/liver')?.message).toMatch(
      /^active finding, class emd: body site 10200004/,
    );
  });
});
