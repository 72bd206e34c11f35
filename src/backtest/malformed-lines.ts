/**
 * Where the malformed lines of one NDJSON file are (1-based line numbers), found by reading
 * it line by line. Only files DuckDB found malformed lines in are scanned, so the common
 * case (a clean export) costs nothing here. A line is malformed when it is not a JSON object
 * with a resourceType, the test the grouping query applies.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

export interface MalformedLine {
  file: string;
  /** 1-based, in an NDJSON file; absent for a Bundle file or entry (./bundle-files.ts). */
  line?: number;
  /** 0-based, as FHIRPath's `Bundle.entry[n]`: an entry of a Bundle file that was skipped. */
  entry?: number;
  problem: string;
}

/** `file:line`, `file entry[3]` or `file`: where the skipped text is. */
export function placeOf({ file, line, entry }: MalformedLine): string {
  if (line !== undefined) return `${file}:${String(line)}`;
  return entry === undefined ? file : `${file} entry[${String(entry)}]`;
}

/** At most this many lines are listed per file; all are counted. */
export const LISTED_PER_FILE = 20;

export async function findMalformedLines(file: string): Promise<MalformedLine[]> {
  const raw = createReadStream(file);
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const found: MalformedLine[] = [];
  let number = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    number += 1;
    if (text.trim() === '') continue;
    const problem = problemOf(text);
    if (problem) found.push({ file, line: number, problem });
    if (found.length >= LISTED_PER_FILE) break;
  }
  raw.destroy();
  return found;
}

/** Says what is wrong without quoting the line: it may hold patient data. */
function problemOf(text: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  return resourceProblemOf(value);
}

/** Not a JSON object with a resourceType: what is wrong, in words that quote nothing. */
export function resourceProblemOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'not a JSON object';
  if (typeof (value as { resourceType?: unknown }).resourceType !== 'string')
    return 'no resourceType';
  return undefined;
}
