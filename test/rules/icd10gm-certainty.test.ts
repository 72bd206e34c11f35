/**
 * H130: a diagnosis's certainty as German records carry it, ICD-10-GM's Diagnosesicherheit, an
 * extension on the code's coding (Basisprofil DE: http://fhir.de/StructureDefinition/
 * icd-10-gm-diagnosesicherheit, context Condition.code.coding, its value from the KBV's code
 * system https://fhir.kbv.de/CodeSystem/KBV_CS_SFHIR_ICD_DIAGNOSESICHERHEIT: A ausgeschlossen,
 * G gesicherte Diagnose, V Verdacht auf / zum Ausschluss von, Z Zustand nach). The oracles are
 * the rules page's §2 "Status" (refuted: ignored entirely; unconfirmed / provisional /
 * differential: the card one level lower, saying so; history: never a card of its own, a
 * history line at most) and §3.1 (a refuted myeloma is no myeloma; an uncertain one lowers the
 * cards), read with the KBV's meaning of each code. The site has added its ICD-10-GM codes to
 * its value sets (docs/configuring.md example h; H74).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_VALUE_SET_URLS } from '../../src/config/defaults.js';
import { readConditionStatus } from '../../src/rules/condition-status.js';
import { evaluate } from '../../src/rules/evaluate.js';
import type { HookContext, RuleSettings } from '../../src/rules/types.js';
import {
  condition,
  defaultRuleSettings,
  NOW,
  PATIENT_ID,
  recordOf,
  sct,
  SITE,
  terminologyAdding,
} from './fixtures.js';

const ICD_10_GM = 'http://fhir.de/CodeSystem/bfarm/icd-10-gm';
const SICHERHEIT = 'http://fhir.de/StructureDefinition/icd-10-gm-diagnosesicherheit';
const KBV = 'https://fhir.kbv.de/CodeSystem/KBV_CS_SFHIR_ICD_DIAGNOSESICHERHEIT';
const VER = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
const CLIN = 'http://terminology.hl7.org/CodeSystem/condition-clinical';

const settings: RuleSettings = {
  ...defaultRuleSettings,
  terminology: terminologyAdding({
    [DEFAULT_VALUE_SET_URLS.multipleMyeloma]: [{ system: ICD_10_GM, code: 'C90.00' }],
    [DEFAULT_VALUE_SET_URLS.extramedullaryPlasmacytoma]: [{ system: ICD_10_GM, code: 'C90.20' }],
  }),
};
const context: HookContext = { kind: 'patient-view', patientId: PATIENT_ID };

/** Its valueCoding; a string is a code of the KBV's system. */
type Value = string | Record<string, unknown>;
const sicherheit = (value: Value): fhir4.Extension => ({
  url: SICHERHEIT,
  valueCoding: typeof value === 'string' ? { system: KBV, code: value } : value,
});
/** An ICD-10-GM coding, as Basisprofil DE's CodingICD10GM writes it, with its Diagnosesicherheit. */
const gm = (code: string, value?: Value): fhir4.Coding => ({
  system: ICD_10_GM,
  version: '2026',
  code,
  ...(value === undefined ? {} : { extension: [sicherheit(value)] }),
});
const status = (system: string, code: string): fhir4.CodeableConcept => ({
  coding: [{ system, code }],
});

const mm = (value: Value = 'G', extra: Partial<fhir4.Condition> = {}) =>
  condition('mm', { code: [gm('C90.00', value)], onset: '2019-05-01', extra });
const pc = (id: string, site: fhir4.Coding, value?: Value, extra: Partial<fhir4.Condition> = {}) =>
  condition(id, { code: [gm('C90.20', value)], sites: [site], onset: '2026-10-20', extra });

const evaluationOf = (resources: fhir4.Resource[]) =>
  evaluate({ record: recordOf(resources), settings, context, now: NOW });
const cardsFor = (resources: fhir4.Resource[]) =>
  evaluationOf(resources)
    .outcomes.filter((o) => o.fired)
    .map((o) => `${o.ruleId} ${o.indicator ?? ''}`)
    .sort();
