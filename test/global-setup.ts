/**
 * Vitest global setup: one local FHIR server (tools/fhir-server/) with every example
 * patient, for the integration tests (`*.int.test.ts`), which find it with
 * `inject('fhirServerUrl')`.
 */
import type { TestProject } from 'vitest/node';
import { PATHS } from '../src/config/project-paths.js';
import { startFhirServer } from '../tools/fhir-server/fhir-server.js';
import { loadExamplePatients } from '../tools/fhir-server/load-examples.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the local FHIR server, no trailing slash. */
    fhirServerUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startFhirServer();
  try {
    await loadExamplePatients(server, PATHS.examples);
  } catch (error) {
    await server.close();
    throw error;
  }
  project.provide('fhirServerUrl', server.url);
  return () => server.close();
}
