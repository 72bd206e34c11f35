/**
 * Hook calls as the fleet tests make them: an example request from cds-hooks/examples/, a
 * fresh local-issuer token for each call (a token is good once: the fleet shares its replay
 * guard), and the POST to a node or to nginx in front of the fleet.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mintLocalToken, type KeyFiles } from '../../src/auth/local-issuer.js';
import { PATHS } from '../../src/config/project-paths.js';

/** The patient-view example request for one example patient, as JSON text. */
export function exampleRequest(patient = 'emd-and-cns'): string {
  return readFileSync(
    join(PATHS.examples, '..', '..', 'cds-hooks', 'examples', 'patient-view', `${patient}.json`),
    'utf8',
  );
}

/** A new token for `path` under `/cds-services/` of the fleet's public URL (its `aud`). */
export function tokenFor(
  keys: KeyFiles,
  publicBaseUrl: string,
  path = 'emd-patient-view',
): Promise<string> {
  return mintLocalToken(keys, `${publicBaseUrl}/cds-services/${path}`);
}

/** POSTs `body` to `path` under `/cds-services/` of `base` (a node, or nginx) with `bearer`. */
export function postHook(
  base: string,
  path: string,
  body: string,
  bearer: string,
): Promise<Response> {
  return fetch(`${base}/cds-services/${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body,
  });
}
