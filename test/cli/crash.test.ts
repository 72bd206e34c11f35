/**
 * A command that crashes (an uncaught exception, an unhandled rejection) ends `emd-cds` with
 * status 1 and one line on stderr, its type and message, the stack's frames under it; never
 * the error's other properties. Node's own handler printed the error through util.inspect: a
 * fhir-kit-client error's request headers (the token) and response body (patient data).
 *
 * The CLI crashes on cue without a way in the CLI to make it: a module the test writes is
 * preloaded (NODE_OPTIONS=--import) and crashes `emd-cds discovery` as soon as the command
 * writes its output, as test/crash-exit.test.ts does for the service.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { removeScratch, runCli, scratch } from '../backtest/run-cli.js';

const CLI_TIMEOUT_MS = 60_000;
/**
 * A token and patient data that must never be printed (docs/security.md, "What is logged").
 * The preload builds them from parts: Node's own handler also prints the source line that
 * threw, and what this test looks for is the error's properties, which it printed too.
 */
const TOKEN = 'cli-crash-probe-token';
const PATIENT = 'Probename';
const PARTS = `const token = 'Bearer ' + ['cli-crash', 'probe-token'].join('-');
const patient = ['Probe', 'name'].join('');`;

/** A preload module that runs `crash` (JavaScript) once the command writes to stdout. */
function preload(crash: string): string {
  const file = join(scratch('emd-cds-cli-crash-'), `crash-${randomBytes(4).toString('hex')}.mjs`);
  writeFileSync(
    file,
    `${PARTS}
const write = process.stdout.write;
let armed = true;
process.stdout.write = function (...args) {
  if (armed) {
    armed = false;
    queueMicrotask(() => { ${crash} });
  }
  return write.apply(this, args);
};
`,
  );
  return file;
}

/** As fhir-kit-client builds a failed call's error (dist/http-client.js, buildResponseError). */
const clientError = `Object.assign(new Error('HTTP 500: GET https://fhir.example/Patient/p1'), {
  response: { status: 500, data: { resourceType: 'Patient', name: [{ family: patient }] } },
  config: { headers: { authorization: token } },
})`;
/** fhir-kit-client's other failures are plain objects, not Errors: the whole body, say. */
const plainObject = `({ resourceType: 'Patient', name: [{ family: patient }], token })`;

describe('a crash of an emd-cds command', { timeout: CLI_TIMEOUT_MS }, () => {
  afterAll(removeScratch);

  const cases: [string, string, string][] = [
    [
      'an uncaught exception',
      `throw ${clientError};`,
      'emd-cds: uncaught exception, the command ends: Error: HTTP 500: GET https://fhir.example/Patient/p1',
    ],
    [
      'an unhandled rejection',
      `void Promise.reject(${clientError});`,
      'emd-cds: unhandled rejection, the command ends: Error: HTTP 500: GET https://fhir.example/Patient/p1',
    ],
    [
      'a thrown object that is not an Error',
      `throw ${plainObject};`,
      'emd-cds: uncaught exception, the command ends: object: not an Error',
    ],
  ];
  it.each(cases)(
    'on %s: one line with its type and message, status 1, no token or patient data',
    async (_name, crash, line) => {
      const run = await runCli(['discovery'], {
        NODE_OPTIONS: `--import=${pathToFileURL(preload(crash)).href}`,
      });
      expect(run.status).toBe(1);
      for (const output of [run.stdout, run.stderr]) {
        expect(output).not.toContain(TOKEN);
        expect(output).not.toContain(PATIENT);
      }
      const [first, ...rest] = run.stderr.trimEnd().split('\n');
      expect(first).toBe(line);
      // The rest are the stack's frames (code locations), if the error had any.
      for (const frame of rest) expect(frame).toMatch(/^ {4}at /);
    },
  );
});
