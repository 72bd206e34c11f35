/**
 * Reading the data files a configuration names (value sets, code systems, wording, service
 * definitions): each problem becomes a ConfigError naming the file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { describeIssuesOf } from '../issue-lines.js';
import { ConfigError } from './config-error.js';

export function parseWith<T>(schema: z.ZodType<T>, raw: unknown, file: string): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(describeIssuesOf(file, parsed.error.issues));
  return parsed.data;
}

/** A JSON file, or the JSON files of a folder in name order. */
export function jsonFilesIn(path: string): string[] {
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch (error) {
    throw new ConfigError(`${path}: not found`, { cause: error });
  }
  return isFolder ? filesIn(path, '.json') : [path];
}

export function filesIn(dir: string, extension: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(extension))
    .sort()
    .map((name) => join(dir, name));
}

export function readJson(file: string): unknown {
  return readJsonFile(file).value;
}

/** A JSON file's value, and its text, to find where in it a problem of the value is. */
export function readJsonFile(file: string): { text: string; value: unknown } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      { cause: error },
    );
  }
  try {
    return { text, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ConfigError(jsonSyntaxProblem(file, text, message), { cause: error });
  }
}

/**
 * A JSON syntax error as the YAML ones are written, `file:line:col message`. V8 gives an offset
 * ("… in JSON at position 46", with "(line 4 column 1)" from Node 22), or quotes the text
 * around an unexpected token, which may run over many lines: that quote is left out.
 */
function jsonSyntaxProblem(file: string, text: string, message: string): string {
  const offset = /\bin JSON at position (\d+)/.exec(message)?.[1];
  const said = message
    .replace(/ in JSON at position .*$/s, '')
    .replace(/, (?:\.{3})?".*" is not valid JSON$/s, ': not valid JSON');
  if (offset === undefined) return `${file}: ${said}`;
  const before = text.slice(0, Number(offset)).split('\n');
  const line = before.length;
  const col = (before.at(-1)?.length ?? 0) + 1;
  return `${file}:${String(line)}:${String(col)} ${said}`;
}
