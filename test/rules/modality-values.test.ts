/**
 * H116: a PET/CT the service did not see as one. A DICOM modality is read as DICOM writes its
 * values (PS3.5 §6.4: a backslash separates the values of a multi-valued element, so `PT\CT`
 * holds PT and CT; §6.2: code strings are uppercase, so `pt` is PT); DSTU2's URI for DICOM and
 * DICOM's coding scheme designator DCM are read as DICOM's system (code-systems.json), each
 * named in the trace; a ValueSet URL is no system. An order with doNotPerform is neither a
 * draft imaging order nor the test already ordered. A recent study coded only in codes no
 * value set holds is named in the trace. Expected values are typed from the rules page (§3.4,
 * §4, §5) and the H116 entry, not computed.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/evaluate.js';
import { modalityReadingOf } from '../../src/rules/modality-reading.js';
import type { RuleOutcome } from '../../src/rules/rule-outcome.js';
import {
  daysFrom,
  defaultRuleSettings,
  draftOrder,
  icd,
  imagingStudy,
  loinc,
  myeloma,
  NOW,
  orderContext,
  PATIENT_ID,
  plasmacytoma,
  recordOf,
  sct,
  SITE,
} from './fixtures.js';

const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const CPT = 'http://www.ama-assn.org/go/cpt';
const mm = myeloma('mm', { code: [icd('C90.02')], onset: '2024-01-01' });
const liver = plasmacytoma('liver', [SITE.liver], { onset: '2026-10-01' });

/** A PET study 36 days before NOW, its modalities as given, no procedure code, no series. */
function petStudy(modality: fhir4.Coding[], id = 'pet'): fhir4.ImagingStudy {
  return {
    resourceType: 'ImagingStudy',
    id,
    status: 'available',
    subject: { reference: `Patient/${PATIENT_ID}` },
    started: daysFrom(NOW, -36),
    modality,
  };
}

function patientView(...studies: fhir4.ImagingStudy[]) {
  return evaluate({
    record: recordOf([mm, liver, ...studies]),
    settings: defaultRuleSettings,
    context: { kind: 'patient-view', patientId: PATIENT_ID },
    now: NOW,
  });
}

