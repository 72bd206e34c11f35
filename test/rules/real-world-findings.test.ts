/**
 * Issue #13, findings as real exports record them: text-only exactly as rules page §2 says
 * (no coding from a known system), imaging suggestions only from imaging that was read (§3.4),
 * outranked paraskeletal findings never dropped silently (§6), and emd-reported-not-listed
 * over every conclusion code of imaging reports only (§4).
 */
import { describe, expect, it } from 'vitest';
import { evaluate, type Evaluation } from '../../src/rules/evaluate.js';
import type { DataGap } from '../../src/rules/patient-record.js';
import type { RuleOutcome } from '../../src/rules/rule-outcome.js';
import type { HookContext, RuleId } from '../../src/rules/types.js';
import {
  condition,
  daysFrom,
  draftOrder,
  orderContext,
  defaultRuleSettings,
  icd,
  icdo3,
  imagingStudy,
  local,
  loinc,
  myeloma,
  NOW,
  PATIENT_ID,
  plasmacytoma,
  recordOf,
  sct,
  SITE,
} from './fixtures.js';

const patientView: HookContext = { kind: 'patient-view', patientId: PATIENT_ID };
function run(
  resources: fhir4.Resource[],
  gaps: ReadonlySet<DataGap> = new Set(),
  context: HookContext = patientView,
): Evaluation {
  const record = recordOf(resources, gaps);
  return evaluate({ record, settings: defaultRuleSettings, context, now: NOW });
}
const cards = (evaluation: Evaluation) =>
  evaluation.outcomes.filter((o) => o.fired).map((o) => [o.ruleId, o.indicator]);
function outcome(evaluation: Evaluation, ruleId: RuleId): RuleOutcome {
  const found = evaluation.outcomes.find((o) => o.ruleId === ruleId);
  if (!found) expect.fail(`no outcome for ${ruleId}`);
  return found;
}
const mm = myeloma('mm', { onset: '2019-05-01' });

describe('text only means no coding from a known system (rules page §2)', () => {
  const hematopoiesis: [string, fhir4.Coding][] = [
    ['ICD-10-CM', { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'D75.89' }],
    ['ICD-10-CM without the dot', { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'D7589' }],
    ['the ICD-10-CM OID', { system: 'urn:oid:2.16.840.1.113883.6.90', code: 'D75.89' }],
  ];
  for (const [name, coding] of hematopoiesis) {
    it(`raises no card for extramedullary hematopoiesis coded D75.89 in ${name}`, () => {
      const code = [{ ...coding, display: 'Extramedullary hematopoiesis' }];
      const evaluation = run([mm, condition('emh', { code, sites: [SITE.liver] })]);
      expect(cards(evaluation)).toEqual([]);
      // Not even a text match: the default patterns leave haematopoiesis out (H77).
      expect(evaluation.trace.find((l) => l.reference === 'Condition/emh')).toBeUndefined();
    });

    it(`raises no card for a D75.89 in ${name} whose words match a pattern: coded, so not text-only`, () => {
      const code = [{ ...coding, display: 'Extramedullary mass, liver' }];
      const evaluation = run([mm, condition('emh', { code, sites: [SITE.liver] })]);
      expect(cards(evaluation)).toEqual([]);
      expect(evaluation.trace.find((l) => l.reference === 'Condition/emh')?.message).toMatch(
        /coded in a known system outside the finding value sets: not text-only/,
      );
    });
  }

  it('keeps a plasmacytoma coded only in a local system text-only (info), saying it has a local code', () => {
    const code = [{ ...local('PCT-L'), display: 'Extramedullary plasmacytoma, liver' }];
    const evaluation = run([mm, condition('t', { code, sites: [SITE.liver] })]);
    expect(cards(evaluation)).toEqual([['emd-unclassified', 'info']]);
    expect(outcome(evaluation, 'emd-unclassified').textOnly).toMatchObject([
      { reference: 'Condition/t', isUncoded: false },
    ]);
  });

  // A coding that names ICD-10-CM but carries no code is no code from a known system.
  for (const code of [undefined, '', '  ']) {
    it(`keeps a plasmacytoma whose ICD-10-CM coding has code ${JSON.stringify(code)} text-only (info), saying it has no code`, () => {
      const coding: fhir4.Coding = {
        system: 'http://hl7.org/fhir/sid/icd-10-cm',
        display: 'Extramedullary plasmacytoma',
        ...(code === undefined ? {} : { code }),
      };
      const evaluation = run([
        mm,
        condition('t', { code: [coding], text: 'Extramedullary plasmacytoma of liver' }),
      ]);
      expect(cards(evaluation)).toEqual([['emd-unclassified', 'info']]);
      expect(outcome(evaluation, 'emd-unclassified').textOnly).toMatchObject([
        { reference: 'Condition/t', isUncoded: true },
      ]);
    });
  }

  it('keeps a Condition with text and no coding at all text-only, saying it has no code', () => {
    const evaluation = run([mm, condition('t', { text: '浆细胞瘤，左乳' })]);
    expect(outcome(evaluation, 'emd-unclassified').textOnly).toMatchObject([
      { reference: 'Condition/t', isUncoded: true },
    ]);
  });
});

