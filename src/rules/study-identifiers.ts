/**
 * A report that names its study by identifier only (rules page §2: "references resolved"). An
 * HL7 v2 or DICOM-fed converter knows a radiology report's study by its DICOM Study Instance
 * UID, not by a FHIR id, and writes `DiagnosticReport.imagingStudy` as a logical reference
 * (FHIR R4 §2.3.0: `Reference.identifier` with no `reference`). Read as written, such a report
 * was on no study: one on a study entered in error, or on another patient's, stood (H45, H48
 * did not apply), and a Condition citing the study did not list it (H36, H61). FHIR R4 lets an
 * application turn a logical reference into a literal one: the study that arrived with that
 * identifier is the study the report is on, and every rule then reads it as it reads a
 * reference (H62).
 */
import type { Indexed } from './record-index.js';
import type { TraceLine } from './types.js';

/** Identifier system and value, as one key: both must be present and equal (trimmed). */
function keyOf(identifier: fhir4.Identifier | undefined): string | undefined {
  const system = identifier?.system;
  const value = identifier?.value;
  if (typeof system !== 'string' || typeof value !== 'string') return undefined;
  const [s, v] = [system.trim(), value.trim()];
  return s && v ? `${s}|${v}` : undefined;
}

/** A study reference that names its study by identifier only, and no other type. */
function identifierOnly(study: fhir4.Reference): string | undefined {
  if (study.reference !== undefined) return undefined;
  if (study.type !== undefined && study.type !== 'ImagingStudy') return undefined;
  return keyOf(study.identifier);
}

/** The studies of a record by identifier: built on first need, once per record. */
export interface StudyIdentifierIndex {
  map?: Map<string, Set<Indexed>>;
}

/** Every study that arrived, kept or dropped, under each of its identifiers. */
function studiesByIdentifier(unique: readonly Indexed[]): Map<string, Set<Indexed>> {
  const byKey = new Map<string, Set<Indexed>>();
  for (const indexed of unique) {
    const { resource } = indexed.entry;
    if (resource.resourceType !== 'ImagingStudy') continue;
    for (const identifier of (resource as fhir4.ImagingStudy).identifier ?? []) {
      const key = keyOf(identifier);
      if (key === undefined) continue;
      const studies = byKey.get(key) ?? new Set<Indexed>();
      byKey.set(key, studies.add(indexed));
    }
  }
  return byKey;
}

/**
 * Reads a report's studies named by identifier only: each becomes a literal reference to the one
 * study that arrived with that identifier, whether the record keeps it or drops it (another
 * patient's study must be known as such, H48); the identifier stays beside it. One that matches
 * no study (one the record never received) or several (nothing tells which) is left as it is,
 * and the trace says so. Returns the report itself when nothing is named by identifier alone.
 */
export function withStudiesByIdentifier(
  report: fhir4.DiagnosticReport,
  reference: string,
  unique: readonly Indexed[],
  trace: TraceLine[],
  byIdentifier: StudyIdentifierIndex,
): fhir4.DiagnosticReport {
  const studies = report.imagingStudy;
  if (!studies?.some((study) => identifierOnly(study) !== undefined)) return report;
  // Built once per record, and only for a record that needs it: most reports name no study so.
  const map = (byIdentifier.map ??= studiesByIdentifier(unique));
  const imagingStudy = studies.map((study, index) => {
    const key = identifierOnly(study);
    if (key === undefined) return study;
    const found = [...(map.get(key) ?? [])];
    const where = `imagingStudy[${String(index)}] names its study by identifier only (${key})`;
    if (found.length !== 1) {
      trace.push({
        reference,
        message: `${where}: ${found.length === 0 ? 'no study in the record has it, so it is read as a study not received' : `${String(found.length)} studies have it, so nothing tells which one the report is on`}`,
      });
      return study;
    }
    const target = found[0]?.entry.reference ?? '';
    trace.push({ reference, message: `${where}: read as ${target}, the study with it` });
    return { ...study, reference: target };
  });
  return { ...report, imagingStudy };
}
