/**
 * `npm run sandbox`: the service and the local FHIR server with the example patients, wired
 * together, for trying the service from a CDS client such as the public CDS Hooks Sandbox
 * (which runs in your browser and calls both on localhost). For local testing only: the FHIR
 * server has no authentication and open CORS.
 */
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { PATHS } from '../src/config/project-paths.js';
import { optionsFromEnvironment } from '../src/config/environment.js';
import { startService } from '../src/service.js';
import { startFhirServer } from './fhir-server/fhir-server.js';
import { loadExamplePatients } from './fhir-server/load-examples.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    'fhir-port': { type: 'string', default: '8080' },
  },
});

const fhir = await startFhirServer({ port: Number(values['fhir-port']) });
const patients = await loadExamplePatients(fhir, PATHS.examples);
const fhirPort = new URL(fhir.url).port;
const port = Number(values.port);
const defaults = optionsFromEnvironment({ ...process.env, PORT: String(port) });
const service = await startService(
  {
    ...defaults,
    corsOrigins: ['https://sandbox.cds-hooks.org', `http://localhost:${String(port)}`],
    // The sandbox sends the fhirServer URL as you typed it: accept both loopback spellings.
    allowedFhirServers: [fhir.url, `http://localhost:${fhirPort}/fhir`],
    // The public sandbox signs its calls with a published key: trust it here, for testing only.
    auth: {
      ...defaults.auth,
      cdsHooksSandbox: { ...defaults.auth.cdsHooksSandbox, enabled: true },
    },
  },
  pino({ level: 'info' }),
);

const sandbox = new URL('https://sandbox.cds-hooks.org/');
sandbox.searchParams.set('fhirServiceUrl', `http://localhost:${fhirPort}/fhir`);
sandbox.searchParams.set('patientId', 'emd-and-cns');
console.log(`
FHIR server (${String(patients.length)} example patients): http://localhost:${fhirPort}/fhir
CDS services (discovery):                 ${service.discoveryUrl}

Public CDS Hooks Sandbox: open ${sandbox.href}
then add the CDS service ${service.discoveryUrl} (gear menu → Add CDS Services).
Patient ids to try: emd-and-cns, leptomeningeal-with-cns, emd-skin-at-diagnosis, paraskeletal-only (list: fhir-resources/examples/README.md).
`);

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    void Promise.all([service.close(), fhir.close()]).then(() => process.exit(0));
  });
