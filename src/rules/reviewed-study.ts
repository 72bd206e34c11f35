/** The study under review on the imaging-review hook, as the imaging rules see it. */
import { studyLabel } from './labels.js';
import type { PatientFacts } from './patient-facts.js';
import type { RecordEntry } from './patient-record.js';
import { notFired, type ReviewedStudy, type RuleOutcome } from './rule-outcome.js';
import type { HookContext, RuleId } from './types.js';

export interface StudyUnderReview {
  study: fhir4.ImagingStudy;
  view: ReviewedStudy;
}

/**
 * Runs an imaging-review rule on the study under review; the rule does not fire on other
 * hooks, or when the study is not this patient's (only studies that passed the record's
 * patient check are among `record.imagingStudies`).
 */
export function onStudyUnderReview(
  ruleId: RuleId,
  facts: PatientFacts,
  context: HookContext,
  evaluate: (reviewed: StudyUnderReview) => RuleOutcome,
): RuleOutcome {
  if (context.kind !== 'imaging-review')
    return notFired(ruleId, 'runs on the imaging-review hook only');
  const entry = facts.record.resolve(`ImagingStudy/${context.imagingStudyId}`);
  if (
    entry?.resource.resourceType !== 'ImagingStudy' ||
    !facts.record.imagingStudies.includes(entry as RecordEntry<fhir4.ImagingStudy>)
  ) {
    return notFired(
      ruleId,
      `ImagingStudy/${context.imagingStudyId} is not among this patient's studies`,
    );
  }
  const study = entry.resource as fhir4.ImagingStudy;
  // Rules page §6: no card from entered-in-error data; a cancelled study has nothing to review.
  if (study.status === 'entered-in-error' || study.status === 'cancelled')
    return notFired(ruleId, `${entry.reference} is ${study.status}: nothing to review`);
  return evaluate({
    study,
    view: { reference: entry.reference, label: studyLabel(study), date: study.started },
  });
}
