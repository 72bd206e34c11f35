/**
 * Shutdown with a keep-alive client (docs/security.md §6, "Shutdown"): the listener closes
 * and the calls in flight finish, so the connection a call was in flight on must close after
 * its answer. RFC 9112 §9.6: a server that sends `Connection: close` closes the connection
 * after that response, and the client sends nothing more on it. Without it, an EHR that keeps
 * calling on one connection had its next calls served after shutdown began, until the grace
 * period cut the calls then in flight (seen with 16 keep-alive callers under SIGTERM: calls
 * served for the whole 10 s, then some reset mid-call and some answered 503 with the store
 * already closed).
 */
import { Agent, request as httpRequest } from 'node:http';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { optionsFromEnvironment } from '../src/config/environment.js';
import { startService, type RunningService } from '../src/service.js';
import { readExampleRequest } from './support/app.js';
import { testServiceEnv } from './support/service-env.js';
import { startHeldConditionsServer, type StubFhirServer } from './support/stub-fhir-server.js';

interface Outcome {
  status?: number;
  connection?: string | undefined;
  error?: string;
}

/** POSTs `body` to `url` through `agent`; the status and Connection header, or the error code. */
function post(url: string, body: unknown, agent: Agent | false): Promise<Outcome> {
  return new Promise((resolve) => {
    const call = httpRequest(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      (response) => {
        response.resume();
        response.on('end', () => {
          resolve({ status: response.statusCode, connection: response.headers.connection });
        });
      },
    );
    call.on('error', (error: NodeJS.ErrnoException) => {
      resolve({ error: error.code ?? error.message });
    });
    call.end(JSON.stringify(body));
  });
}

/** Resolves once a new connection to `url` is refused: the listener has closed. */
async function listenerClosed(url: string): Promise<void> {
  for (let tries = 0; tries < 200; tries += 1) {
    if ((await post(url, {}, false)).error === 'ECONNREFUSED') return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${url} still accepts connections`);
}

let service: RunningService | undefined;
let fhir: StubFhirServer | undefined;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
afterEach(async () => {
  await service?.close();
  await fhir?.close();
  service = undefined;
  fhir = undefined;
});

describe('shutdown with a keep-alive client', () => {
  it('closes the connection after the call in flight, so the next call is refused, not served', async () => {
    // The Conditions search is held until release(): the call is in flight at close().
    const heldFhir = await startHeldConditionsServer();
    fhir = heldFhir.fhir;
    service = await startService(
      optionsFromEnvironment(testServiceEnv({ FHIR_SERVERS: fhir.url, FHIR_TIMEOUT_MS: '10000' })),
      pino({ level: 'silent' }),
    );
    const url = `${service.discoveryUrl}/emd-patient-view`;
    const held = readExampleRequest('emd-skin-at-diagnosis');
    delete held.prefetch;

    // One socket: the second call waits for the first one's connection, as a keep-alive EHR's.
    const inFlight = post(url, { ...held, fhirServer: fhir.url }, agent);
    await heldFhir.reached;
    const next = post(url, readExampleRequest('emd-skin-at-diagnosis'), agent);
    const closing = service.close();
    service = undefined;
    await listenerClosed(url);
    heldFhir.release();

    expect(await inFlight).toEqual({ status: 200, connection: 'close' });
    expect(await next).toEqual({ error: 'ECONNREFUSED' });
    // Nothing is left open for the grace period to cut.
    const closedWithin = await Promise.race([
      closing.then(() => 'closed'),
      new Promise((resolve) => setTimeout(resolve, 2000, 'still open after 2 s')),
    ]);
    expect(closedWithin).toBe('closed');
  });
});
