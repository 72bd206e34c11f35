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
 * same code system, is not read so (../rules/redacted.ts): the server redacts by policy and
 * answers the same redacted resource when asked again, so reading afresh cannot help, and a
 * key made missing for it would take every card from each patient with a redacted diagnosis.
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
import { markPlaceOf, type MarkPlace } from '../rules/redacted.js';
import type { SourcedResource } from '../rules/patient-record.js';

const JUDGED_TYPES: ReadonlySet<string> = new Set([
  'Condition',
  'ImagingStudy',
  'DiagnosticReport',
]);

/**
 * What a search page or a read holds that was sent only in part ("a Condition marked
 * SUBSETTED (meta.tag) …"), for the caller to put after "holds"; undefined when nothing was.
 * Types and counts only: the reason reaches a 412 and the logs, which must hold no ids.
 */
export function subsettedResources(resources: readonly SourcedResource[]): string | undefined {
  let count = 0;
  const types: string[] = [];
  const places: string[] = [];
  for (const { resource } of resources) {
    const place = placeOfResource(resource);
    if (place === undefined) continue;
    count += 1;
    if (!types.includes(resource.resourceType)) types.push(resource.resourceType);
    if (!places.includes(`meta.${place}`)) places.push(`meta.${place}`);
  }
  if (count === 0) return undefined;
  return count === 1
    ? `${withArticle(types.join())} marked SUBSETTED (${places.join()}): sent without some of its elements (as _summary or _elements send), which would be read as absent`
    : `${String(count)} resources marked SUBSETTED (${places.join(', ')}; ${types.join(', ')}): sent without some of their elements (as _summary or _elements send), which would be read as absent`;
}

/**
 * Whether a value is a resource the rules read (a Condition, ImagingStudy or DiagnosticReport)
 * marked SUBSETTED, in `meta.tag` or `meta.security`. The one test: the hook path asks it
 * through `subsettedResources`, and the callers with no FHIR server to read afresh from (the
 * backtest over files, the timeline app, which runs it in the browser) ask it of each resource
 * as it arrived, malformed ones too. A resource marked REDACTED is not sent in part: it is read
 * as sent (H141).
 */
export function isSentInPart(resource: unknown): boolean {
  return placeOfResource(resource) !== undefined;
}

/** Where a resource the rules read is marked SUBSETTED, or undefined (any other value). */
function placeOfResource(resource: unknown): MarkPlace | undefined {
  if (typeof resource !== 'object' || resource === null) return undefined;
  const { resourceType } = resource as { resourceType?: unknown };
  if (typeof resourceType !== 'string' || !JUDGED_TYPES.has(resourceType)) return undefined;
  return markPlaceOf(resource, 'SUBSETTED');
}

/**
 * Why a search page (a prefetch key's Bundle, a FHIR server's page) is not the patient's whole
 * answer, for the caller to put after "the … search Bundle": the Bundle itself marked
 * SUBSETTED, or a resource in it so marked; undefined when neither is.
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

/** Why a Bundle's own meta says it was sent in part, after "the Bundle"; or undefined. */
export function subsettedBundle(bundle: unknown): string | undefined {
  const place = markPlaceOf(bundle, 'SUBSETTED');
  return place === undefined
    ? undefined
    : `is itself marked SUBSETTED (Bundle.meta.${place}): sent without some of its entries or their elements, which would be read as absent`;
}

/**
 * Whether a search Bundle itself is marked REDACTED (H141): some entries may have been removed
 * by the sender's policy. Read all the same, as a `suppressed` issue is (H131), and said in the
 * trace: the server would answer so again, and refusing the answer would take every card from
 * each patient with a redacted record.
 */
export function isRedactedBundle(bundle: unknown): boolean {
  return markPlaceOf(bundle, 'REDACTED') !== undefined;
}

/** "a Condition", "an ImagingStudy". */
function withArticle(type: string): string {
  return `${/^[AEIOU]/.test(type) ? 'an' : 'a'} ${type}`;
}
