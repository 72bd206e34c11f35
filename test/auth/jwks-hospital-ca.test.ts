/**
 * A trusted issuer whose key URL is served under the hospital's internal CA (docs/security.md
 * §4.2, docs/configuring.md `FHIR_CA_FILES`): the CA files configured for the FHIR servers
 * are trusted for the issuers' key URLs too, so the EHR's tokens verify; without them the
 * key server's certificate is refused and so is every token, as `keys-unavailable`
 * (docs/integrating.md §3). Driven through the service as `npm start` builds it, against a
 * real https key server on loopback whose certificate a CA of the test's own signed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../src/service.js';
import { rawAnswerServer } from '../support/raw-answer-server.js';
import { callPatientViewAs, serviceTrustingIssuers } from '../support/issuers-file-service.js';
import { makeTestCa, type TestCa } from '../support/test-ca.js';
import { makeKey, type TestKey } from '../support/tokens.js';

const EHR = 'https://ehr.hospital.example';

let dir: string;
let ca: TestCa;
let key: TestKey;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'emd-cds-jwks-ca-'));
  ca = makeTestCa(dir);
  key = await makeKey('ES384');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let service: RunningService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

const serve = rawAnswerServer('/jwks.json');

/** The key server over https under the test CA; `fetches` counts the requests it answered. */
async function startKeyServer() {
  const served = { fetches: 0, url: '' };
  served.url = await serve((res) => {
    served.fetches += 1;
    res.writeHead(200, { 'content-type': 'application/jwk-set+json' });
    res.end(JSON.stringify({ keys: [key.publicJwk] }));
  }, ca.server);
  return served;
}

describe('a key URL under the hospital CA', () => {
  it('verifies the EHR token when the CA is in FHIR_CA_FILES', async () => {
    const keyServer = await startKeyServer();
    service = await serviceTrustingIssuers(dir, [{ iss: EHR, jwksUrl: keyServer.url }], {
      FHIR_CA_FILES: ca.caFile,
    });

    const answer = await callPatientViewAs(service, EHR, key);

    expect(answer.status).toBe(200);
    expect(keyServer.fetches).toBe(1);
  });

  it('refuses the EHR token as keys-unavailable when no CA file names the key server CA', async () => {
    const keyServer = await startKeyServer();
    service = await serviceTrustingIssuers(dir, [{ iss: EHR, jwksUrl: keyServer.url }]);

    const answer = await callPatientViewAs(service, EHR, key);

    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe(
      'Bearer error="invalid_token", error_description="keys-unavailable"',
    );
    // The TLS handshake failed: the key server never saw a request.
    expect(keyServer.fetches).toBe(0);
  });
});
