/**
 * `npm run examples`: writes cds-hooks/examples/patient-view/<patient>.json from every
 * fhir-resources/examples/<patient>.json. `--check` only reports files that are out of date
 * (the tests run the same comparison).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PATHS, PROJECT_ROOT } from '../src/config/project-paths.js';
import { buildPatientViewRequest } from './example-requests.js';

const outDir = join(PROJECT_ROOT, 'cds-hooks', 'examples', 'patient-view');
const checkOnly = process.argv.includes('--check');
let stale = 0;

for (const name of readdirSync(PATHS.examples)
  .filter((n) => n.endsWith('.json'))
  .sort()) {
  const bundle = JSON.parse(readFileSync(join(PATHS.examples, name), 'utf8')) as fhir4.Bundle;
  const text = `${JSON.stringify(buildPatientViewRequest(bundle), null, 2)}\n`;
  const target = join(outDir, name);
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // not generated yet
  }
  if (current === text) continue;
  stale += 1;
  if (checkOnly) console.error(`out of date: ${target}`);
  else writeFileSync(target, text);
}
console.log(
  checkOnly
    ? `${String(stale)} example request(s) out of date`
    : `wrote ${String(stale)} example request(s) to ${outDir}`,
);
process.exitCode = checkOnly && stale > 0 ? 1 : 0;
