/**
 * Whether arriving data were sent only in part (docs/clinical-safety.md H108, H141). FHIR R4
 * §Search (`_summary`, `_elements`): a server SHOULD tag a resource it returns only in part with
 * v3-ObservationValue SUBSETTED, "to ensure that the incomplete resource is not actually used
 * to overwrite a complete resource"; the code means "some information has been removed from
 * the source object". The rules read an absent element as saying something: no
 * verificationStatus as confirmed, no clinicalStatus as active (rules page §2), no body site
 * as unclassified, no modality as not a PET. Read as whole, a refuted leptomeningeal finding
 * sent without its statuses raised a critical card (§6 forbids it), and a PET/CT sent without
 * its modality was proposed again. So a prefetch key or a FHIR answer holding such a resource
 * is missing (../cds/prefetch.ts, ./fhir-kit-runner.ts): read afresh, else not had. Where
 * there is nothing to read afresh from, the same test says so: a backtest over files counts no
 * card for such a patient (../backtest/evaluate-patient.ts), and the timeline app draws no
 * timeline from such Conditions, and no imaging from such studies or reports.
 *
 * The mark is read in `meta.tag` and in `meta.security` alike (H141): FHIR R4's security-labels
 * page lists SUBSETTED among the labels, and exporters put it in either place. REDACTED, of the
 * same code system, says the same of the resource (information removed from it, by policy
 * rather than by a query), and what was removed may be exactly the status that made a finding
 * refuted or entered in error: it is read as SUBSETTED is.
 *
 * Only the types the rules read are judged: a Patient is for display (rules page §2), and any
 * subset keeps its id, which is all the record asks of it. The whole key, not the resource
 * alone, is missing: a subsetted PET/CT left out would read as no PET/CT, and one proposed.
 *
 * A search Bundle may carry the mark itself (`Bundle.meta.tag`, `Bundle.meta.security`): then
 * the Bundle, a resource too, is what was sent in part, and what it lacks may be whole entries,
 * a Condition that is not there read as one the patient does not have. It is missing alike,
 * whatever its entries say.
 */
import type { SourcedResource } from '../rules/patient-record.js';

/**
 * FHIR R4's URI of v3-ObservationValue, and STU3's spelling of it, as the status code systems
 * are read under both (../rules/condition-status.ts). The code matches exactly (FHIR codes are
 * case-sensitive).
 */
const OBSERVATION_VALUE_SYSTEMS: ReadonlySet<unknown> = new Set([
  'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
  'http://hl7.org/fhir/v3/ObservationValue',
]);
const JUDGED_TYPES: ReadonlySet<string> = new Set([
  'Condition',
  'ImagingStudy',
  'DiagnosticReport',
]);

/** The codes that say a resource was sent in part, and the words for each (H108, H141). */
type PartCode = 'SUBSETTED' | 'REDACTED';
/** Where a resource's meta carries the mark: FHIR puts labels in `security`, tags in `tag`. */
type PartPlace = 'tag' | 'security';

interface PartMark {
  code: PartCode;
  place: PartPlace;
}

/** How each code says what is missing, of one resource and of several. */
const MISSING: Readonly<Record<PartCode, { one: string; many: string }>> = {
  SUBSETTED: {
    one: 'sent without some of its elements (as _summary or _elements send)',
    many: 'sent without some of their elements (as _summary or _elements send)',
  },
  REDACTED: {
    one: 'sent with some of its information removed (redacted)',
    many: 'sent with some of their information removed (redacted)',
  },
};
const READ_AS_ABSENT = 'which would be read as absent';

/**
 * What a search page or a read holds that was sent only in part ("a Condition marked
 * SUBSETTED (meta.tag) …"), for the caller to put after "holds"; undefined when nothing was.
 * Types and counts only: the reason reaches a 412 and the logs, which must hold no ids.
 */
export function subsettedResources(resources: readonly SourcedResource[]): string | undefined {
  let count = 0;
  const types: string[] = [];
  const marks: PartMark[] = [];
  for (const { resource } of resources) {
    const mark = partMarkOfResource(resource);
    if (mark === undefined) continue;
    count += 1;
    if (!types.includes(resource.resourceType)) types.push(resource.resourceType);
    if (!marks.some((m) => m.code === mark.code && m.place === mark.place)) marks.push(mark);
  }
  if (count === 0) return undefined;
  const codes = unique(marks.map((m) => m.code));
  const places = unique(marks.map((m) => `meta.${m.place}`));
  return count === 1
    ? `${withArticle(types.join())} marked ${codes.join()} (${places.join()}): ${MISSING[codes[0] ?? 'SUBSETTED'].one}, ${READ_AS_ABSENT}`
    : `${String(count)} resources marked ${codes.join(' or ')} (${places.join(', ')}; ${types.join(', ')}): ${codes.map((c) => MISSING[c].many).join(' or ')}, ${READ_AS_ABSENT}`;
}