describe('imaging suggestions only when imaging data were read (rules page §3.4)', () => {
  const gap = new Set<DataGap>(['ImagingStudy']);
  it('offers no PET/CT on emd-soft-tissue when imaging studies were not available', () => {
    const evaluation = run([mm, plasmacytoma('liver', [SITE.liver])], gap);
    expect(outcome(evaluation, 'emd-soft-tissue').workup.wholeBodyImaging).toBe(false);
    expect(
      outcome(run([mm, plasmacytoma('liver', [SITE.liver])]), 'emd-soft-tissue').workup,
    ).toMatchObject({ wholeBodyImaging: true });
  });

  for (const [ruleId, site] of [
    ['emd-cns', SITE.brain],
    ['emd-leptomeningeal', SITE.meninges],
  ] as const) {
    it(`offers no neuraxis MRI on ${ruleId} without imaging data, but still the CSF work-up`, () => {
      const evaluation = run([mm, plasmacytoma('f', [site])], gap);
      expect(outcome(evaluation, ruleId).workup).toEqual({
        wholeBodyImaging: false,
        neuraxisMri: false,
        neuraxisMriParts: { brain: false, spine: false },
        csfWorkup: true,
      });
    });
  }

  it('offers no scan on emd-imaging-order without imaging data', () => {
    const context = orderContext([draftOrder('ct')]);
    const resources = [
      mm,
      plasmacytoma('liver', [SITE.liver]),
      plasmacytoma('brain', [SITE.brain]),
    ];
    const order = outcome(run(resources, gap, context), 'emd-imaging-order');
    expect([order.fired, order.workup.wholeBodyImaging, order.workup.neuraxisMri]).toEqual([
      true,
      false,
      false,
    ]);
  });
});

describe('outranked paraskeletal findings are listed on the graver card (rules page §6)', () => {
  const spine = plasmacytoma('l3', [SITE.lumbarSpine]);
  for (const [ruleId, site] of [
    ['emd-soft-tissue', SITE.liver],
    ['emd-cns', SITE.brain],
    ['emd-leptomeningeal', SITE.meninges],
  ] as const) {
    it(`lists the lumbar spine plasmacytoma on ${ruleId}`, () => {
      const evaluation = run([mm, spine, plasmacytoma('f', [site])]);
      expect(outcome(evaluation, 'emd-paraskeletal').fired).toBe(false);
      expect(outcome(evaluation, ruleId).outranked.map((f) => f.references)).toEqual([
        ['Condition/l3'],
      ]);
    });
  }
});

