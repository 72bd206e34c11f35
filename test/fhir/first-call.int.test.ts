/**
 * Issue #14, "FHIR reliability": the first hook call after a start must get its cards from
 * the FHIR server, within the default time budget, against a server that has just started
 * too — over plain http on loopback and over TLS with a certificate the service trusts only
 * through its configuration (fhir.caFiles / FHIR_CA_FILES). Connections are kept and reused
 * across calls.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { DEFAULT_CONFIG } from '../../src/config/config-schema.js';
import { serviceOptions } from '../../src/config/environment.js';
import { PATHS } from '../../src/config/project-paths.js';
import { startService, type RunningService } from '../../src/service.js';
import { startFhirServer, type LocalFhirServer } from '../../tools/fhir-server/fhir-server.js';
import { loadExamplePatients } from '../../tools/fhir-server/load-examples.js';
import { expectValidHookResponse, readExampleRequest } from '../support/app.js';
import { makeTestCa, type TestCa } from '../support/test-ca.js';

let dir: string;
let ca: TestCa;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'emd-cds-first-call-'));
  // A CA of the test's own and the loopback server's certificate it signed, as a hospital's.
  ca = makeTestCa(dir);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let fhir: LocalFhirServer | undefined;
let service: RunningService | undefined;
afterEach(async () => {
  await service?.close();
  await fhir?.close();
  service = undefined;
  fhir = undefined;
});

/** The service as `npm start` builds it, with the default time budget; auth off for brevity. */
async function startServiceFor(fhirServer: string, env: NodeJS.ProcessEnv = {}) {
  const options = serviceOptions(DEFAULT_CONFIG, {
    PORT: '0',
    HOST: '127.0.0.1',
    AUTH: 'off',
    LOG_LEVEL: 'silent',
    EMD_CDS_SQLITE_FILE: join(dir, `${randomBytes(4).toString('hex')}.sqlite`),
    EMD_CDS_AUDIT_SECRET: randomBytes(32).toString('base64'),
    FHIR_SERVERS: fhirServer,
    ...env,
  });
  return startService(options, pino({ level: 'silent' }));
}

async function callWithoutPrefetch(running: RunningService, fhirServer: string) {
  const body = readExampleRequest('emd-and-cns');
  delete body.prefetch;
  const response = await fetch(`${running.discoveryUrl}/emd-patient-view`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, fhirServer }),
  });
  return { status: response.status, body: await response.json() };
}

const rulesOf = (body: unknown) =>
  expectValidHookResponse(body).cards.map((c) => [
    c.extension?.[CARD_EXTENSION.ruleId],
    c.indicator,
  ]);

// Loading every example patient and starting the service take seconds on a busy machine;
// the hook calls themselves have only the service's own budget (FHIR_TIMEOUT_MS default).
describe('the first hook call after a start', { timeout: 60_000 }, () => {
  it('gets its cards from a FHIR server that has just started (http on loopback)', async () => {
    fhir = await startFhirServer();
    await loadExamplePatients(fhir, PATHS.examples);
    service = await startServiceFor(fhir.url);
    const first = await callWithoutPrefetch(service, fhir.url);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(rulesOf(first.body)).toEqual([
      ['emd-cns', 'critical'],
      ['emd-soft-tissue', 'warning'],
    ]);
  });

  it('gets its cards over TLS from a server whose CA is in FHIR_CA_FILES, reusing the connection', async () => {
    fhir = await startFhirServer({ tls: ca.server });
    await loadExamplePatients(fhir, PATHS.examples);
    service = await startServiceFor(fhir.url, { FHIR_CA_FILES: ca.caFile });
    const first = await callWithoutPrefetch(service, fhir.url);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(rulesOf(first.body)).toEqual([
      ['emd-cns', 'critical'],
      ['emd-soft-tissue', 'warning'],
    ]);
    const second = await callWithoutPrefetch(service, fhir.url);
    expect(second.status).toBe(200);
    // The warm-up's connection served both calls' reads (three queries each, in parallel, so
    // the pool may open a few); a client per call would open new ones every time.
    const afterTwo = fhir.connectionCount();
    await callWithoutPrefetch(service, fhir.url);
    expect(fhir.connectionCount()).toBe(afterTwo);
  });

  it('refuses a TLS server whose certificate it was not told to trust (412, not a crash)', async () => {
    fhir = await startFhirServer({ tls: ca.server });
    await loadExamplePatients(fhir, PATHS.examples);
    service = await startServiceFor(fhir.url);
    const first = await callWithoutPrefetch(service, fhir.url);
    expect(first.status).toBe(412);
    expect(JSON.stringify(first.body)).toMatch(/could not be reached/);
  });
});
