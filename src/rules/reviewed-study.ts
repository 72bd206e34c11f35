/** The study under review on the imaging-review hook, as the imaging rules see it. */
import { studyLabel } from './findings.js';
import type { PatientFacts } from './patient-facts.js';
import type { RecordEntry } from './patient-record.js';
import type { ReviewedStudy } from './rule-outcome.js';

export function findReviewedStudy(
  facts: PatientFacts,
  imagingStudyId: string,
): { entry: RecordEntry<fhir4.ImagingStudy>; view: ReviewedStudy } | undefined {
  const entry = facts.record.resolve(`ImagingStudy/${imagingStudyId}`);
  if (entry?.resource.resourceType !== 'ImagingStudy') return undefined;
  // Only studies that passed the record's patient check are here: resolve() finds the record's own.
  if (!facts.record.imagingStudies.includes(entry as RecordEntry<fhir4.ImagingStudy>))
    return undefined;
  const study = entry.resource as fhir4.ImagingStudy;
  return {
    entry: entry as RecordEntry<fhir4.ImagingStudy>,
    view: { reference: entry.reference, label: studyLabel(study), date: study.started },
  };
}
