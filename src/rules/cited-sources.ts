/**
 * The imaging a finding was seen on (rules page §4: the card names each finding's source study),
 * from its Condition's `evidence.detail`, and why any imaging it cites is not shown.
 */
import { containedNamed } from './fhir-reference.js';
import type { FindingSource } from './finding.js';
import { conceptLabel, studyLabel } from './labels.js';
import { canonicalReference, type PatientRecord, type RecordEntry } from './patient-record.js';
import { reportDate } from './time.js';
import type { Terminology } from './terminology.js';
import type { TraceLine } from './types.js';
import { droppedAs } from './drop-reasons.js';
import { whyNoSourceOfFinding } from './voided-imaging.js';

/**
 * The imaging a Condition cites as evidence, as the card shows it ("seen on …"). Imaging
 * entered in error or cancelled (./voided-imaging.ts), and another patient's or naming no
 * patient (dropped from the record, rules page §2), is left out: nothing of this patient's
 * was seen on it, though the Condition itself still counts by its own status (rules page
 * §2). Each one left out adds a line to `leftOut` naming it and why, for the explain trace.
 * A study whose procedure is coded with a code alone is named by the value sets' name for it
 * (H65).
 */
export function citedSources(
  entry: RecordEntry<fhir4.Condition>,
  record: PatientRecord,
  terminology: Terminology,
  leftOut: TraceLine[],
): FindingSource[] {
  const sources: FindingSource[] = [];
  for (const evidence of entry.resource.evidence ?? []) {
    for (const detail of evidence.detail ?? []) {
      const target = record.resolve(detail.reference);
      if (target === undefined) {
        const dropped = record.resolveDropped(detail.reference);
        if (dropped !== undefined)
          skip(leftOut, entry, dropped.reference, `it ${droppedAs(dropped.reason)}`);
        else if (isContainedImaging(entry.resource, detail.reference))
          skip(leftOut, entry, detail.reference ?? '', CONTAINED_IMAGING);
        continue;
      }
      const why = whyNoSourceOfFinding(target.resource, record);
      if (why !== undefined) {
        skip(leftOut, entry, target.reference, why);
        continue;
      }
      if (target.resource.resourceType === 'ImagingStudy') {
        const study = target.resource as fhir4.ImagingStudy;
        sources.push({
          reference: target.reference,
          resourceType: 'ImagingStudy',
          label: studyLabel(study, (coding) => terminology.displayOf(coding)),
          date: study.started,
        });
      } else if (target.resource.resourceType === 'DiagnosticReport') {
        const report = target.resource as fhir4.DiagnosticReport;
        sources.push({
          reference: target.reference,
          resourceType: 'DiagnosticReport',
          // A report coded with a code alone (HL7 v2's OBR-4) is named as a study is (H65).
          label: conceptLabel(report.code, (coding) => terminology.displayOf(coding)),
          date: reportDate(report),
        });
      }
    }
  }
  // A report on a study the Condition also cites says nothing new: list the study once.
  const citedStudies = new Set(sources.map((s) => s.reference));
  return sources.filter((source) => {
    const report = record.resolve(source.reference)?.resource;
    if (report?.resourceType !== 'DiagnosticReport') return true;
    return !(report as fhir4.DiagnosticReport).imagingStudy?.some((study) =>
      citedStudies.has(record.resolve(study.reference)?.reference ?? ''),
    );
  });
}

/**
 * Why imaging the Condition contains is not read (H114): the record's studies and reports are
 * its own resources, each checked against the shapes the service reads and for whose it is
 * (rules page §2); one contained in a Condition passed neither check, so it is neither shown as
 * the source nor counted as recent imaging (§3.4). Said, so a PET/CT proposed beside it is
 * explained.
 */
const CONTAINED_IMAGING =
  'it is contained in this Condition, and contained imaging is not read: neither shown as the source nor counted as recent imaging (rules page §3.4); send the study as a resource of its own';

/** Whether `#id` names an ImagingStudy or DiagnosticReport the Condition contains. */
const isContainedImaging = (condition: fhir4.Condition, reference: string | undefined) =>
  containedNamed(condition, reference, CONTAINED_IMAGING_TYPES) !== undefined;
const CONTAINED_IMAGING_TYPES = ['ImagingStudy', 'DiagnosticReport'];

/** The trace line of a source left out, said of the Condition that cites it. */
function skip(leftOut: TraceLine[], entry: RecordEntry, source: string, why: string): void {
  leftOut.push({ reference: entry.reference, message: `source ${source} left out: ${why}` });
}

/**
 * A report's studies (`imagingStudy`), each in the record's one name, as a Condition's are
 * compared with them (`citedReferencesOf`): one the report contains is named with the report
 * (H140), so it never equals another resource's `#img1`.
 */
export function studyReferencesOf(
  { reference: container, resource }: RecordEntry<fhir4.DiagnosticReport>,
  record: PatientRecord,
): string[] {
  return (resource.imagingStudy ?? []).flatMap(({ reference }) =>
    reference === undefined ? [] : [canonicalReference(record, reference, container)],
  );
}

/**
 * Every reference a Condition's `evidence.detail` gives, in the record's one name for each
 * (a study cited by DICOM UID was resolved to its reference when the record was built, H64;
 * one it contains is named with the Condition, H140): what `emd-reported-not-listed` compares
 * with a report and its studies, for findings and for the refuted Conditions it names (H87)
 * alike.
 */
export function citedReferencesOf(
  { reference: container, resource }: RecordEntry<fhir4.Condition>,
  record: PatientRecord,
): string[] {
  return (resource.evidence ?? []).flatMap((evidence) =>
    (evidence.detail ?? []).flatMap(({ reference }) =>
      reference === undefined ? [] : [canonicalReference(record, reference, container)],
    ),
  );
}
