/**
 * Reading the configuration file: YAML, checked with the zod schema. Every problem is
 * reported with the file, the line and column, the path and what was expected
 * (./yaml-position.ts), all that one reading can find at once: the schema's problems with the
 * files and folders the config names that do not exist.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError } from './config-error.js';
import { configSchema, isRecord, type Config } from './config-schema.js';
import { readSiteText } from './data-files.js';
import {
  anchorProblems,
  describeIssues,
  parsePositioned,
  problemIn,
  type PositionedText,
} from './yaml-position.js';

export function readConfigFile(file: string): Config {
  return parseConfigText(readSiteText(file), file, dirname(file));
}

/**
 * The configuration in `text`, read from `file`. With `relativeTo` (the file's folder), the
 * files and folders it names must exist; they are reported with the schema's problems, in one
 * message.
 */
export function parseConfigText(text: string, file: string, relativeTo?: string): Config {
  const { source, syntax } = parsePositioned(text, file);
  if (syntax.length > 0)
    throw new ConfigError(syntax, {
      later: ['the keys and values, then the value set and wording files and the value set roles'],
    });
  const raw: unknown = source.document.toJS() ?? {};
  const parsed = configSchema.safeParse(raw);
  const problems = [
    ...anchorProblems(source),
    ...(parsed.success ? [] : describeIssues(source, parsed.error.issues, configSchema)),
    ...(relativeTo === undefined ? [] : missingPaths(source, raw, relativeTo)),
  ];
  if (parsed.success && problems.length === 0) return parsed.data;
  // Both kinds need fixing before anything the file names can be read.
  throw new ConfigError(problems, {
    later: ['the value set and wording files and the value set roles'],
  });
}

/**
 * The files and folders the configuration names, relative to its file, that do not exist,
 * read from the file as written: a value of the wrong type is the schema's to report, and
 * whether the others exist is known even when another key is wrong.
 */
function missingPaths(source: PositionedText, raw: unknown, relativeTo: string): string[] {
  const { valueSets, wording } = (isRecord(raw) ? raw : {}) as {
    valueSets?: unknown;
    wording?: unknown;
  };
  const files = isRecord(valueSets) && Array.isArray(valueSets.files) ? valueSets.files : [];
  const dir = isRecord(wording) ? wording.dir : undefined;
  const named: { path: string[]; value: unknown }[] = [
    ...files.map((value: unknown, index) => ({
      path: ['valueSets', 'files', String(index)],
      value,
    })),
    { path: ['wording', 'dir'], value: dir },
  ];
  return named.flatMap(({ path, value }) => {
    if (typeof value !== 'string' || value === '') return [];
    const resolved = resolve(relativeTo, value);
    return existsSync(resolved) ? [] : [problemIn(source, path, `not found (${resolved})`)];
  });
}
