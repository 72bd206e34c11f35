/**
 * A Bulk Data export folder as the backtest's patient source: DuckDB groups the NDJSON by
 * patient (./ndjson-source.ts), and what it could not count (malformed lines, resources
 * without a patient, other types) is reported with the results.
 */
import { openNdjsonSource } from './ndjson-source.js';
import type { PatientSource } from './run-backtest.js';

export async function openExportSource(
  dir: string,
  options: { memoryLimit: string; threads: number },
): Promise<PatientSource> {
  const ndjson = await openNdjsonSource(dir, options);
  const { summary } = ndjson;
  return {
    total: summary.patients,
    patients: () => ndjson.patients(),
    close: () => {
      ndjson.close();
    },
    input: () => ({
      source: dir,
      resources: summary.resources,
      malformedLines: summary.malformedLines,
      malformed: summary.malformed,
      withoutPatient: summary.withoutPatient,
      otherTypes: summary.otherTypes,
      patientsNotRead: [],
    }),
  };
}
