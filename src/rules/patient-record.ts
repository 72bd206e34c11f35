/**
 * One patient record, built the same way from every input shape (rules page §2): prefetch
 * search Bundles, a transaction Bundle with `urn:uuid` references, or resources read from a
 * FHIR server. Resources of other patients are dropped; the same resource seen twice is
 * kept once; references resolve by `Type/id`, `fullUrl` or absolute URL.
 */
import { parseReference, typedReferenceOf } from './fhir-reference.js';
import type { TraceLine } from './types.js';

/** A resource as it arrived, with the fullUrl its Bundle gave it (if any). */
export interface SourcedResource {
  resource: fhir4.Resource;
  fullUrl?: string | undefined;
}

export interface RecordEntry<T extends fhir4.Resource = fhir4.Resource> {
  /** How the service cites this resource: `Type/id`, else its fullUrl. */
  reference: string;
  resource: T;
}

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
  /** The record's resource a reference points to, if it holds it. */
  resolve(reference: string | undefined): RecordEntry | undefined;
}

/**
 * How the service names what a reference points to, so two references to one resource compare
 * equal: the record's citation when it holds the resource, else its `Type/id`, else the
 * reference as written. A study the record does not hold (ImagingStudy data are optional,
 * rules page §2) is still compared, as its Type/id.
 */
export function canonicalReference(record: PatientRecord, reference: string): string {
  return record.resolve(reference)?.reference ?? typedReferenceOf(reference) ?? reference;
}

/** The entries of Bundles (one level deep), and any other resource as itself. */
export function flattenResources(inputs: readonly fhir4.Resource[]): SourcedResource[] {
  const out: SourcedResource[] = [];
  for (const input of inputs) {
    if (input.resourceType === 'Bundle') {
      for (const entry of (input as fhir4.Bundle).entry ?? []) {
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
  const index = new Map<string, Indexed>();
  const unique: RecordEntry[] = [];

  for (const { resource, fullUrl } of inputs) {
    const typed = resource.id ? `${resource.resourceType}/${resource.id}` : undefined;
    const known = (fullUrl && index.get(fullUrl)) || (typed && index.get(typed)) || undefined;
    if (known && (!known.fullUrl || !fullUrl || known.fullUrl === fullUrl)) {
      // The same resource from two queries (e.g. a read and a search): keep the first, learn its aliases.
      learnAliases(index, known, typed, fullUrl);
      continue;
    }
    // Same Type/id under two different fullUrls (two servers, say) are two resources: the
    // second is cited by its fullUrl, and never lost because its namesake is another
    // patient's (rules page §2: only resources of another subject are dropped).
    const reference = known
      ? (fullUrl as string)
      : (typed ?? fullUrl ?? `${resource.resourceType}#${String(unique.length)}`);
    const indexed: Indexed = { entry: { reference, resource }, fullUrl };
    unique.push(indexed.entry);
    if (known) {
      learnAliases(index, indexed, typed, fullUrl);
    } else {
      // Both names were looked up above and name nothing yet (issue #15: no second lookup).
      if (typed) index.set(typed, indexed);
      if (fullUrl) index.set(fullUrl, indexed);
    }
  }

  const resolve = (reference: string | undefined): RecordEntry | undefined => {
    if (!reference) return undefined;
    const direct = index.get(reference);
    if (direct) return direct.entry;
    // An absolute URL (or a versioned reference) to a resource we hold by Type/id.
    const typed = typedReferenceOf(reference);
    return typed ? index.get(typed)?.entry : undefined;
  };

  const isThisPatientReference = (reference: string | undefined): boolean => {
    const target = resolve(reference);
    if (target?.resource.resourceType === 'Patient') return target.resource.id === patientId;
    const parsed = reference ? parseReference(reference) : undefined;
    return parsed?.type === 'Patient' && parsed.id === patientId;
  };
  // Nearly every resource names its subject in the same words: each distinct reference is
  // judged once, not parsed twice for each of thousands of resources (issue #15).
  const verdicts = new Map<string | undefined, boolean>();
  const isThisPatient = (subject: fhir4.Reference | undefined): boolean => {
    const reference = subject?.reference;
    let verdict = verdicts.get(reference);
    if (verdict === undefined) {
      verdict = isThisPatientReference(reference);
      verdicts.set(reference, verdict);
    }
    return verdict;
  };

  let patient: fhir4.Patient | undefined;
  const conditions: RecordEntry<fhir4.Condition>[] = [];
  const imagingStudies: RecordEntry<fhir4.ImagingStudy>[] = [];
  const diagnosticReports: RecordEntry<fhir4.DiagnosticReport>[] = [];

  for (const entry of unique) {
    const { resource } = entry;
    switch (resource.resourceType) {
      case 'Patient':
        if (resource.id === patientId) patient = resource as fhir4.Patient;
        break;
      case 'Condition':
      case 'ImagingStudy':
      case 'DiagnosticReport': {
        const subject = (resource as fhir4.Condition | fhir4.ImagingStudy | fhir4.DiagnosticReport)
          .subject;
        if (!isThisPatient(subject)) {
          trace.push({
            reference: entry.reference,
            message: 'dropped: its subject is not the patient of this hook call',
          });
          break;
        }
        if (resource.resourceType === 'Condition')
          conditions.push(entry as RecordEntry<fhir4.Condition>);
        else if (resource.resourceType === 'ImagingStudy')
          imagingStudies.push(entry as RecordEntry<fhir4.ImagingStudy>);
        else diagnosticReports.push(entry as RecordEntry<fhir4.DiagnosticReport>);
        break;
      }
      default:
        break; // Other resource types play no part in the EMD rules.
    }
  }

  return {
    patientId,
    patient,
    conditions,
    imagingStudies,
    diagnosticReports,
    dataGaps,
    trace,
    resolve,
  };
}

/** A kept entry, with the fullUrl it arrived with, to tell one resource from its namesake. */
interface Indexed {
  entry: RecordEntry;
  fullUrl: string | undefined;
}

/** Index the entry under its `Type/id` and its fullUrl, where neither names another yet. */
function learnAliases(
  index: Map<string, Indexed>,
  indexed: Indexed,
  typed: string | undefined,
  fullUrl: string | undefined,
): void {
  if (typed && !index.has(typed)) index.set(typed, indexed);
  if (fullUrl && !index.has(fullUrl)) index.set(fullUrl, indexed);
}