const softTissue = (evaluation: ReturnType<typeof evaluate>): RuleOutcome => {
  const outcome = evaluation.outcomes.find((o) => o.ruleId === 'emd-soft-tissue');
  if (!outcome?.fired) expect.fail('emd-soft-tissue did not fire');
  return outcome;
};
const readLines = (evaluation: ReturnType<typeof evaluate>) =>
  evaluation.trace.map((line) => line.message).filter((m) => /^(code system|modality) "/.test(m));

describe('a DICOM modality read as DICOM writes its values (H116)', () => {
  it('reads PT\\CT as PT and CT, pt as PT, and a clean or empty code as itself', () => {
    expect(modalityReadingOf('PT\\CT')?.values).toEqual(['PT', 'CT']);
    expect(modalityReadingOf('pt')?.values).toEqual(['PT']);
    expect(modalityReadingOf('pt\\ct ')?.values).toEqual(['PT', 'CT']);
    expect(modalityReadingOf('PT\\')?.values).toEqual(['PT']);
    for (const code of ['PT', 'CT', ' PT ', '\\', ''])
      expect(modalityReadingOf(code), code).toBeUndefined();
  });

  it('counts a PET/CT whose one modality code is PT\\CT: no PET/CT proposed (§3.4, §4)', () => {
    const evaluation = patientView(petStudy([{ system: DCM, code: 'PT\\CT' }]));
    expect(softTissue(evaluation).workup.wholeBodyImaging).toBe(false);
    expect(readLines(evaluation)).toEqual([
      `modality "PT\\CT" read as DICOM's PT and CT (a backslash separates the values of a multi-valued DICOM element, PS3.5 §6.4): the feed should send each modality as a coding of its own`,
    ]);
  });

  it('counts a PET whose modality is pt in lowercase, on the study or a series', () => {
    const onStudy = patientView(petStudy([{ system: DCM, code: 'pt' }]));
    expect(softTissue(onStudy).workup.wholeBodyImaging).toBe(false);
    expect(readLines(onStudy)).toEqual([
      `modality "pt" read as DICOM's PT (DICOM code strings are uppercase, PS3.5 §6.2): the feed should send PT`,
    ]);
    const onSeries: fhir4.ImagingStudy = {
      ...petStudy([]),
      series: [{ uid: '2.25.1', modality: { system: DCM, code: 'pt' } }],
    };
    expect(softTissue(patientView(onSeries)).workup.wholeBodyImaging).toBe(false);
  });

  it('reads a system-less pt\\ct as DICOM too, and says both', () => {
    const evaluation = patientView(petStudy([{ code: 'pt\\ct' }]));
    expect(softTissue(evaluation).workup.wholeBodyImaging).toBe(false);
    expect(readLines(evaluation)).toEqual([
      `modality "pt\\ct" with no code system read as DICOM's PT and CT (R4 binds ImagingStudy.modality and series.modality to DICOM's modalities): the feed should send its system, ${DCM}`,
      `modality "pt\\ct" read as DICOM's PT and CT (a backslash separates the values of a multi-valued DICOM element, PS3.5 §6.4; DICOM code strings are uppercase, PS3.5 §6.2): the feed should send each modality as a coding of its own`,
    ]);
  });

  it('reads no other value as PET: CT\\MR, PET, and pt under another system', () => {
    for (const modality of [
      { system: DCM, code: 'CT\\MR' },
      { system: DCM, code: 'pet' },
      { system: 'https://pacs.example.org/modality', code: 'pt' },
      { system: 'https://pacs.example.org/modality', code: 'PT\\CT' },
    ])
      expect(
        softTissue(patientView(petStudy([modality]))).workup.wholeBodyImaging,
        JSON.stringify(modality),
      ).toBe(true);
  });
});

describe("another name of DICOM's system (H116)", () => {
  it("reads DSTU2's URI http://nema.org/dicom/dicm as DICOM's, and names it once", () => {
    const evaluation = patientView(
      petStudy([{ system: 'http://nema.org/dicom/dicm', code: 'PT' }]),
      petStudy([{ system: 'http://nema.org/dicom/dicm', code: 'PT' }], 'pet2'),
    );
    expect(softTissue(evaluation).workup.wholeBodyImaging).toBe(false);
    expect(readLines(evaluation)).toEqual([
      `code system "http://nema.org/dicom/dicm" read as DICOM (FHIR DSTU2's URI for DICOM's terminology): the feed should send ${DCM}`,
    ]);
  });

  it("reads DCM, DICOM's coding scheme designator, as DICOM's system, and names it", () => {
    const evaluation = patientView(petStudy([{ system: 'DCM', code: 'PT' }]));
    expect(softTissue(evaluation).workup.wholeBodyImaging).toBe(false);
    expect(readLines(evaluation)).toEqual([
      `code system "DCM" read as DICOM (DICOM's coding scheme designator (PS3.16), not a URI): the feed should send ${DCM}`,
    ]);
  });

  it('reads no ValueSet URL as a system: a ValueSet is no code system', () => {
    const study = petStudy([{ system: 'http://hl7.org/fhir/ValueSet/dicom-cid29', code: 'PT' }]);
    expect(softTissue(patientView(study)).workup.wholeBodyImaging).toBe(true);
  });
});

describe('a recent study coded in no value set is named in the trace (H116)', () => {
  const cptOnly = (id: string, options: { started?: string; status?: 'registered' } = {}) =>
    imagingStudy(id, {
      started: options.started ?? daysFrom(NOW, -36),
      procedure: [{ system: CPT, code: '78815' }],
      ...(options.status ? { status: options.status } : {}),
    });
  const line = (id: string) =>
    `ImagingStudy/${id} is available and recent, but not counted as imaging of any kind: its codes (78815 in ${CPT}) are in no value set; if it is such a study, a site adds its procedure code to the value set of the role imagingPet (https://fhir.emd-cds.org/ValueSet/imaging-pet) or imagingWholeBody (https://fhir.emd-cds.org/ValueSet/imaging-whole-body) (docs/configuring.md, example a)`;

  it('names a PET/CT coded only under CPT 78815, with no modality; the card is unchanged', () => {
    const outcome = softTissue(patientView(cptOnly('cpt')));
    expect(outcome.workup.wholeBodyImaging).toBe(true);
    expect(outcome.explain).toContain(line('cpt'));
  });

  it('names a study with no code and no modality as such', () => {
    const bare = imagingStudy('bare', { started: daysFrom(NOW, -36) });
    expect(softTissue(patientView(bare)).explain).toContain(
      'ImagingStudy/bare is available and recent, but not counted as imaging of any kind: it has no coded procedure and no modality',
    );
  });

  it('names no study outside the lookback, not available, or with a modality read', () => {
    for (const study of [
      cptOnly('old', { started: daysFrom(NOW, -200) }),
      cptOnly('registered', { status: 'registered' }),
      { ...cptOnly('ct'), modality: [{ system: DCM, code: 'CT' }] },
    ])
      expect(
        softTissue(patientView(study)).explain.filter((l) => l.includes('not counted as imaging')),
        study.id,
      ).toEqual([]);
  });

  it('names five, then counts', () => {
    const studies = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => cptOnly(id));
    const lines = softTissue(patientView(...studies)).explain.filter(
      (l) => l.includes('not counted as imaging') || l.includes('more recent studies'),
    );
    expect(lines).toEqual([
      ...['a', 'b', 'c', 'd', 'e'].map(line),
      'and 2 more recent studies whose codes are in no value set',
    ]);
  });
});

