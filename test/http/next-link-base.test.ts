/**
 * H121: a FHIR server whose `next` links spell its base otherwise than fhirServer (here
 * `localhost` for `127.0.0.1`) gives 412 for a patient with more than one page of Conditions.
 * Refusing the link stays (the token would go with it); the 412 and the service's warn log
 * line now say where the links lead and where fhirServer is, and what to fix, never the
 * link's query (patient ids). The service as `npm start` builds it (startService), so the
 * log line is the one an operator reads.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { optionsFromEnvironment } from '../../src/config/environment.js';
import { startService, type RunningService } from '../../src/service.js';
import { readExampleRequest } from '../support/app.js';
import { jsonLogLines, capturingLogger } from '../support/logs.js';
import { testServiceEnv } from '../support/service-env.js';
import {
  searchset,
  serveExamplePatient,
  type StubFhirServer,
} from '../support/stub-fhir-server.js';

const PATIENT = 'emd-skin-at-diagnosis';
let service: RunningService | undefined;
let fhir: StubFhirServer | undefined;
afterEach(async () => {
  await service?.close();
  await fhir?.close();
  service = undefined;
  fhir = undefined;
});

describe('a FHIR server whose next links name another spelling of its base', () => {
  it('gets 412 naming both bases and what to fix, and a warn line saying the same', async () => {
    let nextLink = '';
    fhir = await serveExamplePatient(PATIENT, {
      Condition: {
        get body() {
          return searchset([], nextLink);
        },
      },
    });
    const port = new URL(fhir.url).port;
    nextLink = `http://localhost:${port}/fhir/Condition?patient=${PATIENT}&_getpages=secret-page`;
    const { logger, log } = capturingLogger('info');
    service = await startService(
      optionsFromEnvironment(testServiceEnv({ FHIR_SERVERS: fhir.url })),
      logger,
    );
    const body = readExampleRequest(PATIENT);
    delete body.prefetch;
    const answer = await fetch(`${service.discoveryUrl}/emd-patient-view`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...body,
        fhirServer: fhir.url,
        fhirAuthorization: {
          access_token: 'ehr-access-token',
          token_type: 'Bearer',
          expires_in: 300,
          scope: 'patient/*.read',
          subject: 'emd-cds',
        },
      }),
    });

    const where = `the server's next links are under http://localhost:${port}/fhir, not fhirServer http://127.0.0.1:${port}/fhir: make the server's base URL match`;
    expect(answer.status).toBe(412);
    const outcome = (await answer.json()) as { issue: { diagnostics: string }[] };
    expect(outcome.issue.map((issue) => issue.diagnostics)).toContainEqual(
      `prefetch.conditions (Condition?patient={{context.patientId}}) could not be obtained: Condition search continues on another server, which is not called (the token would go with it): ${where}`,
    );
    const warnings = jsonLogLines<{ level: number; msg: string; nextLink?: string }>(log()).filter(
      (line) => line.level === 40 && line.nextLink !== undefined,
    );
    expect(warnings.map((line) => [line.msg, line.nextLink])).toEqual([
      [`a FHIR server's next link was not followed, as it leads off fhirServer: ${where}`, where],
    ]);
    expect(log()).not.toMatch(/secret-page|ehr-access-token/);
    // The link was not followed: the token went nowhere else.
    expect(fhir.requests.filter((r) => r.path.includes('_getpages'))).toEqual([]);
  });
});
