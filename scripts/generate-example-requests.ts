/**
 * `npm run examples`: writes every example request under cds-hooks/examples/ from the
 * example patients in fhir-resources/examples/, and removes requests whose patient or study
 * is gone. `--check` only reports what is out of date (the tests run the same comparison).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { PATHS, PROJECT_ROOT } from '../src/config/project-paths.js';
import { buildExampleRequests } from './example-requests.js';
import { parseScriptArgs } from '../tools/script-args.js';

const outDir = join(PROJECT_ROOT, 'cds-hooks', 'examples');
const { values } = parseScriptArgs(
  'npm run examples [-- --check] (writes cds-hooks/examples/; --check only reports what is out of date)',
  { options: { check: { type: 'boolean', default: false } } },
);
const checkOnly = values.check;

const wanted = new Map<string, string>();
for (const name of readdirSync(PATHS.examples)
  .filter((n) => n.endsWith('.json'))
  .sort()) {
  const bundle = JSON.parse(readFileSync(join(PATHS.examples, name), 'utf8')) as fhir4.Bundle;
  for (const { path, request } of buildExampleRequests(bundle))
    wanted.set(path, `${JSON.stringify(request, null, 2)}\n`);
}

const existing = readdirSync(outDir, { recursive: true, encoding: 'utf8' }).filter((p) =>
  p.endsWith('.json'),
);
let changes = 0;
for (const path of existing.filter((p) => !wanted.has(p))) {
  changes += 1;
  if (checkOnly) console.error(`stale: ${path}`);
  else rmSync(join(outDir, path));
}
for (const [path, text] of wanted) {
  const target = join(outDir, path);
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // not generated yet
  }
  if (current === text) continue;
  changes += 1;
  if (checkOnly) {
    console.error(`out of date: ${relative(PROJECT_ROOT, target)}`);
  } else {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
}
console.log(
  checkOnly
    ? `${String(changes)} example request(s) out of date`
    : `${String(changes)} example request(s) written or removed under ${outDir}`,
);
process.exitCode = checkOnly && changes > 0 ? 1 : 0;