describe('emd-reported-not-listed reads every conclusion code of imaging reports only', () => {
  const RAD = { system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'RAD' };
  const report = (
    id: string,
    codes: fhir4.Coding[],
    extra: Partial<fhir4.DiagnosticReport>,
  ): fhir4.DiagnosticReport => ({
    resourceType: 'DiagnosticReport',
    id,
    status: 'final',
    subject: { reference: `Patient/${PATIENT_ID}` },
    code: { text: 'CT abdomen' },
    effectiveDateTime: daysFrom(NOW, -10),
    conclusionCode: codes.map((coding) => ({ coding: [coding] })),
    ...extra,
  });
  const listedLiver = plasmacytoma('liver', [SITE.liver]);
  const fires = (r: fhir4.DiagnosticReport, resources: fhir4.Resource[] = [mm]) =>
    outcome(run([...resources, r]), 'emd-reported-not-listed');

  it('fires for a second conclusion code that no Condition lists, though the first is listed', () => {
    const r = report('r', [icd('C90.20'), icdo3('9731/3'), SITE.liver], {
      category: [{ coding: [RAD] }],
    });
    const card = fires(r, [mm, listedLiver]);
    expect(card.fired).toBe(true);
    expect(card.reported.map((f) => f.code.coding?.[0]?.code)).toEqual(['9731/3']);
  });

  it('ignores a laboratory report, however its conclusion is coded', () => {
    const lab = { system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' };
    const r = report('lab', [icd('C90.20'), SITE.liver], { category: [{ coding: [lab] }] });
    expect(fires(r).fired).toBe(false);
  });

  it('ignores a report with neither an imaging category nor an imaging study', () => {
    expect(fires(report('r', [icd('C90.20'), SITE.liver], {})).fired).toBe(false);
  });

  const imaging: [string, Partial<fhir4.DiagnosticReport>][] = [
    ['category RAD', { category: [{ coding: [RAD] }] }],
    ['category LOINC LP29684-5', { category: [{ coding: [loinc('LP29684-5')] }] }],
    ['a reference to an ImagingStudy', { imagingStudy: [{ reference: 'ImagingStudy/ct' }] }],
  ];
  for (const [name, extra] of imaging) {
    it(`counts a report with ${name} as an imaging report`, () => {
      expect(fires(report('r', [icd('C90.20'), sct('64033007')], extra)).fired).toBe(true);
    });
  }
});

describe('emd-imaging-order on real order-entry data (rules page §2, §4)', () => {
  const draft = draftOrder;
  const wholeBodyCt = draft('ct', loinc('46305-9'));
  const petCt = draft('pet', sct('443271005'));
  const mrBrain = draft('mr', loinc('24590-2'));
  const order = (
    resources: fhir4.Resource[],
    draftOrders: fhir4.ServiceRequest[],
    otherDraftOrders: fhir4.ServiceRequest[] = [],
  ) =>
    outcome(
      run(resources, new Set(), orderContext(draftOrders, otherDraftOrders)),
      'emd-imaging-order',
    );
  const liver = plasmacytoma('liver', [SITE.liver]);
  const brain = plasmacytoma('brain', [SITE.brain]);

  it('does not propose PET/CT when a PET/CT is drafted in the same call but not selected', () => {
    // §4: "the preferred order, if not already drafted or recent".
    expect(order([mm, liver], [wholeBodyCt], [petCt]).workup.wholeBodyImaging).toBe(false);
    expect(order([mm, liver], [wholeBodyCt]).workup.wholeBodyImaging).toBe(true);
  });

  it('still proposes MRI of brain and whole spine when only an MRI of the brain is drafted', () => {
    // §4 "MRI brain + whole spine"; §3.4: the neuraxis needs MR of the brain AND the spine.
    expect(order([mm, brain], [mrBrain]).workup.neuraxisMri).toBe(true);
  });

  it('leaves the drafted MRI of the brain out of what it proposes: only the spine', () => {
    // §4 emd-imaging-order: "the preferred order, if not already drafted".
    expect(order([mm, brain], [mrBrain]).workup.neuraxisMriParts).toEqual({
      brain: false,
      spine: true,
    });
  });

  it("ignores another patient's draft order", () => {
    const card = order([mm, liver], [draft('ct', loinc('46305-9'), 'p2')]);
    expect(card.fired).toBe(false);
  });

  it('names the draft order that made it fire in its evidence', () => {
    // §4: each card's extension carries "the references of the resources that made it fire".
    expect(order([mm, liver], [wholeBodyCt]).evidence).toEqual(
      expect.arrayContaining(['ServiceRequest/ct', 'Condition/liver']),
    );
  });
});

describe('the imaging-review rules on a study that is void (rules page §6)', () => {
  const relapsed = myeloma('mm', { code: [icd('C90.02')], onset: '2019-05-01' });
  for (const status of ['entered-in-error', 'cancelled'] as const) {
    it(`raises no card when the study under review is ${status}`, () => {
      const mrBrain = imagingStudy('mr', {
        status,
        started: daysFrom(NOW, -1),
        series: [{ modality: 'MR', bodySite: SITE.brain }],
      });
      const pet = imagingStudy('pet', { status, started: daysFrom(NOW, -1), modality: ['PT'] });
      for (const study of [mrBrain, pet]) {
        const evaluation = run([relapsed, plasmacytoma('b', [SITE.brain]), study], new Set(), {
          kind: 'imaging-review',
          patientId: PATIENT_ID,
          imagingStudyId: study.id ?? '',
        });
        expect(cards(evaluation).filter(([id]) => String(id).includes('imaging-review'))).toEqual(
          [],
        );
      }
    });
  }
});

describe('emd-reported-not-listed compares a cited study the record does not hold', () => {
  it("is silent when a finding Condition cites the report's study, though the study is not in the record", () => {
    // §4: fires only when "no non-refuted finding Condition cites that report or its study".
    const r: fhir4.DiagnosticReport = {
      resourceType: 'DiagnosticReport',
      id: 'r1',
      status: 'final',
      subject: { reference: `Patient/${PATIENT_ID}` },
      code: { text: 'PET/CT' },
      effectiveDateTime: daysFrom(NOW, -10),
      imagingStudy: [{ reference: 'ImagingStudy/pet77' }],
      conclusionCode: [{ coding: [icd('C90.20')] }, { coding: [SITE.liver] }],
    };
    const kidney = condition('k', {
      code: [icd('C90.20')],
      sites: [SITE.kidney],
    });
    kidney.evidence = [
      { detail: [{ reference: 'https://ehr.example.org/fhir/ImagingStudy/pet77' }] },
    ];
    expect(outcome(run([mm, kidney, r]), 'emd-reported-not-listed').fired).toBe(false);
    delete kidney.evidence;
    expect(outcome(run([mm, kidney, r]), 'emd-reported-not-listed').fired).toBe(true);
  });
});

describe('emd-reported-not-listed reads the citations of every recording of a finding', () => {
  it('is silent when only the second recording of a duplicated finding cites the report', () => {
    // §2 "Duplicates": one finding, all its references; §4: silent when a finding Condition
    // cites the report. The report concludes on the liver, the finding is the kidney: only
    // the citation ties them.
    const r: fhir4.DiagnosticReport = {
      resourceType: 'DiagnosticReport',
      id: 'r2',
      status: 'final',
      subject: { reference: `Patient/${PATIENT_ID}` },
      category: [
        { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'RAD' }] },
      ],
      code: { text: 'CT abdomen' },
      effectiveDateTime: daysFrom(NOW, -10),
      conclusionCode: [{ coding: [icd('C90.20')] }, { coding: [SITE.liver] }],
    };
    const problemList = condition('k1', { code: [icd('C90.20')], sites: [SITE.kidney] });
    const encounterDiagnosis = condition('k2', { code: [icd('C90.20')], sites: [SITE.kidney] });
    encounterDiagnosis.evidence = [{ detail: [{ reference: 'DiagnosticReport/r2' }] }];
    const evaluation = run([mm, problemList, encounterDiagnosis, r]);
    expect(evaluation.facts.findings.active).toHaveLength(1);
    expect(outcome(evaluation, 'emd-reported-not-listed').fired).toBe(false);
  });
});