/**
 * Whether a value is a resource the rules read (a Condition, ImagingStudy or DiagnosticReport)
 * marked SUBSETTED or REDACTED, in `meta.tag` or `meta.security`. The one test: the hook path
 * asks it through `subsettedResources`, and the callers with no FHIR server to read afresh from
 * (the backtest over files, the timeline app, which runs it in the browser) ask it of each
 * resource as it arrived, malformed ones too.
 */
export function isSentInPart(resource: unknown): boolean {
  return partMarkOfResource(resource) !== undefined;
}

/** The mark of a resource the rules read, or undefined (any other value, or no mark). */
function partMarkOfResource(resource: unknown): PartMark | undefined {
  if (typeof resource !== 'object' || resource === null) return undefined;
  const { resourceType } = resource as { resourceType?: unknown };
  if (typeof resourceType !== 'string' || !JUDGED_TYPES.has(resourceType)) return undefined;
  return partMarkOf(resource);
}

/**
 * Why a search page (a prefetch key's Bundle, a FHIR server's page) is not the patient's whole
 * answer, for the caller to put after "the … search Bundle": the Bundle itself marked SUBSETTED
 * or REDACTED, or a resource in it so marked; undefined when neither is.
 */
export function subsettedPage(
  bundle: unknown,
  resources: readonly SourcedResource[],
): string | undefined {
  const ofBundle = subsettedBundle(bundle);
  if (ofBundle !== undefined) return ofBundle;
  const inPart = subsettedResources(resources);
  return inPart === undefined ? undefined : `holds ${inPart}`;
}

/** How each code says what a Bundle lacks. */
const BUNDLE_MISSING: Readonly<Record<PartCode, string>> = {
  SUBSETTED: 'sent without some of its entries or their elements',
  REDACTED: 'sent with some of its entries or their information removed (redacted)',
};

/** Why a Bundle's own meta says it was sent in part, after "the Bundle"; or undefined. */
export function subsettedBundle(bundle: unknown): string | undefined {
  if (typeof bundle !== 'object' || bundle === null) return undefined;
  const mark = partMarkOf(bundle);
  return mark === undefined
    ? undefined
    : `is itself marked ${mark.code} (Bundle.meta.${mark.place}): ${BUNDLE_MISSING[mark.code]}, ${READ_AS_ABSENT}`;
}

const PART_CODES: ReadonlySet<unknown> = new Set<PartCode>(['SUBSETTED', 'REDACTED']);

/**
 * The first SUBSETTED or REDACTED of v3-ObservationValue in a resource's `meta.tag`, else in
 * its `meta.security`; undefined when neither holds one.
 */
function partMarkOf(resource: object): PartMark | undefined {
  // Read with care: the schemas check neither a resource's meta nor a Bundle's: anything goes.
  const { meta } = resource as { meta?: unknown };
  if (typeof meta !== 'object' || meta === null) return undefined;
  for (const place of ['tag', 'security'] as const) {
    const code = partCodeIn((meta as Partial<Record<PartPlace, unknown>>)[place]);
    if (code !== undefined) return { code, place };
  }
  return undefined;
}

/** The first part code of v3-ObservationValue among a list of codings, if it is a list. */
function partCodeIn(codings: unknown): PartCode | undefined {
  if (!Array.isArray(codings)) return undefined;
  for (const coding of codings as unknown[]) {
    if (typeof coding !== 'object' || coding === null) continue;
    const { system, code } = coding as { system?: unknown; code?: unknown };
    if (PART_CODES.has(code) && OBSERVATION_VALUE_SYSTEMS.has(system)) return code as PartCode;
  }
  return undefined;
}

const unique = <T>(items: readonly T[]): T[] => [...new Set(items)];

/** "a Condition", "an ImagingStudy". */
function withArticle(type: string): string {
  return `${/^[AEIOU]/.test(type) ? 'an' : 'a'} ${type}`;
}