describe('an order not to perform (doNotPerform) is no order of the test (H116)', () => {
  const wholeBodyCt = draftOrder('ct', loinc('46305-9'));
  const notPet = (status: fhir4.ServiceRequest['status'] = 'draft'): fhir4.ServiceRequest => ({
    ...draftOrder('pet', sct('443271005')),
    status,
    doNotPerform: true,
  });
  const LEFT_OUT =
    'left out as orders not to perform (doNotPerform: true), neither a draft imaging order nor the test already ordered: ServiceRequest/pet';

  function orderOutcome(drafts: fhir4.ServiceRequest[], others: fhir4.ServiceRequest[] = []) {
    const evaluation = evaluate({
      record: recordOf([mm, liver]),
      settings: defaultRuleSettings,
      context: orderContext(drafts, others),
      now: NOW,
    });
    const outcome = evaluation.outcomes.find((o) => o.ruleId === 'emd-imaging-order');
    if (!outcome) expect.fail('no emd-imaging-order outcome');
    return outcome;
  }

  for (const status of ['draft', 'active'] as const)
    it(`a PET/CT ${status} not to perform beside a draft CT: PET/CT still proposed, named`, () => {
      const outcome = orderOutcome([wholeBodyCt], [notPet(status)]);
      expect(outcome.fired).toBe(true);
      expect(outcome.workup.wholeBodyImaging).toBe(true);
      expect(outcome.explain).toContain(LEFT_OUT);
    });

  it('a selected PET/CT draft not to perform does not make the card fire', () => {
    const outcome = orderOutcome([notPet()]);
    expect(outcome.fired).toBe(false);
    expect(outcome.explain).toEqual([
      "no draft imaging order of this patient's among the orders",
      LEFT_OUT,
    ]);
  });

  it('doNotPerform false is an order like any other', () => {
    const pet = { ...notPet(), doNotPerform: false };
    expect(orderOutcome([wholeBodyCt], [pet]).workup.wholeBodyImaging).toBe(false);
  });
});
