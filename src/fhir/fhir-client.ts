/**
 * The fhir-kit-client every FHIR read of the service goes through (hook calls' reads,
 * ./fhir-kit-runner.ts; the backtest's patient list, ./patient-pages.ts): one base URL, the
 * EHR's access token if any, the pooled connections if given, and redirects never followed.
 * fetch follows a redirect by default and uses what the other server answers: an allowlisted
 * server that redirects would make the service read data, and send the token within the
 * origin, from a URL nobody allowed. A redirect is answered as the 3xx it is (an error).
 * Every answer is capped in size, decompressed, and in nesting (./response-limit.ts), and all
 * the answers the node reads at once together (./bytes-in-flight.ts).
 */
import { Client } from 'fhir-kit-client';
import { getGlobalDispatcher, type Dispatcher } from 'undici';
import { BytesInFlight } from './bytes-in-flight.js';
import {
  cappedDispatcher,
  MAX_FHIR_BYTES_IN_FLIGHT,
  MAX_FHIR_RESPONSE_BYTES,
} from './response-limit.js';

/** The FHIR answer bytes this node is reading now, every hook call's reads together. */
export const fhirBytesInFlight = new BytesInFlight(MAX_FHIR_BYTES_IN_FLIGHT);

export function fhirClient(
  baseUrl: string,
  accessToken: string | undefined,
  dispatcher: Dispatcher | undefined,
): Client {
  return new Client({
    baseUrl,
    ...(accessToken ? { bearerToken: accessToken } : {}),
    // fhir-kit-client spreads requestOptions into the fetch RequestInit.
    requestOptions: {
      redirect: 'manual',
      dispatcher: cappedDispatcher(
        dispatcher ?? getGlobalDispatcher(),
        MAX_FHIR_RESPONSE_BYTES,
        fhirBytesInFlight,
      ),
    },
  });
}
