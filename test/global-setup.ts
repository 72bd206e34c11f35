/**
 * Vitest global setup:
 * - builds the service, the CLI and the browser apps once (`npm run build`, as `npm start`
 *   does first), so the tests that start them as processes run what a deployment runs and
 *   pay node's start, not tsx's compile of the sources (test/support/built.ts);
 * - starts one local FHIR server (tools/fhir-server/) with every example patient, for the
 *   integration tests (`*.int.test.ts`), which find it with `inject('fhirServerUrl')`.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { PATHS, PROJECT_ROOT } from '../src/config/project-paths.js';
import { startFhirServer } from '../tools/fhir-server/fhir-server.js';
import { loadExamplePatients } from '../tools/fhir-server/load-examples.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the local FHIR server, no trailing slash. */
    fhirServerUrl: string;
  }
}

/** The build's compile is incremental (tsconfig.build.json): seconds when nothing changed. */
async function build(): Promise<void> {
  try {
    await promisify(execFile)('npm', ['run', '-s', 'build'], {
      cwd: PROJECT_ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(
      `npm run build failed, so no test can start the built service:\n${stdout}${stderr}`,
      { cause: error },
    );
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [server] = await Promise.all([startFhirServer(), build()]);
  try {
    await loadExamplePatients(server, PATHS.examples);
  } catch (error) {
    await server.close();
    throw error;
  }
  project.provide('fhirServerUrl', server.url);
  return () => server.close();
}
