/**
 * The fetch jose reads an issuer's remote JWKS with (its `customFetch` option): fetch as jose
 * would call it, through a dispatcher whose answers are capped at 1 MiB, counted after
 * decompression (../fhir/response-limit.ts, the same interceptor as every FHIR answer). The
 * key URL is allowlisted and https, but the server behind it may be compromised or broken: a
 * body without end, or a gzip bomb, would otherwise be read whole into memory (jose calls
 * `response.json()`) within the 2 s timeout, on the path of every call of that EHR. An answer
 * over the cap fails the fetch, and the token is refused as `keys-unavailable`, as for a JWKS
 * that cannot be fetched at all.
 */
import type { FetchImplementation } from 'jose';
import { getGlobalDispatcher } from 'undici';
import { cappedDispatcher } from '../fhir/response-limit.js';

/**
 * The largest JWKS read, in bytes, decompressed: 1 MiB. An RSA-4096 JWK is about 800 bytes
 * and a P-384 one about 250, so a thousand keys still fit; a key server rotating keys
 * publishes two or three.
 */
export const MAX_JWKS_BYTES = 1024 * 1024;

export function cappedJwksFetch(maxBytes: number = MAX_JWKS_BYTES): FetchImplementation {
  // Node's own fetch, as jose would use it (and as fhir-kit-client does for FHIR reads).
  return async (url, options) => {
    const response = await fetch(url, {
      ...options,
      // Node's fetch is undici's, typed from undici-types: the undici package's dispatcher is
      // a different class to the type checker, the same interface at run time (both undici 6).
      // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
      dispatcher: cappedDispatcher(getGlobalDispatcher(), maxBytes),
    });
    // The body is read here: the cap passes a plain body on as it comes and stops it midway,
    // and a body that fails inside jose's own `response.json()` is reported as a generic
    // JOSEError (a malformed token), where a key set that cannot be read is keys-unavailable.
    const body = await response.arrayBuffer();
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
