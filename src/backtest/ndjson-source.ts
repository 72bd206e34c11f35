/**
 * A FHIR Bulk Data export ($export output: NDJSON files per resource type, plain or .gz) read
 * and grouped by patient with DuckDB, which reads the files itself and spills to disk, so a
 * population larger than memory can be grouped (issue #17). Each line is classified once:
 * a resource of a type the rules read with its patient, another type (not read), no patient
 * reference (counted apart) or malformed (reported with file:line, skipped, counted).
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { findMalformedLines, type MalformedLine } from './malformed-lines.js';
import type { PatientLines } from './worker-messages.js';

/** The resource types the rules read (src/rules/patient-record.ts). */
const TYPES_READ = ['Patient', 'Condition', 'ImagingStudy', 'DiagnosticReport'];

export interface NdjsonSummary {
  files: string[];
  /** Non-blank lines read. */
  lines: number;
  /** Resources of the types the rules read, with a patient. */
  resources: number;
  malformedLines: number;
  /** The first malformed lines, by file:line (all are counted in malformedLines). */
  malformed: MalformedLine[];
  withoutPatient: number;
  otherTypes: number;
  patients: number;
}

export interface NdjsonSource {
  summary: NdjsonSummary;
  /** The patients in id order, one at a time, each with all its resources. */
  patients(): AsyncGenerator<PatientLines>;
  close(): void;
}

/** A folder's files whose names end so, sorted, as absolute paths; a missing folder refused. */
export function filesIn(dir: string, endings: readonly string[]): string[] {
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) throw new SourceError(`${dir}: no such folder`);
  return readdirSync(dir)
    .filter((name) => endings.some((ending) => name.endsWith(ending)))
    .sort()
    .map((name) => resolve(dir, name));
}

/** The source named on the command line cannot be read at all (exit 2). */
export class SourceError extends Error {}

const quoted = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * `files`: NDJSON, plain or .gz. `scratch`: a folder of the caller's (NDJSON written from
 * Bundles) removed with this source's own, at close or on Ctrl-C.
 */
export async function openNdjsonFiles(
  files: readonly string[],
  options: { memoryLimit: string; threads: number; scratch?: string },
): Promise<NdjsonSource> {
  const work = mkdtempSync(join(tmpdir(), 'emd-cds-backtest-'));
  const removeFolders = () => {
    rmSync(work, { recursive: true, force: true });
    if (options.scratch) rmSync(options.scratch, { recursive: true, force: true });
  };
  const instance = await DuckDBInstance.create(join(work, 'group.duckdb'), {
    memory_limit: options.memoryLimit,
    temp_directory: join(work, 'spill'),
    threads: String(options.threads),
    preserve_insertion_order: 'false',
  });
  const db = await instance.connect();
  // Ctrl-C or a stop: remove the temporary folder (it can hold a copy of the whole export).
  const interrupted = (signal: NodeJS.Signals) => {
    removeFolders();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    process.off('SIGINT', interrupted).off('SIGTERM', interrupted);
    db.closeSync();
    instance.closeSync();
    removeFolders();
  };
  try {
    // Every line as one text column: a delimiter and quote that JSON text never holds raw.
    await db.run(`
      CREATE TABLE classified AS
      WITH raw AS (
        SELECT filename AS file, line
        FROM read_csv([${files.map(quoted).join(', ')}], columns = {'line': 'VARCHAR'},
          header = false, auto_detect = false, delim = chr(31), quote = '', escape = '',
          filename = true, max_line_size = 33554432, buffer_size = 67108864)
        WHERE line IS NOT NULL AND trim(line) <> ''
      ), parsed AS (
        SELECT file, line, CASE WHEN json_valid(line) AND json_type(line) = 'OBJECT'
          THEN json_extract_string(line, ['$.resourceType', '$.id', '$.subject.reference']) END AS f
        FROM raw
      ), typed AS (
        SELECT file, line, f[1] AS type,
          CASE WHEN f[1] = 'Patient' THEN f[2]
            ELSE nullif(regexp_extract(f[3], '(^|/)Patient/([^/]+)(/_history/[^/]*)?$', 2), '') END AS pid
        FROM parsed
      )
      SELECT file,
        CASE WHEN type IS NULL THEN 'malformed'
          WHEN type NOT IN (${TYPES_READ.map(quoted).join(', ')}) THEN 'other-type'
          WHEN pid IS NULL THEN 'no-patient' ELSE 'ok' END AS status,
        pid, CASE WHEN type IN (${TYPES_READ.map(quoted).join(', ')}) THEN line END AS line
      FROM typed`);
    const counts = await db.runAndReadAll(
      `SELECT file, status, count(*)::INTEGER AS n FROM classified GROUP BY ALL`,
    );
    const summary: NdjsonSummary = {
      files: [...files],
      lines: 0,
      resources: 0,
      malformedLines: 0,
      malformed: [],
      withoutPatient: 0,
      otherTypes: 0,
      patients: 0,
    };
    const filesWithMalformed = new Set<string>();
    for (const [file, status, n] of counts.getRowsJS() as [string, string, number][]) {
      summary.lines += n;
      if (status === 'ok') summary.resources += n;
      else if (status === 'other-type') summary.otherTypes += n;
      else if (status === 'no-patient') summary.withoutPatient += n;
      else {
        summary.malformedLines += n;
        filesWithMalformed.add(file);
      }
    }
    // DuckDB counts the malformed lines; their numbers come from a scan of those files only.
    for (const file of [...filesWithMalformed].sort())
      summary.malformed.push(...(await findMalformedLines(file)));
    const distinct = await db.runAndReadAll(
      `SELECT count(DISTINCT pid)::INTEGER FROM classified WHERE status = 'ok'`,
    );
    summary.patients = Number(distinct.getRowsJS()[0]?.[0] ?? 0);
    return { summary, patients: () => patientsInOrder(db), close };
  } catch (error) {
    close();
    throw error;
  }
}

type Connection = Awaited<ReturnType<DuckDBInstance['connect']>>;

/** The sorted rows, cut where the patient changes: one patient in memory at a time. */
async function* patientsInOrder(db: Connection): AsyncGenerator<PatientLines> {
  const result = await db.stream(
    `SELECT pid, line FROM classified WHERE status = 'ok' ORDER BY pid`,
  );
  let current: PatientLines | undefined;
  for await (const rows of result.yieldRows()) {
    for (const [pid, line] of rows as [string, string][]) {
      if (current?.id !== pid) {
        if (current) yield current;
        current = { id: pid, lines: [] };
      }
      current.lines.push(line);
    }
  }
  if (current) yield current;
}
