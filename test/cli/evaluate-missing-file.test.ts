/**
 * `emd-cds evaluate` of a patient file that cannot be read says so as the config file and its
 * data files are said (`file: cannot be read (ENOENT)`, test/config/config-file.test.ts), not
 * with Node's own "ENOENT: no such file or directory, open '…'".
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeScratch, runCli, scratch } from '../backtest/run-cli.js';

const CLI_TIMEOUT_MS = 60_000;

describe('emd-cds evaluate of a file that cannot be read', { timeout: CLI_TIMEOUT_MS }, () => {
  afterAll(removeScratch);

  it('names a missing file and the reason, as the config loader does', async () => {
    const file = join(scratch('emd-cds-missing-'), 'no-such-patient.json');
    const run = await runCli(['evaluate', file, '--now', '2026-11-01']);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`${file}: cannot be read (ENOENT)\n`);
  });

  it('names a folder given for the file, and the reason', async () => {
    const folder = join(scratch('emd-cds-missing-'), 'patients');
    mkdirSync(folder);
    const run = await runCli(['evaluate', folder, '--now', '2026-11-01']);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`${folder}: cannot be read (EISDIR)\n`);
  });
});
