/**
 * The fetch jose reads an issuer's remote JWKS with (its `customFetch` option): fetch as jose
 * would call it, through a dispatcher whose answers are capped at 1 MiB, counted after
 * decompression (../fhir/response-limit.ts, the same interceptor as every FHIR answer). The
 * key URL is allowlisted and https, but the server behind it may be compromised or broken: a
 * body without end, or a gzip bomb, would otherwise be read whole into memory (jose calls
 * `response.json()`) within the 2 s timeout, on the path of every call of that EHR. An answer
 * over the cap, or nested deeper than 128 levels (JSON.parse would spend about a microsecond
 * on each), fails the fetch, and the token is refused as `keys-unavailable`, as for a JWKS
 * that cannot be fetched at all. An answer that is not a JWK Set of public keys is refused
 * here too, with what the key server answered for the log (./key-set-answer.ts).
 *
 * A key URL under a hospital's internal CA is trusted through the CAs configured for the FHIR
 * servers (`fhir.caFiles`, FHIR_CA_FILES; ../fhir/extra-cas.ts says why one setting).
 */
import type { FetchImplementation } from 'jose';
import { Agent, getGlobalDispatcher } from 'undici';
import { connectTrusting } from '../fhir/extra-cas.js';
import { cappedDispatcher } from '../fhir/response-limit.js';
import { checkKeySetAnswer } from './key-set-answer.js';

/**
 * The largest JWKS read, in bytes, decompressed: 1 MiB. An RSA-4096 JWK is about 800 bytes
 * and a P-384 one about 250, so a thousand keys still fit; a key server rotating keys
 * publishes two or three.
 */
export const MAX_JWKS_BYTES = 1024 * 1024;

/** The fetch for jose, and how to close the connections it keeps. */
export interface JwksFetcher {
  fetch: FetchImplementation;
  /**
   * Closes the agent of its own, if it has one, and so its keep-alive connections to the key
   * servers: at shutdown, with the FHIR connections (src/service.ts). Node's global dispatcher
   * is never closed here; it is the process's.
   */
  close(): Promise<void>;
}

/**
 * `extraCas`: PEM texts of CAs trusted besides the system's. With none, fetches go through
 * Node's global dispatcher (so NODE_EXTRA_CA_CERTS and a proxy set there apply); with some,
 * through an agent of this fetcher's own, which keeps its connections to the key servers until
 * `close`.
 */
export function jwksFetcher(
  extraCas: readonly string[] = [],
  maxBytes: number = MAX_JWKS_BYTES,
): JwksFetcher {
  const trusting =
    extraCas.length > 0 ? new Agent({ connect: connectTrusting(extraCas) }) : undefined;
  // Node's own fetch, as jose would use it (and as fhir-kit-client does for FHIR reads).
  const fetchCapped: FetchImplementation = async (url, options) => {
    const response = await fetch(url, {
      ...options,
      // Node's fetch is undici's, typed from undici-types: the undici package's dispatcher is
      // a different class to the type checker, the same interface at run time (both undici 6).
      // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
      dispatcher: cappedDispatcher(trusting ?? getGlobalDispatcher(), maxBytes),
    });
    // The body is read and judged here: the cap passes a plain body on as it comes and stops
    // it midway, and jose reports an answer other than 200, or a body it cannot parse, as a
    // generic JOSEError, the class of a token that does not parse (./key-set-answer.ts).
    const body = await response.arrayBuffer();
    checkKeySetAnswer(url, response, body);
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
  return {
    fetch: fetchCapped,
    close: async () => {
      await trusting?.close();
    },
  };
}
