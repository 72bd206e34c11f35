/**
 * One patient record, built the same way from every input shape (rules page §2): prefetch
 * search Bundles, a transaction Bundle with `urn:uuid` references, or resources read from a
 * FHIR server. Resources of other patients, and those that name no patient, are dropped; the
 * same resource seen twice is kept once; references resolve by `Type/id`, `fullUrl` or absolute
 * URL, and only to what the record keeps: a dropped resource is as if the record never held it.
 */
import { DROP_WORDS, type DroppedResource } from './drop-reasons.js';
import { withExtensionSites } from './extension-sites.js';
import { typedReferenceOf } from './fhir-reference.js';
import { isBundle } from './fhir-resource-type.js';
import { lenientReadingLine } from './lenient-readings.js';
import { redactedLine } from './redacted.js';
import {
  indexResources,
  type Indexed,
  type RecordEntry,
  type SourcedResource,
} from './record-index.js';
import {
  withEvidenceByIdentifier,
  withStudiesByIdentifier,
  type StudyIdentifierIndex,
} from './study-identifiers.js';
import type { TraceLine } from './types.js';
import { judgeSubjects } from './whose-resource.js';
import { linkedPatientsOf, linkedSubjectNote, type LinkedPatients } from './linked-patients.js';

// Declared beside the index that makes them, so the two modules import one way only.
export type { RecordEntry, SourcedResource } from './record-index.js';

/** Optional data the caller could not obtain; the rules that need it say so. */
export type DataGap = 'ImagingStudy' | 'DiagnosticReport';

export interface PatientRecord {
  patientId: string;
  patient: fhir4.Patient | undefined;
  conditions: readonly RecordEntry<fhir4.Condition>[];
  imagingStudies: readonly RecordEntry<fhir4.ImagingStudy>[];
  diagnosticReports: readonly RecordEntry<fhir4.DiagnosticReport>[];
  dataGaps: ReadonlySet<DataGap>;
  /** Why resources were left out of the record. */
  trace: readonly TraceLine[];
  /**
   * The record's resource a reference points to, if the record keeps it: the hook patient's
   * own Patient, or one of `conditions`, `imagingStudies`, `diagnosticReports`. Never a
   * resource dropped as another patient's or as naming no patient (rules page §2), nor one of a
   * type the record does not check the subject of.
   */
  resolve(reference: string | undefined): RecordEntry | undefined;
  /**
   * How the trace names the resource a reference points to, and why the record dropped it (its
   * subject is another patient, or it names none), when it did; else undefined. Only its name,
   * so that the rules can say why they left it out without reading what it holds.
   */
  resolveDropped(reference: string | undefined): DroppedResource | undefined;
}

/**
 * How the service names what a reference points to, so two references to one resource compare
 * equal: the record's citation when it keeps the resource, else its `Type/id`, else the
 * reference as written. A study the record does not hold (ImagingStudy data are optional,
 * rules page §2) is still compared, as its Type/id; so is one it dropped (another patient's, or
 * naming no patient), as if it had never arrived. `container` is the record's name for the
 * resource the reference is written in.
 */
export function canonicalReference(
  record: PatientRecord,
  reference: string,
  container: string,
): string {
  // A local reference (`#img1`, FHIR R4 §2.3.0.6) names a resource contained in the one it is
  // written in, and only there: two resources' `#img1` are two studies (converters number
  // them `#1`, `#2`). Named with its container, it never equals another's (H140).
  if (reference.startsWith('#')) return `${container}${reference}`;
  const resolved = record.resolve(reference);
  if (resolved) return resolved.reference;
  const typed = typedReferenceOf(reference);
  // Another server's resource that shares the id of one the record keeps is not that one
  // (H133): it keeps its own name, so it is never compared equal to the record's.
  if (typed !== undefined && typed !== reference && record.resolve(typed)) return reference;
  return typed ?? reference;
}

/** The entries of Bundles (one level deep), and any other resource as itself. */
export function flattenResources(inputs: readonly fhir4.Resource[]): SourcedResource[] {
  const out: SourcedResource[] = [];
  for (const input of inputs) {
    if (isBundle(input)) {
      for (const entry of input.entry ?? []) {
        // Search Bundles may carry an OperationOutcome with search.mode "outcome": not data.
        if (entry.resource && entry.search?.mode !== 'outcome')
          out.push({ resource: entry.resource, fullUrl: entry.fullUrl });
      }
    } else {
      out.push({ resource: input });
    }
  }
  return out;
}

