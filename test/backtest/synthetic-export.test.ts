/**
 * `emd-cds export-synthetic` (issue #17): deterministic Bulk-Data-shaped NDJSON, one or more
 * files per resource type, a realistic mix in which most patients have no myeloma.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSyntheticExport } from '../../src/backtest/synthetic-export.js';
import { removeScratch, scratch } from './run-cli.js';

const NOW = new Date('2026-11-01T00:00:00Z');

function exportOf(seed: number): Record<string, string> {
  const out = scratch('emd-cds-synthetic-');
  writeSyntheticExport({ patients: 300, out, seed, now: NOW, gzip: false });
  return Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(join(out, f), 'utf8')]));
}

describe('export-synthetic', () => {
  afterAll(removeScratch);
  const first = exportOf(7);

  it('writes one NDJSON file per resource type the rules read', () => {
    expect(Object.keys(first).sort()).toEqual([
      'Condition.001.ndjson',
      'DiagnosticReport.001.ndjson',
      'ImagingStudy.001.ndjson',
      'Patient.001.ndjson',
    ]);
    const patients = (first['Patient.001.ndjson'] ?? '').trim().split('\n');
    expect(patients).toHaveLength(300);
    for (const line of patients)
      expect(JSON.parse(line)).toMatchObject({ resourceType: 'Patient' });
  });

  it('gives the same files for the same seed, and others for another seed', () => {
    expect(exportOf(7)).toEqual(first);
    expect(exportOf(8)).not.toEqual(first);
  });

  it('gives most patients no myeloma (SNOMED 109989006 is the synthetic myeloma code)', () => {
    const myeloma = (first['Condition.001.ndjson'] ?? '')
      .split('\n')
      .filter((line) => line.includes('"109989006"')).length;
    expect(myeloma).toBeGreaterThan(0);
    expect(myeloma).toBeLessThan(300 / 10);
  });
});
