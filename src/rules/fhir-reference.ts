/**
 * Literal FHIR references (R4 §2.3.0 "Literal references"): `Type/id`, the same with
 * `/_history/version`, or an absolute URL ending in either. Parsed by position, never by
 * an unanchored pattern: a reference is request data, and a pattern retried from every
 * start position costs the square of its length (issue #19: a 200 KB `subject.reference`
 * held the event loop for 22 s). Every step here is one pass over the string.
 */
import { resourceTypeOf } from './fhir-resource-type.js';

/** A resource type and id, as the service cites a resource (`Type/id`). */
export interface TypedReference {
  type: string;
  id: string;
}

/**
 * FHIR R4 §2.24.0.1: an id is letters, digits, `-` or `.`; 1–64 of them, but Epic's can be
 * longer, so up to 256, as src/fhir/value-limits.ts reads them (MAX_ID_LENGTH). Hospital
 * gateways also write `_` (`ZY_2026_001`), and the service keeps such an id as written (H103):
 * `_` and `~` are read too, the rest of RFC 3986's unreserved characters, which a URL's path
 * segment carries as they are. Never `/`, `#`, `?`, `%` or a blank: the id stays one segment of
 * `Type/id`, and a reference names it exactly. Never dots alone (`.`, `..`), which FHIR's
 * pattern allows: a URL's path reads them as "this" and "the parent" segment (RFC 3986 §5.2.4),
 * so a read of `ImagingStudy/.` was a search of every study the token may see (probe 12).
 */
const READABLE_ID = /^[\w.~-]{1,256}$/;
const DOTS_ALONE = /^\.+$/;
/** Resource type names are PascalCase letters (the longest R4 name has 35 characters). */
const RESOURCE_TYPE = /^[A-Z][A-Za-z]{0,63}$/;
const HISTORY = '/_history/';

/** The type and id a literal reference points to, or undefined when it names none. */
export function parseReference(reference: string): TypedReference | undefined {
  const path = withoutVersion(reference);
  const idStart = path.lastIndexOf('/') + 1;
  if (idStart === 0) return undefined;
  const typeStart = path.lastIndexOf('/', idStart - 2) + 1;
  const type = path.slice(typeStart, idStart - 1);
  const id = path.slice(idStart);
  return RESOURCE_TYPE.test(type) && isReadableId(id) ? { type, id } : undefined;
}

/**
 * Whether an id is one the service reads (`READABLE_ID`, not dots alone): FHIR's characters,
 * `_` and `~`, 1–256. The lenient reading (src/fhir/lenient-reading.ts) keeps an id only if
 * this holds, so every id the record keeps is one a reference can name.
 */
export function isReadableId(id: string): boolean {
  return READABLE_ID.test(id) && !isDotsAlone(id);
}

/** `.`, `..` or more dots: FHIR's characters, but a URL's path reads them as other segments. */
export function isDotsAlone(id: string): boolean {
  return DOTS_ALONE.test(id);
}

/** `Type/id` of a literal reference, or undefined. */
export function typedReferenceOf(reference: string): string | undefined {
  const parsed = parseReference(reference);
  return parsed ? `${parsed.type}/${parsed.id}` : undefined;
}

/** The reference (or fullUrl) without a trailing `/_history/{version}`. */
export function withoutVersion(reference: string): string {
  const at = versionAt(reference);
  return at === undefined ? reference : reference.slice(0, at);
}

/** The version a reference (or fullUrl) ends in: `…/Condition/pc/_history/3` → `3`. */
export function historyVersionOf(reference: string): string | undefined {
  const at = versionAt(reference);
  return at === undefined ? undefined : reference.slice(at + HISTORY.length);
}

/** Where a trailing `/_history/{version}` starts, if the reference ends in one. */
function versionAt(reference: string): number | undefined {
  const at = reference.lastIndexOf(HISTORY);
  if (at < 0) return undefined;
  const versionStart = at + HISTORY.length;
  const isVersionLast = versionStart < reference.length && !reference.includes('/', versionStart);
  return isVersionLast ? at : undefined;
}

/**
 * `subject.reference` of a resource whose schema does not check `subject` (a draft order),
 * read as untyped data: undefined when absent or not a string.
 */
export function untypedSubjectReference(resource: object): string | undefined {
  const subject: unknown = (resource as { subject?: unknown }).subject;
  const reference: unknown =
    typeof subject === 'object' && subject !== null
      ? (subject as { reference?: unknown }).reference
      : undefined;
  return typeof reference === 'string' ? reference : undefined;
}

/**
 * The resource `holder` contains that a local reference (`#id`, FHIR R4 §2.3.0.6 "Contained
 * resources") names, when it is of one of `types`; undefined otherwise. Read with care: the
 * shapes do not check `contained`, so an entry may be anything.
 */
export function containedNamed(
  holder: object,
  reference: string | undefined,
  types: readonly string[],
): Record<string, unknown> | undefined {
  if (!reference?.startsWith('#')) return undefined;
  const contained: unknown = (holder as { contained?: unknown }).contained;
  if (!Array.isArray(contained)) return undefined;
  const id = reference.slice(1);
  for (const resource of contained as unknown[]) {
    const type = resourceTypeOf(resource);
    if (type !== undefined && types.includes(type) && (resource as { id?: unknown }).id === id)
      return resource as Record<string, unknown>;
  }
  return undefined;
}
