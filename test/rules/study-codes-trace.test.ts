/**
 * The explain trace of `emd-cns-imaging-review` for a study it reads as covering neither brain
 * nor spine (rules page §3.4: series body sites or procedure codes in the region's value set).
 * A head MR its PACS codes SNOMED CT 69536005 "Head structure", or DICOM body part `HEAD` with
 * no system, covers nothing the shipped value sets name (§5); the trace now names the codes it
 * read, by system and code, and what a site can do, and says that a code with no system cannot
 * be added. The value sets themselves are not changed (the clinical team's call). Each expected
 * line is typed by hand.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/evaluate.js';
import {
  defaultRuleSettings,
  icd,
  imagingStudy,
  local,
  myeloma,
  NOW,
  PATIENT_ID,
  recordOf,
  sct,
  SITE,
  type StudyOptions,
} from './fixtures.js';

const mm = myeloma('mm', { code: [icd('C90.02')] });
const VALUE_SETS =
  'imagingBrain (https://fhir.emd-cds.org/ValueSet/imaging-brain) nor imagingSpine (https://fhir.emd-cds.org/ValueSet/imaging-spine)';
const WHAT_TO_DO =
  'if the study covers the brain or spine, a site adds its codes to the value set of the role imagingBrain or imagingSpine (docs/configuring.md, example a)';

/** The rule's outcome when a relapsed patient's MR study `mr1` is under review. */
function reviewOf(options: StudyOptions) {
  const study = imagingStudy('mr1', { started: '2026-10-30', modality: ['MR'], ...options });
  const evaluation = evaluate({
    record: recordOf([mm, study]),
    settings: defaultRuleSettings,
    context: { kind: 'imaging-review', patientId: PATIENT_ID, imagingStudyId: 'mr1' },
    now: NOW,
  });
  const outcome = evaluation.outcomes.find((o) => o.ruleId === 'emd-cns-imaging-review');
  if (!outcome) expect.fail('no emd-cns-imaging-review outcome');
  return outcome;
}

function explainOf(options: StudyOptions): readonly string[] {
  const outcome = reviewOf(options);
  expect(outcome.fired).toBe(false);
  return outcome.explain;
}

describe('the trace of a study read as covering neither brain nor spine', () => {
  it('names its SNOMED CT head site once and its local procedure code, by system and code', () => {
    const head = sct('69536005', 'Head structure');
    expect(
      explainOf({
        series: [
          { modality: 'MR', bodySite: head },
          { modality: 'MR', bodySite: head },
        ],
        procedure: [local('MRBRWWO')],
      }),
    ).toEqual([
      `ImagingStudy/mr1 does not cover brain or spine: its series body sites (69536005 in http://snomed.info/sct) and procedure codes (MRBRWWO in https://ehr.example.org/CodeSystem/local) are in neither ${VALUE_SETS}; ${WHAT_TO_DO}`,
    ]);
  });

  it('says that a DICOM body part sent with no system cannot be added to a value set', () => {
    expect(
      explainOf({ series: [{ modality: 'MR', bodySite: { code: 'HEAD', display: 'HEAD' } }] }),
    ).toEqual([
      `ImagingStudy/mr1 does not cover brain or spine: its series body sites (HEAD in no system) are in neither ${VALUE_SETS}; ${WHAT_TO_DO}; HEAD has no code system, so no value set can hold it: the source must send each code with its system`,
    ]);
  });

  it('counts series body sites given in words only, and says when nothing is coded', () => {
    expect(
      explainOf({
        series: [
          { modality: 'MR', bodySite: { display: 'HEAD' } },
          { modality: 'MR', bodySite: { display: 'HEAD' } },
        ],
      }),
    ).toEqual([
      'ImagingStudy/mr1 does not cover brain or spine (2 series body sites have no code, so cannot match: words only, or not an R4 Coding): it has no coded series body site and no coded procedure, so nothing to match',
    ]);
  });

  it('does not fire for a brain MR of a relapsed patient with no such words: it covers the brain', () => {
    const outcome = reviewOf({ series: [{ modality: 'MR', bodySite: SITE.brain }] });
    expect(outcome.fired).toBe(true);
    expect(outcome.explain.join(' ')).not.toContain('imagingBrain');
  });
});
