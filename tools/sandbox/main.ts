/**
 * `npm run sandbox`: the service and the local FHIR server with the example patients, wired
 * together, for trying the service from a CDS client such as the public CDS Hooks Sandbox
 * (which runs in your browser and calls both on this machine). For local testing only: the
 * service trusts the Sandbox's published key, and the FHIR server has no authentication and
 * open CORS; both listen on 127.0.0.1 unless `--host` says otherwise. `presandbox` in
 * package.json builds the console and the timeline first, as `prestart` does.
 */
import { pino } from 'pino';
import { PATHS } from '../../src/config/project-paths.js';
import { prepareDataFolder } from '../../src/config/data-folder.js';
import { startService } from '../../src/service.js';
import { startFhirServer } from '../fhir-server/fhir-server.js';
import { loadExamplePatients } from '../fhir-server/load-examples.js';
import { sandboxBanner } from './sandbox-banner.js';
import { sandboxArguments, sandboxRefusal, sandboxSetup } from './sandbox-options.js';

const refusal = sandboxRefusal(process.env);
if (refusal !== undefined) {
  console.error(refusal);
  process.exit(1);
}
const { port, fhirPort, host } = sandboxArguments(process.argv.slice(2), process.env);
const logger = pino({ level: 'info' });
const fhir = await startFhirServer({ port: fhirPort, host });
const patients = await loadExamplePatients(fhir, PATHS.examples);
const { options, configFile, warning } = sandboxSetup(process.env, {
  port,
  host,
  fhirUrl: fhir.url,
});
prepareDataFolder(options.dataDir);
logger.warn(warning);
const service = await startService(options, logger, configFile);
console.log(sandboxBanner({ discoveryUrl: service.discoveryUrl, fhirUrl: fhir.url, patients }));

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    void Promise.all([service.close(), fhir.close()]).then(() => process.exit(0));
  });
