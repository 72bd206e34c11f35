/**
 * Vitest global setup:
 * - builds the service, the CLI and the browser apps once, with `npm run build`'s two steps
 *   (as `npm start` does first), so the tests that start them as processes run what a
 *   deployment runs and pay node's start, not tsx's compile of the sources
 *   (test/support/built.ts), and the browser tests serve dist/web;
 * - starts one local FHIR server (tools/fhir-server/) with every example patient, for the
 *   integration tests (`*.int.test.ts`), which find it with `inject('fhirServerUrl')`.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
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

const run = promisify(execFile);

/**
 * `npm run build`'s two steps side by side (each runs on one core), the compile with
 * `--noCheck`: the same JavaScript (tsc's output does not depend on its type check), 10 s of
 * CPU instead of 22 s on a fresh clone, since `npm test` type-checks first (`npm run check`).
 * The compile is incremental (tsconfig.build.json): seconds when nothing changed.
 */
async function build(): Promise<void> {
  const tsc = join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const options = { cwd: PROJECT_ROOT, maxBuffer: 16 * 1024 * 1024 };
  try {
    await Promise.all([
      run(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--noCheck'], options),
      run('npm', ['run', '-s', 'build:web'], options),
    ]);
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(
      `the build failed, so no test can start the built service:\n${stdout}${stderr}`,
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
