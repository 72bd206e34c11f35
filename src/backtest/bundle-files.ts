/**
 * A folder of FHIR Bundles (JSON: transaction, batch, collection or searchset, as the example
 * patients and many test data sets are written) turned into NDJSON, so the export path groups
 * their resources by patient exactly as it groups a Bulk Data export's. Within a Bundle, a
 * reference to an entry's `fullUrl` (a transaction's `urn:uuid:…`) is rewritten to `Type/id`,
 * as a server assigns it on import: once the Bundle is split, nothing else could resolve it.
 * One Bundle is in memory at a time. A file or entry that cannot be read is skipped and
 * counted, never aborting the run, as a malformed NDJSON line is.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { resourcelessEntry } from '../fhir/parse-fhir-data.js';
import { recordsDeletion, REQUEST_BUNDLE_TYPES } from '../fhir/search-failures.js';
import { LISTED_PER_FILE, resourceProblemOf, type MalformedLine } from './malformed-lines.js';

/** Bundle types whose entries are resources as stored; history and document are not. */
const BUNDLE_TYPES = ['transaction', 'batch', 'collection', 'searchset'];
/** FHIR R4's other Bundle types: a history holds several versions of one resource. */
const OTHER_TYPES = ['document', 'message', 'transaction-response', 'batch-response', 'history'];

export interface BundlesAsNdjson {
  /** A temporary folder holding `bundles.ndjson`; the caller removes it. */
  scratch: string;
  file: string;
  /** Files and entries skipped: the first per file listed, all counted. */
  malformed: MalformedLine[];
  malformedCount: number;
}

export function bundlesAsNdjson(files: readonly string[]): BundlesAsNdjson {
  const scratch = mkdtempSync(join(tmpdir(), 'emd-cds-bundles-'));
  const file = join(scratch, 'bundles.ndjson');
  const result: BundlesAsNdjson = { scratch, file, malformed: [], malformedCount: 0 };
  const out = openSync(file, 'w', 0o600);
  try {
    for (const path of files) writeBundle(out, path, result);
  } catch (error) {
    rmSync(scratch, { recursive: true, force: true });
    throw error;
  } finally {
    closeSync(out);
  }
  return result;
}

function writeBundle(out: number, path: string, result: BundlesAsNdjson): void {
  const name = basename(path);
  let listed = 0;
  const skipped = (problem: string, entry?: number) => {
    result.malformedCount += 1;
    listed += 1;
    if (listed <= LISTED_PER_FILE)
      result.malformed.push({ file: name, ...(entry === undefined ? {} : { entry }), problem });
  };
  let bundle: unknown;
  try {
    // A byte order mark, as Windows editors write one, is not part of the JSON.
    bundle = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch {
    skipped('not JSON');
    return;
  }
  const problem = bundleProblemOf(bundle);
  if (problem) {
    skipped(problem);
    return;
  }
  const entries = (bundle as { entry?: unknown }).entry;
  if (!Array.isArray(entries)) return;
  const isRequests = REQUEST_BUNDLE_TYPES.has((bundle as { type: string }).type);
  // H145: a collection or searchset holding a DELETE is a history's entries relabelled; its
  // deleted resources would be read as live, from the copy a DELETE carries or an earlier
  // version. Skipped whole, as the service refuses such a search page.
  const deletion = isRequests ? -1 : entries.findIndex(recordsDeletion);
  if (deletion !== -1) {
    skipped(
      `entry[${String(deletion)}] records a deletion (request.method DELETE), as a history's entries do: the file is not read (a resource deleted would be read as live)`,
    );
    return;
  }
  const byFullUrl = new Map<string, string>();
  for (const entry of entries as { fullUrl?: unknown; resource?: Record<string, unknown> }[]) {
    const { resourceType, id } = entry.resource ?? {};
    if (
      typeof entry.fullUrl === 'string' &&
      typeof resourceType === 'string' &&
      typeof id === 'string'
    )
      byFullUrl.set(entry.fullUrl, `${resourceType}/${id}`);
  }
  const lines: string[] = [];
  entries.forEach((entry: unknown, index) => {
    // A transaction's or batch's DELETE is a request to run, even with a resource in it.
    if (isRequests && recordsDeletion(entry)) return;
    const resource = (entry as { resource?: unknown } | null)?.resource;
    if (resource === undefined) {
      // A transaction's DELETE, an include or outcome with nothing in it: no one's data. A
      // result with no resource stands for one the file does not hold (FHIR R4 bdl-5): named,
      // so the counts are not read as whole (H131, as the service refuses such a search).
      const problem = missingResourceProblem(entry);
      if (problem) skipped(problem, index);
      return;
    }
    const wrong = resourceProblemOf(resource);
    if (wrong) skipped(wrong, index);
    else lines.push(JSON.stringify(rewriteReferences(resource, byFullUrl)));
  });
  if (lines.length > 0) writeSync(out, `${lines.join('\n')}\n`);
}

/**
 * Why an entry with no resource leaves the file short of a resource, or undefined: an include,
 * an outcome or a transaction's request (a DELETE) is no one's data (../fhir/parse-fhir-data.ts).
 */
function missingResourceProblem(entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null) return 'not a JSON object';
  const kind = resourcelessEntry(entry);
  if (kind === 'response')
    return "a response and no resource (a batch's or transaction's answer names what it read, not its data)";
  if (kind === 'result')
    return 'a search result with no resource (FHIR R4 bdl-5): the resource it stands for is not in the file';
  return undefined;
}

function bundleProblemOf(value: unknown): string | undefined {
  const wrong = resourceProblemOf(value);
  if (wrong) return wrong;
  const { resourceType, type } = value as { resourceType: string; type?: unknown };
  if (resourceType !== 'Bundle') return 'not a FHIR Bundle';
  if (typeof type === 'string' && BUNDLE_TYPES.includes(type)) return undefined;
  // The type is named only when it is one of FHIR's: the file's own text is not quoted.
  const named = typeof type === 'string' && OTHER_TYPES.includes(type) ? type : 'no known type';
  return `a Bundle of ${named}: only ${BUNDLE_TYPES.join(', ')} Bundles are read`;
}

/** Every `reference` naming an entry's fullUrl, as that entry's `Type/id`. */
export function rewriteReferences(value: unknown, byFullUrl: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteReferences(v, byFullUrl));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      key,
      key === 'reference' && typeof v === 'string'
        ? (byFullUrl.get(v) ?? v)
        : rewriteReferences(v, byFullUrl),
    ]),
  );
}
