/**
 * `emd-cds evaluate` of a patient file that is not JSON names the file, line and column, as a
 * configuration's files are named (docs/configuring.md §1), rather than V8's message alone,
 * which on Node 20 says nothing of where for "Unexpected end of JSON input" or an unexpected
 * token and gives an offset in characters otherwise. Positions are counted by hand off the texts below.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeScratch, runCli, scratch } from '../backtest/run-cli.js';

const CLI_TIMEOUT_MS = 60_000;

function patientFile(text: string): string {
  const file = join(scratch('emd-cds-bad-json-'), 'patient.json');
  writeFileSync(file, text);
  return file;
}

describe('emd-cds evaluate of a file that is not JSON', { timeout: CLI_TIMEOUT_MS }, () => {
  afterAll(removeScratch);

  const cases: [string, string, string][] = [
    [
      'a file cut short is named at its end',
      '{\n  "resourceType": "Bundle",\n  "type": "collection",\n  "entry": [',
      ':4:13 Unexpected end of JSON input',
    ],
    [
      'a comma after the last entry is named where the next key was expected',
      '{\n  "resourceType": "Bundle",\n  "type": "collection",\n}\n',
      ':4:1 Expected double-quoted property name',
    ],
    [
      // V8 gives no position for it: the service finds it (src/json-syntax-offset.ts).
      'a name not in quotes is not quoted back, and is named at its first letter',
      '{\n  "resourceType": "Bundle",\n  "entry": [{ "resource": { "name": [{ "family": Doe }] } }]\n}\n',
      ":3:50 Unexpected token 'D': not valid JSON",
    ],
  ];
  it.each(cases)('%s', async (_name, text, where) => {
    const file = patientFile(text);
    const run = await runCli(['evaluate', file, '--now', '2026-11-01']);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`${file}${where}\n`);
  });
});
