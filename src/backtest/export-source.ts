/**
 * A Bulk Data export folder as the backtest's patient source: DuckDB groups the NDJSON by
 * patient (./ndjson-source.ts), and what it could not count (malformed lines, resources
 * without a patient, other types) is reported with the results. A folder without NDJSON may
 * hold FHIR Bundles (.json) instead: they are written out as NDJSON first (./bundle-files.ts)
 * and grouped the same way.
 */
import { rmSync } from 'node:fs';
import { bundlesAsNdjson } from './bundle-files.js';
import { filesIn, openNdjsonFiles, SourceError, type NdjsonSource } from './ndjson-source.js';
import type { PatientSource } from './run-backtest.js';

export async function openExportSource(
  dir: string,
  options: { memoryLimit: string; threads: number },
): Promise<PatientSource> {
  const ndjson = await openFolder(dir, options);
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

/** NDJSON if the folder has any (an export's manifest .json is then not a Bundle to read). */
async function openFolder(
  dir: string,
  options: { memoryLimit: string; threads: number },
): Promise<NdjsonSource> {
  const ndjsonFiles = filesIn(dir, ['.ndjson', '.ndjson.gz']);
  if (ndjsonFiles.length > 0) return openNdjsonFiles(ndjsonFiles, options);
  const bundleFiles = filesIn(dir, ['.json']);
  if (bundleFiles.length === 0)
    throw new SourceError(
      `${dir}: no .ndjson or .ndjson.gz file (a FHIR Bulk Data export) and no .json file (FHIR Bundles)`,
    );
  const bundles = bundlesAsNdjson(bundleFiles);
  let source: NdjsonSource;
  try {
    source = await openNdjsonFiles([bundles.file], { ...options, scratch: bundles.scratch });
  } catch (error) {
    rmSync(bundles.scratch, { recursive: true, force: true });
    throw error;
  }
  // What the Bundles could not give is said as a malformed line is, by file (and entry).
  const { summary } = source;
  summary.malformedLines += bundles.malformedCount;
  summary.malformed.unshift(...bundles.malformed);
  return source;
}
