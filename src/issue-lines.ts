/**
 * The one way a problem of a file or setting a site writes is put (docs/configuring.md §1):
 * `file:line:col path: message`, one line each, e.g.
 * `emd-cds.yaml:12:14 rules.emd-cns.indicator: Invalid option: expected one of …`. Here, at the
 * bottom of the layers (eslint.layers.js), because config/ (the config file, the environment,
 * the data files) and auth/ (AUTH_ISSUERS_FILE) both report problems this way, JSON syntax
 * errors included, and auth/ may not import config/. Where a YAML file's positions come from
 * is config/yaml-position.ts.
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { jsonSyntaxOffset } from './json-syntax-offset.js';

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
 * A problem whose words say where in the file it is (a value set's entry, a JSON syntax error),
 * written the same way: `file:line:col message`, or `file: message` with no position.
 */
export function problemLine(
  file: string,
  where: { line: number; col: number } | undefined,
  message: string,
): string {
  return where
    ? `${file}:${String(where.line)}:${String(where.col)} ${message}`
    : `${file}: ${message}`;
}

/** One problem of a zod issue: the path shown, and for an unknown key, which key in which map. */
export interface IssueProblem {
  path: string[];
  message: string;
  /** An unknown key is reported on its map: a file with positions points at the key itself. */
  unknownKey?: { map: string[]; key: string };
}

/**
 * A zod issue as the problems a site fixes one by one. zod reports every unknown key of a map
 * in one issue on the map ("Unrecognized keys: "a", "b""); each key is its own typo, so each
 * is its own problem, at the key, in the words zod uses for one unknown key.
 */
export function issueProblems(issue: z.core.$ZodIssue): IssueProblem[] {
  const path = issue.path.map(String);
  if (issue.code !== 'unrecognized_keys' || issue.keys.length === 0)
    return [{ path, message: plainWords(issue.message) }];
  return issue.keys.map((key) => ({
    path: [...path, key],
    message: `Unrecognized key: "${key}"`,
    unknownKey: { map: path, key },
  }));
}

/**
 * Two of zod's type messages in the words an analyst acts on: a required key left out ("expected
 * string, received undefined"), and a yes or no where YAML 1.2 reads text (`enabled: no`).
 */
function plainWords(message: string): string {
  const missing = /^Invalid input: expected (\w+), received undefined$/.exec(message);
  if (missing) return `is missing: a ${missing[1] ?? 'value'} is required here`;
  if (message === 'Invalid input: expected boolean, received string')
    return 'expected true or false, received text: write true or false (YAML reads yes, no, on and off as text)';
  return message;
}

/**
 * zod's issues for a source without positions (a JSON file, the environment), one line each
 * as every config error is written, `source path: message`, joined.
 */
export function describeIssuesOf(source: string, issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .flatMap(issueProblems)
    .map((problem) => problemAt(source, undefined, problem.path, problem.message))
    .join('\n');
}

/**
 * A JSON syntax error (V8's `message`, of JSON.parse of `text`) as the YAML ones are written,
 * `file:line:col message`: for the data files (config/data-files.ts) and the issuers file
 * (auth/auth-settings.ts) alike. V8 gives an offset ("… in JSON at position 46", with
 * "(line 4 column 1)" from Node 22); on Node 20 "Unexpected end of JSON input" gives none, and
 * is at the end of the text, where V8's own offsets put an error found there. An unexpected
 * token comes with no offset but with the text around it quoted, which may run over many
 * lines and hold patient data or, in an issuers file, keys: the quote is left out, and the
 * token is placed by a scan of the text (./json-syntax-offset.ts), when the scan stops at the
 * token V8 names; else the problem names the file only, rather than a wrong place.
 */
export function jsonSyntaxProblem(file: string, text: string, message: string): string {
  const offset = message.startsWith('Unexpected end of JSON input')
    ? text.length
    : (/\bin JSON at position (\d+)/.exec(message)?.[1] ?? unexpectedTokenOffset(text, message));
  const said = message
    .replace(/ in JSON at position .*$/s, '')
    .replace(/, (?:\.{3})?".*"(?:\.{3})? is not valid JSON$/s, ': not valid JSON');
  if (offset === undefined) return problemLine(file, undefined, said);
  const before = text.slice(0, Number(offset)).split('\n');
  return problemLine(file, { line: before.length, col: (before.at(-1)?.length ?? 0) + 1 }, said);
}

/** Where V8's "Unexpected token 'x'" is, if a scan stops at that very token. */
function unexpectedTokenOffset(text: string, message: string): number | undefined {
  const token = /^Unexpected token '(.+?)', /s.exec(message)?.[1];
  if (token === undefined) return undefined;
  const offset = jsonSyntaxOffset(text);
  return offset !== undefined && text.startsWith(token, offset) ? offset : undefined;
}

/**
 * The file a setting names cannot be read: the setting first, as every start-up problem is
 * put, then the file and the system's code for why (`ENOENT`, `EACCES`, `EISDIR`). Node's own
 * message said only the file, and an operator had to guess which setting named it.
 */
export function readFileNamedBy(setting: string, file: string): string {
  return bytesOfFileNamedBy(setting, file).toString('utf8');
}

/** The bytes of the file a setting names, for a reader that checks their encoding itself. */
export function bytesOfFileNamedBy(setting: string, file: string): Buffer {
  return bytesOrProblem(
    file,
    (code, cause) =>
      new Error(
        `${setting}: ${file} cannot be read (${code}): name a file the service's user may read`,
        { cause },
      ),
  );
}

/**
 * The bytes of a file, or the error `unreadable` makes of the system's code for why not
 * (`ENOENT`, `EACCES`, `EISDIR`; `error` when Node gives none): one reader for the files a
 * setting names (above) and the data files config/ reads (config/data-files.ts), each putting
 * the problem its own way and with its own error type.
 */
export function bytesOrProblem(
  file: string,
  unreadable: (code: string, cause: unknown) => Error,
): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw unreadable((error as NodeJS.ErrnoException).code ?? 'error', error);
  }
}