const traceOf = (resources: fhir4.Resource[]) =>
  evaluationOf(resources).trace.map((line) => `${line.reference ?? ''}: ${line.message}`);
const read = (c: fhir4.Condition) => readConditionStatus(c, settings.statusWords, NOW);

describe('the Diagnosesicherheit where the Condition has no verificationStatus (§2)', () => {
  it('A (ausgeschlossen): the liver plasmacytoma is ignored entirely, no card', () => {
    expect(read(pc('liver', SITE.liver, 'A')).certainty).toBe('excluded');
    expect(cardsFor([mm(), pc('liver', SITE.liver, 'A')])).toEqual([]);
  });

  it('V (Verdacht): the brain plasmacytoma lowers its critical card to warning, saying provisional', () => {
    expect(read(pc('brain', SITE.brain, 'V'))).toMatchObject({
      certainty: 'uncertain',
      uncertainBecause: ['provisional'],
    });
    const outcome = evaluationOf([mm(), pc('brain', SITE.brain, 'V')]).outcomes.find(
      (o) => o.ruleId === 'emd-cns',
    );
    expect([outcome?.indicator, outcome?.lowering, outcome?.uncertainBecause.findings]).toEqual([
      'warning',
      ['finding-uncertain'],
      ['provisional'],
    ]);
  });

  it('Z (Zustand nach): history, no card of its own', () => {
    expect(read(pc('liver', SITE.liver, 'Z'))).toMatchObject({
      certainty: 'confirmed',
      isHistory: true,
      historyBecause: 'ICD-10-GM Diagnosesicherheit Z (Zustand nach)',
    });
    expect(cardsFor([mm(), pc('liver', SITE.liver, 'Z')])).toEqual([]);
  });

  it('Z beside an active skin plasmacytoma: a history line on its card at most', () => {
    const outcome = evaluationOf([
      mm(),
      pc('liver', SITE.liver, 'Z'),
      pc('skin', SITE.skin, 'G'),
    ]).outcomes.find((o) => o.ruleId === 'emd-soft-tissue');
    expect([outcome?.indicator, outcome?.evidence]).toEqual(['warning', ['Condition/skin']]);
    expect(outcome?.history.flatMap((f) => f.references)).toEqual(['Condition/liver']);
  });

  it('G (gesicherte Diagnose): the card as for a confirmed Condition', () => {
    expect(read(pc('liver', SITE.liver, 'G'))).toMatchObject({
      certainty: 'confirmed',
      isHistory: false,
    });
    expect(cardsFor([mm(), pc('liver', SITE.liver, 'G')])).toEqual(['emd-soft-tissue warning']);
  });

  it('reads a lower-case code, and an unmistakable spelling of the KBV URI or none at all', () => {
    for (const value of [
      'a',
      { system: 'http://fhir.kbv.de/CodeSystem/KBV_CS_SFHIR_ICD_DIAGNOSESICHERHEIT', code: 'A' },
      { code: 'A' },
    ])
      expect(cardsFor([mm(), pc('liver', SITE.liver, value)]), JSON.stringify(value)).toEqual([]);
  });

  it('costs a Condition with no such extension nothing in the trace', () => {
    expect(read(pc('liver', SITE.liver)).diagnosesicherheit).toBeUndefined();
  });
});

describe('the myeloma Condition (§3.1)', () => {
  it('A: a refuted myeloma is no myeloma, no cards at all', () => {
    expect(cardsFor([mm('A'), pc('brain', SITE.brain, 'G')])).toEqual([]);
  });

  it('V: a suspected myeloma lowers the cards one level', () => {
    const outcome = evaluationOf([mm('V'), pc('liver', SITE.liver, 'G')]).outcomes.find(
      (o) => o.ruleId === 'emd-soft-tissue',
    );
    expect([outcome?.indicator, outcome?.lowering, outcome?.uncertainBecause.myeloma]).toEqual([
      'info',
      ['myeloma-uncertain'],
      ['provisional'],
    ]);
  });

  it('Z: a past myeloma keeps the patient a myeloma patient (§3.1: whatever its clinical status)', () => {
    expect(cardsFor([mm('Z'), pc('liver', SITE.liver, 'G')])).toEqual(['emd-soft-tissue warning']);
  });
});

