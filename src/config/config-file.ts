/**
 * Reading the configuration file: YAML, checked with the zod schema. Every problem is
 * reported with the file, the line and column, the path and what was expected, e.g.
 * `emd-cds.yaml:12:14 rules.emd-cns.indicator: Invalid option: expected one of "info"|…`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LineCounter, isMap, isNode, isScalar, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { configSchema, type Config } from './config-schema.js';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function readConfigFile(file: string): Config {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      { cause: error },
    );
  }
  const config = parseConfigText(text, file);
  const missing = missingPaths(config, dirname(file));
  if (missing.length > 0) {
    // Named like any other problem: file, line and column, the key's path. All at once.
    const lineCounter = new LineCounter();
    const document = parseDocument(text, { lineCounter });
    throw new ConfigError(
      missing
        .map(({ path, resolved }) =>
          problemAt(file, positionOf(document, lineCounter, path), path, `not found (${resolved})`),
        )
        .join('\n'),
    );
  }
  return config;
}

/** The files and folders the configuration names, relative to its file, that do not exist. */
function missingPaths(config: Config, relativeTo: string): { path: string[]; resolved: string }[] {
  const named: { path: string[]; value: string }[] = [
    ...config.valueSets.files.map((value, index) => ({
      path: ['valueSets', 'files', String(index)],
      value,
    })),
    ...(config.wording.dir ? [{ path: ['wording', 'dir'], value: config.wording.dir }] : []),
  ];
  return named.flatMap(({ path, value }) => {
    const resolved = resolve(relativeTo, value);
    return existsSync(resolved) ? [] : [{ path, resolved }];
  });
}

export function parseConfigText(text: string, file: string): Config {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  if (document.errors.length > 0) {
    throw new ConfigError(
      document.errors
        .map((error) => {
          const at = error.linePos?.[0];
          const message = (error.message.split('\n')[0] ?? '').replace(
            / at line \d+, column \d+:?$/,
            '',
          );
          return `${file}${at ? `:${String(at.line)}:${String(at.col)}` : ''} ${message}`;
        })
        .join('\n'),
    );
  }
  const parsed = configSchema.safeParse(document.toJS() ?? {});
  if (!parsed.success)
    throw new ConfigError(describeIssues(parsed.error, document, lineCounter, file));
  return parsed.data;
}

function describeIssues(
  error: z.ZodError,
  document: Document,
  lineCounter: LineCounter,
  file: string,
): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String);
      // An unknown key is reported on its parent: name it and point at the key itself.
      const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
      const where =
        unknownKey !== undefined
          ? keyPosition(document, lineCounter, path, unknownKey)
          : positionOf(document, lineCounter, path);
      const shown = unknownKey !== undefined ? [...path, unknownKey] : path;
      return problemAt(file, where, shown, issue.message);
    })
    .join('\n');
}

/** One problem as every config error is written: `file:line:col path: message`. */
function problemAt(
  file: string,
  where: { line: number; col: number } | undefined,
  path: readonly string[],
  message: string,
): string {
  const at = where ? `:${String(where.line)}:${String(where.col)}` : '';
  return `${file}${at} ${path.join('.') || '(top level)'}: ${message}`;
}

/** The position of `key` in the map at `path`. */
function keyPosition(
  document: Document,
  lineCounter: LineCounter,
  path: string[],
  key: string,
): { line: number; col: number } | undefined {
  const map = document.getIn(path, true);
  if (isMap(map)) {
    const pair = map.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
    if (isScalar(pair?.key) && pair.key.range) return lineCounter.linePos(pair.key.range[0]);
  }
  return positionOf(document, lineCounter, path);
}

/** The position of the deepest node that exists along `path` (a missing key points at its parent). */
function positionOf(
  document: Document,
  lineCounter: LineCounter,
  path: string[],
): { line: number; col: number } | undefined {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node = document.getIn(
      path.slice(0, depth).map((key) => (/^\d+$/.test(key) ? Number(key) : key)),
      true,
    );
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]);
  }
  return undefined;
}
