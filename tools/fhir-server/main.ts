/**
 * Starts the local FHIR test server with the example patients, for trying the service with
 * a CDS client: `npx tsx tools/fhir-server/main.ts [--port 8080] [--host 127.0.0.1]`.
 * For local testing only (no authentication, open CORS); stops on Ctrl-C.
 */
import { PATHS } from '../../src/config/project-paths.js';
import { startFhirServer } from './fhir-server.js';
import { loadExamplePatients } from './load-examples.js';
import { exitWithUsage, parseScriptArgs } from '../script-args.js';

const USAGE = 'npm run fhir-server -- [--port 8080] [--host 127.0.0.1]';
const { values } = parseScriptArgs(USAGE, {
  options: {
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  exitWithUsage(USAGE, `--port must be a port number, got ${values.port}`);
}

const started = performance.now();
const server = await startFhirServer({ port, host: values.host }).catch((error: unknown) => {
  console.error(`cannot start the FHIR server on ${values.host}:${port}: ${String(error)}`);
  process.exit(1);
});
const patientIds = await loadExamplePatients(server, PATHS.examples);
const ms = Math.round(performance.now() - started);
console.log(
  `FHIR R4 test server at ${server.url} with ${patientIds.length} example patients (ready in ${ms} ms)`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