describe('where the verificationStatus and the Diagnosesicherheit disagree, the calmer counts', () => {
  it('verificationStatus confirmed beside A: ignored, and the trace names both', () => {
    const liver = pc('liver', SITE.liver, 'A', { verificationStatus: status(VER, 'confirmed') });
    expect(cardsFor([mm(), liver])).toEqual([]);
    expect(traceOf([mm(), liver])).toContain(
      'Condition/liver: ignored: its verification status is refuted or entered in error; verification read from ICD-10-GM Diagnosesicherheit A (ausgeschlossen) as refuted, though its verificationStatus says confirmed: the two disagree, and the reading that alarms least counts (H130)',
    );
  });

  it('verificationStatus confirmed beside V: lowered, as provisional', () => {
    const brain = pc('brain', SITE.brain, 'V', { verificationStatus: status(VER, 'confirmed') });
    expect(cardsFor([mm(), brain])).toEqual(['emd-cns warning']);
  });

  it('verificationStatus unconfirmed beside G: still lowered; refuted beside G: still ignored', () => {
    const unconfirmed = pc('brain', SITE.brain, 'G', {
      verificationStatus: status(VER, 'unconfirmed'),
    });
    expect(cardsFor([mm(), unconfirmed])).toEqual(['emd-cns warning']);
    expect(read(unconfirmed).diagnosesicherheit).toBe(
      'its verificationStatus unconfirmed counts, though ICD-10-GM Diagnosesicherheit G (gesicherte Diagnose) says confirmed: the two disagree, and the reading that alarms least counts (H130)',
    );
    const refuted = pc('brain', SITE.brain, 'G', { verificationStatus: status(VER, 'refuted') });
    expect(cardsFor([mm(), refuted])).toEqual([]);
  });

  it('clinicalStatus active beside Z: history, and the trace says why', () => {
    const liver = pc('liver', SITE.liver, 'Z', { clinicalStatus: status(CLIN, 'active') });
    expect(cardsFor([mm(), liver])).toEqual([]);
    expect(read(liver).historyBecause).toBe(
      'ICD-10-GM Diagnosesicherheit Z (Zustand nach), though its clinicalStatus says active: the two disagree, and the reading that alarms least counts (H130)',
    );
  });

  it('two codings that disagree (G and A): the calmer, A', () => {
    const both = condition('liver', {
      code: [gm('C90.20', 'G'), { ...gm('C90.20', 'A'), version: '2025' }],
      sites: [SITE.liver],
    });
    expect(cardsFor([mm(), both])).toEqual([]);
  });
});

describe('a Diagnosesicherheit that cannot be read keeps the reading of the elements', () => {
  for (const [name, value, words] of [
    ['an unknown code', 'X', '"X", not one of the KBV\'s codes A, G, V or Z'],
    [
      'another code system',
      { system: 'https://klinikum.example.de/CodeSystem/sicherheit', code: 'A' },
      '"A" in https://klinikum.example.de/CodeSystem/sicherheit, not the KBV\'s code system',
    ],
  ] as const) {
    it(`${name}: the card as today, and the trace says it was not read`, () => {
      const liver = pc('liver', SITE.liver, value);
      expect(cardsFor([mm(), liver])).toEqual(['emd-soft-tissue warning']);
      expect(traceOf([mm(), liver]).find((l) => l.startsWith('Condition/liver:'))).toContain(
        `; ICD-10-GM Diagnosesicherheit ${words}: not read, its status read from its own elements`,
      );
    });
  }
});

