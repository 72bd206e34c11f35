/**
 * Whether arriving data were sent only in part (docs/clinical-safety.md H108). FHIR R4 §Search
 * (`_summary`, `_elements`): a server SHOULD tag a resource it returns only in part with
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
 * Only the types the rules read are judged: a Patient is for display (rules page §2), and any
 * subset keeps its id, which is all the record asks of it. The whole key, not the resource
 * alone, is missing: a subsetted PET/CT left out would read as no PET/CT, and one proposed.
 *
 * A search Bundle may carry the tag itself (`Bundle.meta.tag`): then the Bundle, a resource
 * too, is what was sent in part, and what it lacks may be whole entries, a Condition that is not
 * there read as one the patient does not have. It is missing alike, whatever its entries say.
 */
import type { SourcedResource } from '../rules/patient-record.js';

/**
 * FHIR R4's URI of v3-ObservationValue, and STU3's spelling of it, as the status code systems
 * are read under both (../rules/condition-status.ts). The code matches exactly (FHIR codes are
 * case-sensitive).
 */
const SUBSETTED_SYSTEMS: ReadonlySet<unknown> = new Set([
  'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
  'http://hl7.org/fhir/v3/ObservationValue',
]);
const JUDGED_TYPES: ReadonlySet<string> = new Set([
  'Condition',
  'ImagingStudy',
  'DiagnosticReport',
]);

/**
 * What a search page or a read holds that was sent only in part ("a Condition marked
 * SUBSETTED …"), for the caller to put after "holds"; undefined when nothing was. Types and
 * counts only: the reason reaches a 412 and the logs, which must hold no ids.
 */
export function subsettedResources(resources: readonly SourcedResource[]): string | undefined {
  let count = 0;
  const types: string[] = [];
  for (const { resource } of resources) {
    if (!isSentInPart(resource)) continue;
    count += 1;
    if (!types.includes(resource.resourceType)) types.push(resource.resourceType);
  }
  if (count === 0) return undefined;
  return count === 1
    ? `${withArticle(types.join())} marked SUBSETTED (meta.tag): sent without some of its elements (as _summary or _elements send), which would be read as absent`
    : `${String(count)} resources marked SUBSETTED (meta.tag; ${types.join(', ')}): sent without some of their elements (as _summary or _elements send), which would be read as absent`;
}

/**
 * Whether a value is a resource the rules read (a Condition, ImagingStudy or DiagnosticReport)
 * marked SUBSETTED. The one test: the hook path asks it through `subsettedResources`, and the
 * callers with no FHIR server to read afresh from (the backtest over files, the timeline app,
 * which runs it in the browser) ask it of each resource as it arrived, malformed ones too.
 */
export function isSentInPart(resource: unknown): boolean {
  if (typeof resource !== 'object' || resource === null) return false;
  const { resourceType } = resource as { resourceType?: unknown };
  if (typeof resourceType !== 'string' || !JUDGED_TYPES.has(resourceType)) return false;
  return hasSubsettedTag(resource);
}

/**
 * Why a search page (a prefetch key's Bundle, a FHIR server's page) is not the patient's whole
 * answer, for the caller to put after "the … search Bundle": the Bundle itself marked SUBSETTED,
 * or a resource in it so marked; undefined when neither is.
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

/** Why a Bundle's own `meta.tag` says it was sent in part, after "the Bundle"; or undefined. */
export function subsettedBundle(bundle: unknown): string | undefined {
  return typeof bundle === 'object' && bundle !== null && hasSubsettedTag(bundle)
    ? 'is itself marked SUBSETTED (Bundle.meta.tag): sent without some of its entries or their elements, which would be read as absent'
    : undefined;
}

/** Whether a resource's `meta.tag` holds SUBSETTED. */
function hasSubsettedTag(resource: object): boolean {
  // Read with care: the schemas check neither a resource's meta nor a Bundle's: anything goes.
  const { meta } = resource as { meta?: unknown };
  const tags: unknown =
    typeof meta === 'object' && meta !== null ? (meta as { tag?: unknown }).tag : undefined;
  if (!Array.isArray(tags)) return false;
  return tags.some((tag: unknown) => {
    if (typeof tag !== 'object' || tag === null) return false;
    const { system, code } = tag as { system?: unknown; code?: unknown };
    return code === 'SUBSETTED' && SUBSETTED_SYSTEMS.has(system);
  });
}

/** "a Condition", "an ImagingStudy". */
function withArticle(type: string): string {
  return `${/^[AEIOU]/.test(type) ? 'an' : 'a'} ${type}`;
}
