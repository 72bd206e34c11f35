/**
 * Reading the data files a configuration names (value sets, code systems, wording, service
 * definitions): each problem becomes a ConfigError naming the file.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { bytesOrProblem, describeIssuesOf, jsonSyntaxProblem } from '../issue-lines.js';
import { decodeSiteText } from '../site-text.js';
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
  const text = readSiteText(file);
  return { text, value: parseJson(text, file) };
}

/**
 * The text of a file a site writes (the config file, a wording or value set file): UTF-8, its
 * byte order mark dropped; another encoding is a ConfigError saying so (../site-text.ts).
 */
export function readSiteText(file: string): string {
  const bytes = bytesOrProblem(
    file,
    (code, cause) => new ConfigError(`${file}: cannot be read (${code})`, { cause }),
  );
  const read = decodeSiteText(file, bytes);
  if ('problem' in read) throw new ConfigError(read.problem);
  return read.text;
}

/**
 * JSON.parse of the text of `file`, a file someone edits by hand (a value set, a patient
 * Bundle): a syntax error throws a ConfigError at its file:line:col.
 */
function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ConfigError(jsonSyntaxProblem(file, text, message), { cause: error });
  }
}