/** Builds the record of `patientId` from everything the caller could gather. */
export function buildPatientRecord(
  patientId: string,
  inputs: readonly SourcedResource[],
  dataGaps: ReadonlySet<DataGap> = new Set(),
): PatientRecord {
  const trace: TraceLine[] = [];
  const { unique, versionChoices, find } = indexResources(inputs);
  for (const choice of versionChoices)
    trace.push({
      reference: choice.reference,
      message: choice.ordered
        ? `arrived in more than one version: ${choice.read}, the latest, is read; set aside: ${choice.setAside.join(', ')}`
        : 'arrived more than once with different content, and nothing (meta.versionId, meta.lastUpdated) tells which is latest: the first to arrive is read',
    });

  const whoseResource = judgeSubjects(patientId, find, unique);
  // The hook's own Patient's links (H148), read at the first resource dropped as another
  // patient's, found as a subject naming it is: nearly every record drops none.
  let linked: LinkedPatients | undefined;
  const linkedNow = (): LinkedPatients => {
    if (linked === undefined) {
      const own = find(`Patient/${patientId}`)?.entry.resource;
      linked = linkedPatientsOf(
        own?.resourceType === 'Patient' ? (own as fhir4.Patient) : undefined,
      );
    }
    return linked;
  };

  let patient: fhir4.Patient | undefined;
  const conditions: RecordEntry<fhir4.Condition>[] = [];
  const imagingStudies: RecordEntry<fhir4.ImagingStudy>[] = [];
  const diagnosticReports: RecordEntry<fhir4.DiagnosticReport>[] = [];
  // Studies by identifier, built only when a report or a Condition names a study so
  // (./study-identifiers.ts).
  const studyIdentifiers: StudyIdentifierIndex = {};

  for (const indexed of unique) {
    const { entry } = indexed;
    const { resource } = entry;
    switch (resource.resourceType) {
      case 'Patient':
        if (resource.id === patientId) {
          patient = resource as fhir4.Patient;
          indexed.held = 'kept';
        }
        break;
      case 'Condition':
      case 'ImagingStudy':
      case 'DiagnosticReport': {
        const subject = (resource as fhir4.Condition | fhir4.ImagingStudy | fhir4.DiagnosticReport)
          .subject;
        const dropped = whoseResource(subject);
        if (dropped) {
          indexed.held = dropped;
          const note =
            dropped === 'other-patient' ? linkedSubjectNote(subject, patientId, linkedNow()) : '';
          trace.push({ reference: entry.reference, message: `${DROP_WORDS[dropped].line}${note}` });
          break;
        }
        indexed.held = 'kept';
        // What the lenient reading made of its dates, names or id (H102, H103): said only of
        // what the record keeps, as the rules read nothing else.
        if (indexed.readings !== undefined)
          trace.push(lenientReadingLine(entry.reference, indexed.readings));
        // H141: marked REDACTED, read as sent; the trace says so. No meta, no look.
        if (resource.meta !== undefined) {
          const redacted = redactedLine(entry.reference, resource);
          if (redacted) trace.push(redacted);
        }
        // A study named by its DICOM UID only is read as the study that arrived with it, in a
        // Condition's evidence (H64) and a report's studies (H62); resolve() then finds the
        // resource as the rules read it.
        if (resource.resourceType === 'Condition') {
          const cited = withEvidenceByIdentifier(
            resource as fhir4.Condition,
            entry.reference,
            unique,
            trace,
            studyIdentifiers,
          );
          // A site given by the bodySite extension is read as a bodySite (H114).
          const read = withExtensionSites(
            cited,
            entry.reference,
            { find, judge: whoseResource },
            trace,
          );
          conditions.push(entryReadAs(indexed, read));
        } else if (resource.resourceType === 'ImagingStudy')
          imagingStudies.push(entry as RecordEntry<fhir4.ImagingStudy>);
        else {
          const read = withStudiesByIdentifier(
            resource as fhir4.DiagnosticReport,
            entry.reference,
            unique,
            trace,
            studyIdentifiers,
          );
          diagnosticReports.push(entryReadAs(indexed, read));
        }
        break;
      }
      default:
        // Other resource types play no part in the EMD rules, and their subject is not
        // checked: resolve() does not vouch for them (held stays 'unused').
        break;
    }
  }

  // Rules page §2: a dropped resource is as if the record did not hold it. Asking `held` of
  // the one entry found costs nothing per resource (issue #15).
  const resolve = (reference: string | undefined): RecordEntry | undefined => {
    const found = find(reference);
    return found?.held === 'kept' ? found.entry : undefined;
  };
  const resolveDropped = (reference: string | undefined): DroppedResource | undefined => {
    const found = find(reference);
    if (!found || found.held === 'kept' || found.held === 'unused') return undefined;
    return { reference: found.entry.reference, reason: found.held };
  };

  return {
    patientId,
    patient,
    conditions,
    imagingStudies,
    diagnosticReports,
    dataGaps,
    trace,
    resolve,
    resolveDropped,
  };
}

/** The entry as the rules read it: `read` in place of its resource when that was rewritten. */
function entryReadAs<T extends fhir4.Resource>(indexed: Indexed, read: T): RecordEntry<T> {
  if (read !== indexed.entry.resource)
    indexed.entry = { reference: indexed.entry.reference, resource: read };
  return indexed.entry as RecordEntry<T>;
}
