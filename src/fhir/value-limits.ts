/**
 * How long a value the service reads may be (issue #19, docs/security.md "Algorithmic
 * complexity"), and the characters an id or a resource type name may hold. Where FHIR bounds a
 * value we use its bound; where it does not, a limit far above any real value, documented. A
 * longer value makes its resource invalid (prefetch: treated as missing, then fetched or 412)
 * or its request a 400: refused at once, never slow.
 */

/**
 * Ids: FHIR R4 §2.24.0.1 allows 1–64 characters, but Epic sends longer ones on Patient,
 * Condition and Observation (FirelyTeam/firely-net-sdk#1919). Refusing them made the record
 * missing (412) for those patients, so ids are read up to 256 characters. Also bounds resource
 * type names.
 */
export const MAX_ID_LENGTH = 256;

/**
 * The characters of a FHIR id (FHIR R4 §2.24.0.1), its length bounded by MAX_ID_LENGTH: what
 * the resource shapes (./resource-schemas.ts) and their fast check (./resource-fast-check.ts)
 * call well-formed. It is not what the service reads: an id of these characters, `_` or `~`
 * (hospital gateways number `ZY_2026_001`) is read, by one rule for every id, in
 * ../rules/fhir-reference.ts (`isReadableId`): a resource's id through the lenient reading
 * (./lenient-reading.ts, H103) and the ids a hook names (../cds/request-schema.ts `readableId`,
 * H110). The shapes keep FHIR's pattern so that such an id is still seen: only a resource the
 * shapes refuse is read leniently (issue #15: well-formed data costs nothing more), and its
 * reading puts a line in the trace asking the feed for FHIR's characters.
 */
export const FHIR_ID_PATTERN = /^[A-Za-z0-9\-.]+$/;

/** A resource type's name: a capital, then letters (bounded by MAX_ID_LENGTH too). */
export const RESOURCE_TYPE_PATTERN = /^[A-Z][A-Za-z]+$/;

/**
 * References, fullUrls, code system URIs and server URLs. FHIR sets no length; 4 KB is
 * the limit most HTTP servers put on a whole request line, so no real reference is longer.
 */
export const MAX_URL_LENGTH = 4096;

/**
 * Codes (FHIR `code`: no set length). The longest code the service's value sets hold has
 * 7 characters, SNOMED CT ids at most 18; 256 leaves room for local code systems.
 */
export const MAX_CODE_LENGTH = 256;

/** FHIR R4 §2.24.0.1 `string`: "SHALL NOT exceed 1MB". Texts and displays. */
export const MAX_STRING_LENGTH = 1024 * 1024;
