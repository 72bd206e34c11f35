/**
 * What a card says about the patient's recent imaging (rules page §3.4): whether imaging could
 * be read at all, and whether the whole body and the neuraxis are covered within the lookback,
 * by which studies (label and start date, in the card's list style), and which studies were
 * not counted for want of a date. The work-up a card suggests depends on the same coverage.
 */
import type { LocalNames } from '../../rules/local-names.js';
import type { PatientFacts } from '../../rules/patient-facts.js';
import { isoDate } from '../../rules/time.js';
import type { Wording } from './wording.js';

export interface ImagingView {
  isKnown: boolean;
  lookbackDays: number;
  wholeBodyCovered: boolean;
  wholeBodyStudies: string;
  /** Not covered: the undated studies that would have covered it, not counted (§3.4); else ''. */
  wholeBodyUndated: string;
  neuraxisCovered: boolean;
  neuraxisStudies: string;
  neuraxisUndated: string;
}

export function imagingView(
  facts: PatientFacts,
  wording: Wording,
  lookbackDays: number,
  names: LocalNames,
): ImagingView {
  return {
    isKnown: facts.imaging.isKnown,
    lookbackDays,
    wholeBodyCovered: facts.imaging.wholeBody.isCovered,
    wholeBodyStudies: studyList(facts.imaging.wholeBody.references, facts, wording, names),
    wholeBodyUndated: studyList(facts.imaging.wholeBody.undated, facts, wording, names),
    neuraxisCovered: facts.imaging.neuraxis.isCovered,
    neuraxisStudies: studyList(facts.imaging.neuraxis.references, facts, wording, names),
    neuraxisUndated: studyList(facts.imaging.neuraxis.undated, facts, wording, names),
  };
}

/** The studies the record still holds among these references, each as "label date". */
function studyList(
  references: readonly string[],
  facts: PatientFacts,
  wording: Wording,
  names: LocalNames,
): string {
  return references
    .map((reference) => facts.record.resolve(reference)?.resource)
    .filter((r): r is fhir4.ImagingStudy => r?.resourceType === 'ImagingStudy')
    .map((study) => {
      const date = study.started ? ` ${isoDate(study.started) ?? ''}` : '';
      return `${names.study(study) ?? wording.unnamedLabels.ImagingStudy}${date}`;
    })
    .join(wording.listSeparator);
}
