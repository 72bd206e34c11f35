/**
 * Rules page §3.4, "Neuraxis covered: MR covering the brain **and** MR covering the spine
 * (series body sites or procedure codes)", and §4's `emd-cns-imaging-review`, which asks only
 * that the study under review "covers brain or spine", whatever its modality. Written after
 * mutation testing (session 44): no test gave a CT of the spine beside an MR of the brain, an
 * MR brain sent by its procedure alone, or a CT head under review.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/evaluate.js';
import { assessImagingCoverage } from '../../src/rules/imaging-coverage.js';
import type { HookContext } from '../../src/rules/types.js';
import {
  daysFrom,
  defaultRuleSettings,
  imagingStudy,
  loinc,
  myeloma,
  NOW,
  PATIENT_ID,
  plasmacytoma,
  recordOf,
  SITE,
} from './fixtures.js';

const recent = daysFrom(NOW, -5);
const neuraxisOf = (studies: fhir4.ImagingStudy[]) =>
  assessImagingCoverage(recordOf(studies), defaultRuleSettings, NOW).neuraxis;

const mrBrain = imagingStudy('mr-brain', {
  started: recent,
  modality: ['MR'],
  procedure: [loinc('24590-2')],
});
const mrSpine = imagingStudy('mr-spine', {
  started: recent,
  series: [{ modality: 'MR', bodySite: SITE.lumbarSpine }],
});

describe('neuraxis coverage counts MR only (rules page §3.4)', () => {
  it('is covered by an MR of the brain and an MR of the spine', () => {
    expect(neuraxisOf([mrBrain, mrSpine]).isCovered).toBe(true);
  });

  it('is not covered when the spine was imaged by CT', () => {
    const ctSpine = imagingStudy('ct-spine', {
      started: recent,
      series: [{ modality: 'CT', bodySite: SITE.lumbarSpine }],
    });
    expect(neuraxisOf([mrBrain, ctSpine]).isCovered).toBe(false);
  });

  it('is not covered by the CT series of the spine in a study with an MR series of the brain', () => {
    const mixed = imagingStudy('mixed', {
      started: recent,
      series: [
        { modality: 'MR', bodySite: SITE.brain },
        { modality: 'CT', bodySite: SITE.lumbarSpine },
      ],
    });
    expect(neuraxisOf([mixed]).isCovered).toBe(false);
  });

  it('counts an MR brain sent by its procedure (LOINC 24590-2 "MR Brain") and no modality', () => {
    const byProcedure = imagingStudy('mr-brain', {
      started: recent,
      procedure: [loinc('24590-2')],
    });
    expect(neuraxisOf([byProcedure, mrSpine]).isCovered).toBe(true);
  });
});

describe('emd-cns-imaging-review reviews a study of the brain whatever its modality (§4)', () => {
  it('warns on a CT of the brain for a patient with a liver plasmacytoma', () => {
    const ctHead = imagingStudy('ct-head', {
      started: recent,
      series: [{ modality: 'CT', bodySite: SITE.brain }],
    });
    const context: HookContext = {
      kind: 'imaging-review',
      patientId: PATIENT_ID,
      imagingStudyId: 'ct-head',
    };
    const record = recordOf([
      myeloma('mm', { onset: '2019-05-01' }),
      plasmacytoma('liver', [SITE.liver]),
      ctHead,
    ]);
    const evaluation = evaluate({ record, settings: defaultRuleSettings, context, now: NOW });
    const card = evaluation.outcomes.find((o) => o.ruleId === 'emd-cns-imaging-review');
    expect([card?.fired, card?.indicator]).toEqual([true, 'warning']);
  });
});
