/**
 * `emd-cds evaluate` takes the patient (and, for imaging-review, the study) from the Bundle
 * file or from `--patient` / `--study`, and reads each id as the hook reads the id it becomes
 * (H110: letters, digits, "-", ".", "_" or "~"). An id it refuses is named where the user gave
 * it, the file's entry or the option, never as `context.patientId` of the hook call the dry run
 * builds, a field the user never wrote.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeScratch, runCli, scratch } from '../backtest/run-cli.js';

const CLI_TIMEOUT_MS = 60_000;
const MUST_BE_AN_ID = 'must be an id: letters, digits, "-", ".", "_" or "~"';

function bundleFile(bundle: object): string {
  const file = join(scratch('emd-cds-ids-'), 'patient.json');
  writeFileSync(file, JSON.stringify(bundle));
  return file;
}

const patient = (id: string) => ({ resource: { resourceType: 'Patient', id } });
const study = (id: string) => ({
  resource: {
    resourceType: 'ImagingStudy',
    id,
    status: 'available',
    subject: { reference: 'Patient/p1' },
  },
});

describe('emd-cds evaluate of an id the hook would refuse', { timeout: CLI_TIMEOUT_MS }, () => {
  afterAll(removeScratch);

  it("names the file and the entry of the Bundle's Patient", async () => {
    const file = bundleFile({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ resource: { resourceType: 'Basic', id: 'b1' } }, patient('p 1')],
    });
    const run = await runCli(['evaluate', file, '--now', '2026-11-01']);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `${file}: entry[1].resource.id, the Bundle's Patient: ${MUST_BE_AN_ID}\n`,
    );
  });

  it("names the file and the Bundle's id when it stands for the patient", async () => {
    const file = bundleFile({ resourceType: 'Bundle', id: 'p?1', type: 'collection', entry: [] });
    const run = await runCli(['evaluate', file, '--now', '2026-11-01']);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `${file}: id, the Bundle's id, taken as the patient's as it holds no single Patient: ${MUST_BE_AN_ID}\n`,
    );
  });

  it("names the file and the entry of the Bundle's ImagingStudy under imaging-review", async () => {
    const file = bundleFile({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [patient('p1'), study('s 1')],
    });
    const run = await runCli(['evaluate', file, '--hook', 'imaging-review', '--now', '2026-11-01']);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `${file}: entry[1].resource.id, the Bundle's ImagingStudy: ${MUST_BE_AN_ID}\n`,
    );
  });

  it('names --patient and --study when the id given there is refused, as a usage error', async () => {
    const file = bundleFile({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [patient('p1'), study('s1')],
    });
    for (const option of ['--patient', '--study']) {
      const run = await runCli(['evaluate', file, '--hook', 'imaging-review', option, 'x y']);
      expect([option, run.status]).toEqual([option, 2]);
      expect(run.stderr.split('\n')[0]).toBe(`${option} ${MUST_BE_AN_ID}`);
    }
  });
});
