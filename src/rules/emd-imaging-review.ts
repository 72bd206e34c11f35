import { coversWholeBody } from './imaging-coverage.js';
import { findReviewedStudy } from './reviewed-study.js';
import { fired, notFired } from './rule-outcome.js';
import type { Rule } from './rule.js';

/**
 * `emd-imaging-review` (info, imaging-review hook): the study under review is PET or
 * whole-body CT/MRI of a myeloma patient — say what to look for: soft-tissue masses without
 * bony contact, at the sites typical for the patient's phase (review abstract).
 */
export const emdImagingReview: Rule = {
  id: 'emd-imaging-review',
  evaluate(facts, context, settings) {
    if (context.kind !== 'imaging-review')
      return notFired(this.id, 'runs on the imaging-review hook only');
    const reviewed = findReviewedStudy(facts, context.imagingStudyId);
    if (!reviewed)
      return notFired(
        this.id,
        `ImagingStudy/${context.imagingStudyId} is not among this patient's studies`,
      );
    if (!coversWholeBody(reviewed.entry.resource, settings.terminology)) {
      return notFired(this.id, `${reviewed.view.reference} is not PET or whole-body CT/MRI`);
    }
    const known = facts.findings.active.filter((f) => f.findingClass !== 'paraskeletal');
    return fired(
      this.id,
      'info',
      facts,
      { findings: known, reviewedStudy: reviewed.view, hasCertainReason: true },
      `${reviewed.view.reference} is a whole-body study of a myeloma patient`,
    );
  },
};
