/**
 * The node's count of request body bytes being read at once, every caller's together, as
 * ../fhir/bytes-in-flight.ts counts FHIR answers. BODY_LIMIT (32 MiB by default, as large as
 * one FHIR answer the service reads itself) bounds one body, not many: a dozen EHR sessions
 * each sending a 30 MiB imaging prefetch at once would otherwise hold some 360 MiB of chunks
 * before any of them is parsed. A body takes its bytes chunk by chunk (decompressed: what the
 * node holds) and gives them all back once it is read, however the read ends (./body-text.ts);
 * a body whose next chunk would pass the bound is refused 503, a transient state, with
 * Retry-After (./error-handler.ts).
 */
import { MAX_BODY_LIMIT_BYTES } from '../config/byte-size.js';
import { BytesInFlight } from '../fhir/bytes-in-flight.js';

/**
 * 128 MiB: four bodies at the default BODY_LIMIT read at once, the bound the node keeps on
 * FHIR answers too (../fhir/response-limit.ts MAX_FHIR_BYTES_IN_FLIGHT), while a thousand
 * typical calls (42 KiB each) stay far under it. BODY_LIMIT may not be set above it
 * (../config/byte-size.ts), so one body alone is never refused by it.
 */
export const MAX_REQUEST_BYTES_IN_FLIGHT = MAX_BODY_LIMIT_BYTES;

/** The request body bytes this node is reading now, every route's bodies together. */
export const requestBytesInFlight = new BytesInFlight(MAX_REQUEST_BYTES_IN_FLIGHT);
