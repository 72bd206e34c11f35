/**
 * Start-up warm-up, before the service listens, so the first hook call after a start does
 * not spend its FHIR time budget on cold paths (issue #14: 1 in 3 fresh starts got a 412):
 * one dry run of an example patient through the rules and card building (first-run
 * compilation of the schemas and rules), and one `/metadata` read per allowed FHIR server
 * (connection and TLS set-up). Neither is fatal: each outcome is logged.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { evaluateBundle } from './cds/dry-run.js';
import { PATHS } from './config/project-paths.js';
import type { ServiceSettings } from './cds/service-settings.js';
import { warmUp as warmUpFhir, type FhirConnections } from './fhir/fhir-connections.js';

/** An example patient with cards on every path a patient-view call takes. */
const WARM_UP_PATIENT = 'emd-and-cns';

export async function warmUpService(args: {
  settings: ServiceSettings;
  fhirServers: readonly string[];
  connections: FhirConnections;
  timeoutMs: number;
  logger: Logger;
}): Promise<void> {
  const { logger } = args;
  const [fhir] = await Promise.all([
    warmUpFhir(args.fhirServers, args.connections, args.timeoutMs),
    dryRun(args.settings).catch((error: unknown) => {
      logger.warn(
        { problem: error instanceof Error ? error.message : String(error) },
        'warm-up dry run failed (the service still starts)',
      );
    }),
  ]);
  for (const { server, ok, outcome } of fhir)
    logger[ok ? 'info' : 'warn']({ fhirServer: server, outcome }, 'FHIR warm-up: GET /metadata');
}

async function dryRun(settings: ServiceSettings): Promise<void> {
  const bundle = JSON.parse(
    readFileSync(join(PATHS.examples, `${WARM_UP_PATIENT}.json`), 'utf8'),
  ) as fhir4.Bundle;
  await evaluateBundle(bundle, settings, {
    hook: 'patient-view',
    patientId: WARM_UP_PATIENT,
    studyId: undefined,
    locale: settings.defaultLocale,
    now: new Date(),
  });
}
