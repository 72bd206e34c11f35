/**
 * The service as `npm start` builds it, trusting EHRs listed in an AUTH_ISSUERS_FILE (the local
 * issuer off), and a patient-view call signed as one of them: for the tests of issuers whose
 * keys are at a remote key URL (the hospital CA, the key servers' connections).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { optionsFromEnvironment } from '../../src/config/environment.js';
import { startService, type RunningService } from '../../src/service.js';
import { readExampleRequest } from './app.js';
import { testServiceEnv } from './service-env.js';
import { signToken, type TestKey } from './tokens.js';

export const PUBLIC_BASE_URL = 'https://cds.hospital.example';
const SERVICE_PATH = '/cds-services/emd-patient-view';

/**
 * The service trusting `issuers` (written as the issuers file in `dir`), on 127.0.0.1, with
 * `env` added to its environment.
 */
export async function serviceTrustingIssuers(
  dir: string,
  issuers: readonly { iss: string; jwksUrl: string }[],
  env: Record<string, string> = {},
): Promise<RunningService> {
  const issuersFile = join(dir, 'issuers.json');
  writeFileSync(issuersFile, JSON.stringify(issuers));
  const options = optionsFromEnvironment(
    testServiceEnv({
      HOST: '127.0.0.1',
      AUTH: 'on',
      AUTH_LOCAL_ISSUER: 'off',
      AUTH_ISSUERS_FILE: issuersFile,
      PUBLIC_BASE_URL,
      ...env,
    }),
  );
  return startService(options, pino({ level: 'silent' }));
}

/** An example patient-view call, with a fresh token of `iss` signed with `key`. */
export async function callPatientViewAs(
  running: RunningService,
  iss: string,
  key: TestKey,
): Promise<Response> {
  const token = await signToken(key, { iss, aud: `${PUBLIC_BASE_URL}${SERVICE_PATH}` });
  return fetch(running.discoveryUrl.replace('/cds-services', SERVICE_PATH), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(readExampleRequest('emd-skin-at-diagnosis')),
  });
}
