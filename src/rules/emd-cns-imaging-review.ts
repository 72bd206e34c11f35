import { coversRegion } from './imaging-coverage.js';
import { onStudyUnderReview } from './reviewed-study.js';
import { fired, notFired } from './build-outcome.js';
import type { Rule } from './rule.js';
import { notBrainOrSpineLine } from './unread-study-codes.js';

/**
 * `emd-cns-imaging-review` (warning, imaging-review hook): the study covers brain or spine and
 * the patient has EMD, CNS or leptomeningeal disease, or has relapsed — look for
 * leptomeningeal enhancement and parenchymal lesions; CNS involvement is rare and dismal.
 * A relapse that rests only on history or uncertain Conditions gives info at most (§6).
 */
export const emdCnsImagingReview: Rule = {
  id: 'emd-cns-imaging-review',
  evaluate(facts, context, settings) {
    return onStudyUnderReview(this.id, facts, context, settings.terminology, ({ study, view }) => {
      const { terminology } = settings;
      if (
        !coversRegion(study, 'imagingBrain', terminology, { modality: 'any' }) &&
        !coversRegion(study, 'imagingSpine', terminology, { modality: 'any' })
      ) {
        // The codes it read, so a site can tell a PACS's own head code from a study of the
        // abdomen (./unread-study-codes.ts).
        return notFired(this.id, notBrainOrSpineLine(study, view.reference, terminology));
      }
      const atRisk = facts.findings.active.filter(
        (f) =>
          f.findingClass === 'emd' ||
          f.findingClass === 'cns' ||
          f.findingClass === 'leptomeningeal',
      );
      const relapsed = facts.phase.phase === 'relapsed';
      if (atRisk.length === 0 && !relapsed)
        return notFired(
          this.id,
          'no EMD, CNS or leptomeningeal finding, and the phase is not relapse',
        );
      const reasons = [
        ...(relapsed ? ['phase relapsed'] : []),
        ...(atRisk.length > 0 ? [`${String(atRisk.length)} EMD/CNS finding(s)`] : []),
      ];
      return fired(
        this.id,
        'warning',
        facts,
        {
          findings: atRisk,
          reviewedStudy: view,
          // Issue #13: the phase's own Conditions become evidence, and a relapse resting only on
          // history or uncertain records holds the card at info (rule-outcome.ts).
          ...(relapsed ? { phase: facts.phase } : {}),
          workup: { csfWorkup: true },
        },
        `${view.reference} covers brain or spine; ${reasons.join('; ')}`,
      );
    });
  },
};
