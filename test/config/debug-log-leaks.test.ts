/**
 * "Never logged: … query strings" (docs/security.md §2.5) under the libraries' debug log too.
 * A SMART launch opens the timeline at `launch.html?iss=…&launch=…&patient=<id>` and the EHR's
 * authorization server sends it back to `index.html?code=…&state=…` (SMART App Launch 2.0
 * §"App Launch"): a patient id and an OAuth authorization code in the query. Each DEBUG
 * setting the docs name is tried on the built service with NODE_ENV=production: either the
 * start is refused naming DEBUG, or those two calls leave neither value in its output.
 * `*,-fhir-kit-client:*` (once the docs' way to debug "other libraries") started and printed
 * both, through express's router (`router dispatching GET /timeline/launch.html?…`).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startBuiltService } from '../support/built.js';

const DEADLINE_MS = 30_000;
const PATIENT = 'patient-id-7c1d9e';
const CODE = 'oauth-code-5b2f41';
const LAUNCH = 'launch-ctx-93aa07';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'emd-cds-debug-log-'));
  writeFileSync(
    join(dir, 'issuers.json'),
    JSON.stringify([
      { iss: 'https://ehr.hospital.example', jku: ['https://ehr.hospital.example/jwks.json'] },
    ]),
  );
});

/** The service's whole output with `debug`, after the two launch calls; or its refusal. */
async function outputWith(debug: string): Promise<{ code: number | null; output: string }> {
  const child = startBuiltService({
    NODE_ENV: 'production',
    DEBUG: debug,
    PORT: '0',
    HOST: '127.0.0.1',
    METRICS_PORT: '0',
    PUBLIC_BASE_URL: 'https://cds.hospital.internal',
    LOG_LEVEL: 'trace',
    AUTH_ISSUERS_FILE: join(dir, 'issuers.json'),
    EMD_CDS_DATA_DIR: mkdtempSync(join(dir, 'data-')),
  });
  let output = '';
  const listening = new Promise<string | undefined>((resolve) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /"port":(\d+),"configHash"/.exec(output)?.[1];
      if (port !== undefined) resolve(port);
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', () => {
      resolve(undefined);
    });
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const port = await listening;
  if (port === undefined) return { code: await exited, output };
  const base = `http://127.0.0.1:${port}/timeline`;
  const iss = encodeURIComponent('https://ehr.hospital.example/fhir');
  await fetch(`${base}/launch.html?iss=${iss}&launch=${LAUNCH}&patient=${PATIENT}`);
  await fetch(`${base}/index.html?code=${CODE}&state=s1`);
  child.kill('SIGTERM');
  return { code: await exited, output };
}

describe('DEBUG under NODE_ENV=production', () => {
  // docs/security.md §8 and §9 name these; `*` and fhir-kit-client's own are refused there.
  const settings = [
    '*',
    'fhir-kit-client:*',
    '*,-fhir-kit-client:*',
    'router',
    'express:*',
    '*,-fhir-kit-client:*,-router',
  ];
  for (const debug of settings)
    it(
      `DEBUG=${debug} is refused, or logs no patient id, launch or OAuth code from a query`,
      async () => {
        const { code, output } = await outputWith(debug);
        if (code === 1) {
          expect(output).toContain('"setting":"DEBUG"');
          return;
        }
        expect(output).toContain('listening on');
        expect([PATIENT, CODE, LAUNCH].filter((value) => output.includes(value))).toEqual([]);
      },
      DEADLINE_MS,
    );
});