describe('the extension on a coding other than the ICD-10-GM one', () => {
  // Its context is Condition.code.coding, any coding (Basisprofil DE); read there, it can only
  // make the Condition calmer. Left unread, an A would raise a card the record says is excluded.
  it('is read, and the trace names the coding it was on', () => {
    const multiple = condition('mm', {
      code: [{ ...sct('109989006'), extension: [sicherheit('A')] }],
    });
    expect(cardsFor([multiple, pc('liver', SITE.liver, 'G')])).toEqual([]);
    expect(traceOf([multiple, pc('liver', SITE.liver, 'G')])).toContain(
      'Condition/mm: myeloma Condition ignored: its verification status is refuted or entered in error; verification read from ICD-10-GM Diagnosesicherheit A (ausgeschlossen) as refuted (sent on its coding in http://snomed.info/sct, not an ICD-10-GM one)',
    );
  });
});

describe('the explain trace names each reading', () => {
  it('names the verification read from A, V and G, and a Z as the history', () => {
    const trace = traceOf([
      mm(),
      pc('liver', SITE.liver, 'A'),
      pc('brain', SITE.brain, 'V'),
      pc('skin', SITE.skin, 'Z'),
    ]);
    expect(trace).toContain(
      'Condition/mm: myeloma Condition (https://fhir.emd-cds.org/ValueSet/multiple-myeloma); verification read from ICD-10-GM Diagnosesicherheit G (gesicherte Diagnose) as confirmed',
    );
    expect(trace).toContain(
      'Condition/liver: ignored: its verification status is refuted or entered in error; verification read from ICD-10-GM Diagnosesicherheit A (ausgeschlossen) as refuted',
    );
    expect(trace.find((l) => l.startsWith('Condition/brain:'))).toContain(
      '; uncertain (lowers its card); verification read from ICD-10-GM Diagnosesicherheit V (Verdacht auf / zum Ausschluss von) as provisional',
    );
    expect(trace.find((l) => l.startsWith('Condition/skin:'))).toMatch(
      /^Condition\/skin: history finding \(ICD-10-GM Diagnosesicherheit Z \(Zustand nach\)\), class emd/,
    );
  });

  it('names a myeloma read as history from Z', () => {
    expect(traceOf([mm('Z'), pc('liver', SITE.liver, 'G')])).toContain(
      'Condition/mm: myeloma Condition (https://fhir.emd-cds.org/ValueSet/multiple-myeloma), history (ICD-10-GM Diagnosesicherheit Z (Zustand nach))',
    );
  });
});

describe("H101's note on a coded finding whose own text reads otherwise, when the Diagnosesicherheit spoke", () => {
  // Rules page §2; H101: text never lowers a coded finding; the trace says what gave its level.
  const withText = (value: Value) => {
    const finding = pc('pc1', SITE.meninges, value);
    return { ...finding, code: { ...finding.code, text: 'Leptomeningeal myeloma - ruled out' } };
  };
  const noteOf = (value: Value) =>
    traceOf([mm(), withText(value)]).find((line) => line.startsWith('Condition/pc1: ')) ?? '';

  it('names G, not an absent verificationStatus, as what says confirmed', () => {
    const line = noteOf('G');
    expect(line).toContain(
      'but its ICD-10-GM Diagnosesicherheit G (gesicherte Diagnose) says confirmed, and text never lowers a coded finding',
    );
    expect(line).not.toContain('it has no verificationStatus');
  });

  it('never names a G as what lowers a card an unreadable clinicalStatus lowered', () => {
    const finding = {
      ...withText('G'),
      clinicalStatus: status(CLIN, 'smouldering'),
    };
    const line = traceOf([mm(), finding]).find((l) => l.startsWith('Condition/pc1: ')) ?? '';
    expect(line).toContain('its text does not (H101)');
    expect(line).not.toContain('Diagnosesicherheit G (gesicherte Diagnose) lowers');
  });

  it('names V, not the verificationStatus, as what lowers the card', () => {
    expect(noteOf('V')).toContain(
      'its ICD-10-GM Diagnosesicherheit V (Verdacht auf / zum Ausschluss von) lowers its card, its text does not (H101)',
    );
  });
});
