import { coversWholeBody } from './imaging-coverage.js';
import { onStudyUnderReview } from './reviewed-study.js';
import { fired, notFired } from './build-outcome.js';
import type { Rule } from './rule.js';

/**
 * `emd-imaging-review` (info, imaging-review hook): the study under review is PET or
 * whole-body CT/MRI of a myeloma patient — say what to look for: soft-tissue masses without
 * bony contact, at the sites typical for the patient's phase (review abstract).
 */
export const emdImagingReview: Rule = {
  id: 'emd-imaging-review',
  evaluate(facts, context, settings) {
    return onStudyUnderReview(this.id, facts, context, settings.terminology, ({ study, view }) => {
      if (!coversWholeBody(study, settings.terminology))
        return notFired(this.id, `${view.reference} is not PET or whole-body CT/MRI`);
      const known = facts.findings.active.filter((f) => f.findingClass !== 'paraskeletal');
      return fired(
        this.id,
        'info',
        facts,
        { findings: known, reviewedStudy: view, hasCertainReason: true },
        `${view.reference} is a whole-body study of a myeloma patient`,
      );
    });
  },
};
