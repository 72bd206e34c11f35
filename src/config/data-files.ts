/**
 * Reading the data files a configuration names (value sets, code systems, wording, service
 * definitions): each problem becomes a ConfigError naming the file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from './config-file.js';

export function parseWith<T>(schema: z.ZodType<T>, raw: unknown, file: string): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`${file}:\n${z.prettifyError(parsed.error)}`);
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
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${file}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}
