/**
 * H146 (probe 15, family D): studies as a PACS or RIS exports them, read by their modality
 * alone. Rules page §3.4 counts MRI of the brain and of the spine, or whole-body imaging, by a
 * procedure or series body site in the region's value set, and §4 leaves which codes to the
 * value sets (sites add theirs); §5 ships no CPT and no DICOM Body Part Examined. So an MR
 * brain coded CPT 70553 with series body part `BRAIN`, and an MR spine coded CPT 72156-72158,
 * cover nothing: the leptomeningeal card still proposes MRI of the brain and spine, and a
 * PET/CT a RIS sends as modality CT with CPT 78815 leaves the PET/CT proposed. No card
 * changes. The explain trace said nothing of these studies (H116 names only a study none of
 * whose codes, modality included, a value set holds); it now names them. Lines typed from
 * docs/clinical-safety.md H146.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/evaluate.js';
import type { RuleOutcome } from '../../src/rules/rule-outcome.js';
import {
  daysFrom,
  defaultRuleSettings,
  icd,
  imagingStudy,
  loinc,
  myeloma,
  NOW,
  PATIENT_ID,
  plasmacytoma,
  recordOf,
  SITE,
} from './fixtures.js';

const CPT = 'http://www.ama-assn.org/go/cpt';
const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const cpt = (code: string): fhir4.Coding => ({ system: CPT, code });
const bodyPart = (code: string): fhir4.Coding => ({ system: DCM, code });
const mm = myeloma('mm', { code: [icd('C90.02')], onset: '2024-01-01' });
const meninges = plasmacytoma('lep', [SITE.meninges], { onset: '2026-10-01' });
const liver = plasmacytoma('liver', [SITE.liver], { onset: '2026-10-01' });
const started = daysFrom(NOW, -16);

const mrBrain = imagingStudy('mrb', {
  started,
  modality: ['MR'],
  procedure: [cpt('70553')],
  series: [{ modality: 'MR', bodySite: bodyPart('BRAIN') }],
});
const mrSpine = imagingStudy('mrs', {
  started,
  modality: ['MR'],
  procedure: [cpt('72156'), cpt('72157'), cpt('72158')],
  series: [
    { modality: 'MR', bodySite: bodyPart('CSPINE') },
    { modality: 'MR', bodySite: bodyPart('LSPINE') },
  ],
});
const petCtAsCt = imagingStudy('pet', { started, modality: ['CT'], procedure: [cpt('78815')] });

function outcomeOf(ruleId: string, ...resources: fhir4.Resource[]): RuleOutcome {
  const evaluation = evaluate({
    record: recordOf([mm, ...resources]),
    settings: defaultRuleSettings,
    context: { kind: 'patient-view', patientId: PATIENT_ID },
    now: NOW,
  });
  const outcome = evaluation.outcomes.find((o) => o.ruleId === ruleId);
  if (!outcome?.fired) expect.fail(`${ruleId} did not fire`);
  return outcome;
}
const linesNaming = (outcome: RuleOutcome) =>
  outcome.explain.filter((line) => line.includes('read by its modality'));

const NEURAXIS =
  'if it is such a study, a site adds its codes to the value set of the role imagingBrain (https://fhir.emd-cds.org/ValueSet/imaging-brain) or imagingSpine (https://fhir.emd-cds.org/ValueSet/imaging-spine) (docs/configuring.md, example a)';
const WHOLE_BODY =
  'if it is such a study, a site adds its codes to the value set of the role imagingPet (https://fhir.emd-cds.org/ValueSet/imaging-pet) or imagingWholeBody (https://fhir.emd-cds.org/ValueSet/imaging-whole-body) (docs/configuring.md, example a)';

describe('a recent study read by its modality alone is named in the trace (H146)', () => {
  it('MR brain and spine coded in CPT and DICOM body parts: the critical card as before, both named', () => {
    const outcome = outcomeOf('emd-leptomeningeal', meninges, mrBrain, mrSpine);
    expect(outcome.indicator).toBe('critical');
    expect(outcome.workup.neuraxisMri).toBe(true);
    expect(linesNaming(outcome)).toEqual([
      `ImagingStudy/mrb is available and recent, and read by its modality, but not counted as MRI of the brain or spine: its procedure codes and series body sites (70553 in ${CPT}, BRAIN in ${DCM}) are in no value set; ${NEURAXIS}`,
      `ImagingStudy/mrs is available and recent, and read by its modality, but not counted as MRI of the brain or spine: its procedure codes and series body sites (72156 in ${CPT}, 72157 in ${CPT}, 72158 in ${CPT}, CSPINE in ${DCM}, LSPINE in ${DCM}) are in no value set; ${NEURAXIS}`,
    ]);
  });

  it('a PET/CT sent as CT with CPT 78815: the warning and its PET/CT as before, the study named', () => {
    const outcome = outcomeOf('emd-soft-tissue', liver, petCtAsCt);
    expect(outcome.indicator).toBe('warning');
    expect(outcome.workup.wholeBodyImaging).toBe(true);
    expect(linesNaming(outcome)).toEqual([
      `ImagingStudy/pet is available and recent, and read by its modality, but not counted as whole-body imaging: its procedure codes and series body sites (78815 in ${CPT}) are in no value set; ${WHOLE_BODY}`,
    ]);
  });

  it('an MR with no procedure code and no series body site: said so', () => {
    const bare = imagingStudy('mr', { started, modality: ['MR'] });
    expect(linesNaming(outcomeOf('emd-leptomeningeal', meninges, bare))).toEqual([
      'ImagingStudy/mr is available and recent, and read by its modality, but not counted as MRI of the brain or spine: it has no coded procedure and no coded series body site to tell what it covers',
    ]);
  });

  it('names no CT for the MRI of the neuraxis, which only MR counts for', () => {
    const ctHead = imagingStudy('ct', { started, modality: ['CT'], procedure: [cpt('70450')] });
    expect(linesNaming(outcomeOf('emd-leptomeningeal', meninges, ctHead))).toEqual([]);
  });

  it('names no study with a code a value set holds, none outside the lookback, none covered', () => {
    const loincBrain = imagingStudy('mrl', {
      started,
      modality: ['MR'],
      procedure: [loinc('24590-2')],
    });
    const old = { ...mrBrain, id: 'old', started: daysFrom(NOW, -200) };
    expect(linesNaming(outcomeOf('emd-leptomeningeal', meninges, loincBrain, old))).toEqual([]);
  });

  it('names five, then counts', () => {
    const studies = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => ({ ...petCtAsCt, id }));
    const outcome = outcomeOf('emd-soft-tissue', liver, ...studies);
    const lines = outcome.explain.filter(
      (line) => line.includes('read by its modality') || line.includes('read by their modality'),
    );
    expect(lines).toHaveLength(6);
    expect(lines[5]).toBe('and 2 more recent studies read by their modality alone');
  });
});
