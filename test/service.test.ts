/**
 * The service as `npm start` runs it (startService): it answers, and on shutdown it stops
 * taking new work, says so on /readyz, and finishes the requests already in flight.
 */
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { optionsFromEnvironment } from '../src/config/environment.js';
import { testServiceEnv } from './support/service-env.js';
import { startService, type RunningService } from '../src/service.js';
import request from 'supertest';
import { readExampleRequest, testApp } from './support/app.js';
import { startHeldConditionsServer, type StubFhirServer } from './support/stub-fhir-server.js';

let service: RunningService | undefined;
let fhir: StubFhirServer | undefined;
afterEach(async () => {
  await service?.close();
  await fhir?.close();
  service = undefined;
  fhir = undefined;
});

describe('startService', () => {
  it('finishes an in-flight call after close() begins, then refuses new connections', async () => {
    // The Conditions search is held until release(): the call is in flight at close().
    const held = await startHeldConditionsServer();
    fhir = held.fhir;
    const options = optionsFromEnvironment(
      testServiceEnv({ FHIR_SERVERS: fhir.url, FHIR_TIMEOUT_MS: '10000' }),
    );
    service = await startService(options, pino({ level: 'silent' }));
    const base = service.discoveryUrl;
    expect((await fetch(base)).status).toBe(200);

    const body = readExampleRequest('emd-skin-at-diagnosis');
    delete body.prefetch;
    const inFlight = fetch(`${base}/emd-patient-view`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', connection: 'close' },
      body: JSON.stringify({ ...body, fhirServer: fhir.url }),
    });
    await held.reached;
    const closing = service.close();
    service = undefined;
    held.release();

    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ cards: [] });
    await closing;
    await expect(fetch(base)).rejects.toThrow();
  });
});

describe('/readyz', () => {
  it('answers 503 once shutdown has begun, so the load balancer stops sending', async () => {
    expect((await request(testApp({ isShuttingDown: () => true })).get('/readyz')).status).toBe(
      503,
    );
    expect((await request(testApp()).get('/readyz')).status).toBe(200);
  });
});
