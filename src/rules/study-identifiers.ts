/**
 * A study named by identifier only (rules page §2: "references resolved"). An HL7 v2 or
 * DICOM-fed converter knows a radiology report's study by its DICOM Study Instance UID, not by a
 * FHIR id, and writes `DiagnosticReport.imagingStudy` as a logical reference (FHIR R4 §2.3.0:
 * `Reference.identifier` with no `reference`). Read as written, such a report was on no study:
 * one on a study entered in error, or on another patient's, stood (H45, H48 did not apply), and a
 * Condition citing the study did not list it (H36, H61). FHIR R4 lets an application turn a
 * logical reference into a literal one: the study that arrived with that identifier is the study
 * the report is on, and every rule then reads it as it reads a reference (H62). A Condition's
 * `evidence.detail` citing its PET/CT by the same UID is read alike (H64).
 */
import type { Indexed } from './record-index.js';
import type { TraceLine } from './types.js';

/**
 * Identifier system and value, as one key: both must be present and equal (trimmed). Read as
 * untyped data, as `studyIdentifierOf` reads its reference.
 */
function keyOf(identifier: unknown): string | undefined {
  if (typeof identifier !== 'object' || identifier === null) return undefined;
  const { system, value } = identifier as { system?: unknown; value?: unknown };
  if (typeof system !== 'string' || typeof value !== 'string') return undefined;
  const [s, v] = [system.trim(), value.trim()];
  return s && v ? `${s}|${v}` : undefined;
}

/**
 * The identifier key of a study reference that names its study by identifier only: no
 * `reference`, `type` absent or ImagingStudy, an identifier with a system and a value. The one
 * reader of such references: the record reads them as the study with that identifier, and
 * ./imaging-report.ts counts a report naming its study so as an imaging report, so the two never
 * disagree. Read as untyped data, since reports that failed the schemas are asked too
 * (src/cds/malformed-data.ts). An identifier without a system names nothing the record can match
 * (FHIR R4 Identifier: the value is unique only within its system), nor does a reference typed
 * as another resource.
 */
export function studyIdentifierOf(study: unknown): string | undefined {
  if (typeof study !== 'object' || study === null) return undefined;
  const { reference, type, identifier } = study as {
    reference?: unknown;
    type?: unknown;
    identifier?: unknown;
  };
  if (reference !== undefined) return undefined;
  if (type !== undefined && type !== 'ImagingStudy') return undefined;
  return keyOf(identifier);
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

/** Where the trace says an identifier-only study reference was found, and what it belongs to. */
interface Citing {
  /** The citing resource's reference, the trace line's subject. */
  reference: string;
  unique: readonly Indexed[];
  trace: TraceLine[];
  byIdentifier: StudyIdentifierIndex;
  /** What the trace says of an identifier no study has, and of one several studies have. */
  none: string;
  several: string;
}

/**
 * One study reference named by identifier only, read as a literal reference to the one study
 * that arrived with that identifier, whether the record keeps it or drops it (another patient's
 * study must be known as such, H48); the identifier stays beside it. One that matches no study
 * (one the record never received) or several (nothing tells which) is left as it is, and the
 * trace says so, in `where`'s words. Anything else is returned as it is.
 */
function readStudy(study: fhir4.Reference, where: string, citing: Citing): fhir4.Reference {
  const key = studyIdentifierOf(study);
  if (key === undefined) return study;
  // Built once per record, and only for a record that needs it: most name no study so.
  const map = (citing.byIdentifier.map ??= studiesByIdentifier(citing.unique));
  const found = [...(map.get(key) ?? [])];
  const said = `${where} names its study by identifier only (${key})`;
  if (found.length !== 1) {
    citing.trace.push({
      reference: citing.reference,
      message: `${said}: ${found.length === 0 ? `no study in the record has it, so ${citing.none}` : `${String(found.length)} studies have it, so ${citing.several}`}`,
    });
    return study;
  }
  const target = found[0]?.entry.reference ?? '';
  citing.trace.push({
    reference: citing.reference,
    message: `${said}: read as ${target}, the study with it`,
  });
  return { ...study, reference: target };
}

/**
 * Reads a report's studies named by identifier only (`readStudy`). Returns the report itself
 * when nothing is named by identifier alone.
 */
export function withStudiesByIdentifier(
  report: fhir4.DiagnosticReport,
  reference: string,
  unique: readonly Indexed[],
  trace: TraceLine[],
  byIdentifier: StudyIdentifierIndex,
): fhir4.DiagnosticReport {
  const studies = report.imagingStudy;
  if (!studies?.some((study) => studyIdentifierOf(study) !== undefined)) return report;
  const citing = {
    reference,
    unique,
    trace,
    byIdentifier,
    none: 'it is read as a study not received',
    several: 'nothing tells which one the report is on',
  };
  const imagingStudy = studies.map((study, index) =>
    readStudy(study, `imagingStudy[${String(index)}]`, citing),
  );
  return { ...report, imagingStudy };
}

/**
 * Reads the studies a Condition cites in `evidence.detail` by identifier only, as a report's
 * (`readStudy`; H64): a Condition citing its PET/CT by DICOM UID cites that study, for the card's
 * "seen on" line and for `emd-reported-not-listed`'s "cites that report or its study". Only an
 * identifier some study of the record has is read: `evidence.detail` may name any resource, and
 * an identifier without `type` that no study has is no study's (a report's accession number,
 * say). Returns the Condition itself when it cites nothing by identifier alone.
 */
export function withEvidenceByIdentifier(
  condition: fhir4.Condition,
  reference: string,
  unique: readonly Indexed[],
  trace: TraceLine[],
  byIdentifier: StudyIdentifierIndex,
): fhir4.Condition {
  const evidence = condition.evidence;
  if (!evidence?.some((e) => e.detail?.some((detail) => studyIdentifierOf(detail) !== undefined)))
    return condition;
  const citing = {
    reference,
    unique,
    trace,
    byIdentifier,
    none: 'it is left as written: no source is shown for it',
    several: 'nothing tells which one is cited, and none is read as cited',
  };
  return {
    ...condition,
    evidence: evidence.map((e, i) =>
      e.detail === undefined
        ? e
        : {
            ...e,
            detail: e.detail.map((detail, j) =>
              readStudy(detail, `evidence[${String(i)}].detail[${String(j)}]`, citing),
            ),
          },
    ),
  };
}
