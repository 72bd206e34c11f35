/**
 * The one way a problem of a file or setting a site writes is put (docs/configuring.md §1):
 * `file:line:col path: message`, one line each, e.g.
 * `emd-cds.yaml:12:14 rules.emd-cns.indicator: Invalid option: expected one of …`. Here, at the
 * bottom of the layers (eslint.layers.js), because config/ (the config file, the environment,
 * the data files) and auth/ (AUTH_ISSUERS_FILE) both report problems this way, and auth/ may
 * not import config/. Where a YAML file's positions come from is config/yaml-position.ts.
 */
import type { z } from 'zod';

type Path = readonly (string | number)[];

/** One problem as every config error is written: `file:line:col path: message`. */
export function problemAt(
  file: string,
  where: { line: number; col: number } | undefined,
  path: Path,
  message: string,
): string {
  const at = where ? `:${String(where.line)}:${String(where.col)}` : '';
  return `${file}${at} ${path.join('.') || '(top level)'}: ${message}`;
}

/**
 * An issue's path, and the path shown: an unknown key is reported on its parent, so it is
 * named (the first: zod's message lists them all) and pointed at itself.
 */
export function issuePath(issue: z.core.$ZodIssue): {
  path: string[];
  unknownKey: string | undefined;
  shown: string[];
} {
  const path = issue.path.map(String);
  const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  return { path, unknownKey, shown: unknownKey === undefined ? path : [...path, unknownKey] };
}

/**
 * zod's issues for a source without positions (a JSON file, the environment), one line each
 * as every config error is written, `source path: message`, joined.
 */
export function describeIssuesOf(source: string, issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => problemAt(source, undefined, issuePath(issue).shown, issue.message))
    .join('\n');
}
