/** The study under review on the imaging-review hook, as the imaging rules see it. */
import type { DroppedResource } from './drop-reasons.js';
import { studyLabel } from './labels.js';
import type { PatientFacts } from './patient-facts.js';
import { resourceStatus, statusAsRead } from './resource-status.js';
import { notFired } from './build-outcome.js';
import type { ReviewedStudy, RuleOutcome } from './rule-outcome.js';
import type { Terminology } from './terminology.js';
import type { HookContext, RuleId } from './types.js';

export interface StudyUnderReview {
  study: fhir4.ImagingStudy;
  view: ReviewedStudy;
}

/**
 * Runs an imaging-review rule on the study under review; the rule does not fire on other
 * hooks, or when the study is not this patient's: the record resolves only the studies that
 * passed its patient check (rules page §2), and the explain trace says when the study was
 * dropped, as another patient's or as naming no patient, since then the EHR sent a study that
 * does not match the hook's patient, or one that does not say whose it is.
 */
export function onStudyUnderReview(
  ruleId: RuleId,
  facts: PatientFacts,
  context: HookContext,
  terminology: Terminology,
  evaluate: (reviewed: StudyUnderReview) => RuleOutcome,
): RuleOutcome {
  if (context.kind !== 'imaging-review')
    return notFired(ruleId, 'runs on the imaging-review hook only');
  const reference = `ImagingStudy/${context.imagingStudyId}`;
  const entry = facts.record.resolve(reference);
  if (entry?.resource.resourceType !== 'ImagingStudy') {
    const dropped = facts.record.resolveDropped(reference);
    return notFired(
      ruleId,
      dropped ? notReviewed(dropped) : `${reference} is not among this patient's studies`,
    );
  }
  const study = entry.resource as fhir4.ImagingStudy;
  // Rules page §6: no card from entered-in-error data; a cancelled study has nothing to review.
  const status = resourceStatus(study.status);
  if (status === 'entered-in-error' || status === 'cancelled')
    return notFired(
      ruleId,
      `${entry.reference} is ${statusAsRead(study.status)}: nothing to review`,
    );
  return evaluate({
    study,
    view: {
      reference: entry.reference,
      // A procedure coded with a code alone is named by the value sets (H65).
      label: studyLabel(study, (coding) => terminology.displayOf(coding)),
      date: study.started,
    },
  });
}

function notReviewed({ reference, reason }: DroppedResource): string {
  switch (reason) {
    case 'other-patient':
      return `${reference} is not this patient's study: its subject is not the patient of this hook call, so it was dropped and is not reviewed for this patient`;
    case 'no-patient':
      return `${reference} names no patient: it has no subject reference, so nothing shows it is this patient's study; it was dropped and is not reviewed for this patient`;
    case 'unknown-patient':
      return `${reference} names a patient who cannot be identified: its subject reference names no Patient of this hook call, so nothing shows it is this patient's study; it was dropped and is not reviewed for this patient`;
  }
}
