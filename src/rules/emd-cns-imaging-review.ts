import { coversRegion } from './imaging-coverage.js';
import { findReviewedStudy } from './reviewed-study.js';
import { fired, notFired } from './rule-outcome.js';
import type { Rule } from './rule.js';

/**
 * `emd-cns-imaging-review` (warning, imaging-review hook): the study covers brain or spine and
 * the patient has EMD, CNS or leptomeningeal disease, or has relapsed — look for
 * leptomeningeal enhancement and parenchymal lesions; CNS involvement is rare and dismal.
 */
export const emdCnsImagingReview: Rule = {
  id: 'emd-cns-imaging-review',
  evaluate(facts, context, settings) {
    if (context.kind !== 'imaging-review')
      return notFired(this.id, 'runs on the imaging-review hook only');
    const reviewed = findReviewedStudy(facts, context.imagingStudyId);
    if (!reviewed)
      return notFired(
        this.id,
        `ImagingStudy/${context.imagingStudyId} is not among this patient's studies`,
      );
    const study = reviewed.entry.resource;
    const { terminology } = settings;
    if (
      !coversRegion(study, 'imagingBrain', terminology, false) &&
      !coversRegion(study, 'imagingSpine', terminology, false)
    ) {
      return notFired(this.id, `${reviewed.view.reference} does not cover brain or spine`);
    }
    const atRisk = facts.findings.active.filter(
      (f) =>
        f.findingClass === 'emd' || f.findingClass === 'cns' || f.findingClass === 'leptomeningeal',
    );
    const relapsed = facts.phase.phase === 'relapsed';
    if (atRisk.length === 0 && !relapsed)
      return notFired(
        this.id,
        'no EMD, CNS or leptomeningeal finding, and the phase is not relapse',
      );
    return fired(
      this.id,
      'warning',
      facts,
      {
        findings: atRisk,
        reviewedStudy: reviewed.view,
        hasCertainReason: relapsed,
        workup: { csfWorkup: true },
      },
      `${reviewed.view.reference} covers brain or spine; ${relapsed ? 'phase relapsed' : ''}${relapsed && atRisk.length > 0 ? '; ' : ''}${atRisk.length > 0 ? `${String(atRisk.length)} EMD/CNS finding(s)` : ''}`,
    );
  },
};
