/**
 * A trusted issuer whose key URL is served under the hospital's internal CA (docs/security.md
 * §4.2, docs/configuring.md `FHIR_CA_FILES`): the CA files configured for the FHIR servers
 * are trusted for the issuers' key URLs too, so the EHR's tokens verify; without them the
 * key server's certificate is refused and so is every token, as `keys-unavailable`
 * (docs/integrating.md §3). Driven through the service as `npm start` builds it, against a
 * real https key server on loopback whose certificate a CA of the test's own signed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { optionsFromEnvironment } from '../../src/config/environment.js';
import { startService, type RunningService } from '../../src/service.js';
import { readExampleRequest } from '../support/app.js';
import { rawAnswerServer } from '../support/raw-answer-server.js';
import { testServiceEnv } from '../support/service-env.js';
import { makeTestCa, type TestCa } from '../support/test-ca.js';
import { makeKey, signToken, type TestKey } from '../support/tokens.js';

const EHR = 'https://ehr.hospital.example';
const PUBLIC_BASE_URL = 'https://cds.hospital.example';
const SERVICE_PATH = '/cds-services/emd-patient-view';

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

/** The service trusting EHR with its keys at `jwksUrl`, with `env` added. */
async function startServiceTrusting(jwksUrl: string, env: Record<string, string> = {}) {
  const issuersFile = join(dir, 'issuers.json');
  writeFileSync(issuersFile, JSON.stringify([{ iss: EHR, jwksUrl }]));
  const options = optionsFromEnvironment(
    testServiceEnv({
      HOST: '127.0.0.1',
      AUTH: 'on',
      AUTH_LOCAL_ISSUER: 'off',
      AUTH_ISSUERS_FILE: issuersFile,
      PUBLIC_BASE_URL,
      LOG_LEVEL: 'silent',
      ...env,
    }),
  );
  return startService(options, pino({ level: 'silent' }));
}

async function callAsEhr(running: RunningService) {
  const token = await signToken(key, { iss: EHR, aud: `${PUBLIC_BASE_URL}${SERVICE_PATH}` });
  return fetch(running.discoveryUrl.replace('/cds-services', SERVICE_PATH), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(readExampleRequest('emd-skin-at-diagnosis')),
  });
}

describe('a key URL under the hospital CA', () => {
  it('verifies the EHR token when the CA is in FHIR_CA_FILES', async () => {
    const keyServer = await startKeyServer();
    service = await startServiceTrusting(keyServer.url, { FHIR_CA_FILES: ca.caFile });

    const answer = await callAsEhr(service);

    expect(answer.status).toBe(200);
    expect(keyServer.fetches).toBe(1);
  });

  it('refuses the EHR token as keys-unavailable when no CA file names the key server CA', async () => {
    const keyServer = await startKeyServer();
    service = await startServiceTrusting(keyServer.url);

    const answer = await callAsEhr(service);

    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe(
      'Bearer error="invalid_token", error_description="keys-unavailable"',
    );
    // The TLS handshake failed: the key server never saw a request.
    expect(keyServer.fetches).toBe(0);
  });
});
