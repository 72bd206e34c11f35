/**
 * The files whose change reloads a configuration (./watched-file-set.ts): the config file,
 * the site's value set files (each JSON file of a folder named) and the site's wording files.
 * Not the shipped value sets nor the shipped wording: they change only with a deployment.
 *
 * Read from the file as written, not through the schema, so a config refused for another key
 * still has its files watched, and fixing the one that broke it reloads.
 */
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isRecord } from './config-schema.js';
import { filesIn, readSiteText } from './data-files.js';
import { parsePositioned } from './yaml-position.js';

/** What a file is to the configuration; the logs name it so (`value set file changed`). */
export type FileRole = 'config' | 'value set' | 'wording';

export interface NamedFile {
  /** Absolute. */
  path: string;
  role: FileRole;
}

/** The config file and the files it names; only the config file when it cannot be read. */
export function filesNamedBy(configFile: string): NamedFile[] {
  const config: NamedFile = { path: resolve(configFile), role: 'config' };
  const raw = rawConfigOf(config.path);
  if (!isRecord(raw)) return [config];
  const relativeTo = dirname(config.path);
  const { valueSets, wording } = raw;
  const valueSetPaths =
    isRecord(valueSets) && Array.isArray(valueSets.files) ? valueSets.files.filter(isPath) : [];
  const wordingDir = isRecord(wording) && isPath(wording.dir) ? [wording.dir] : [];
  return [
    config,
    ...valueSetPaths.flatMap((path) =>
      filesAt(resolve(relativeTo, path), '.json').map((file) => namedAs(file, 'value set')),
    ),
    ...wordingDir.flatMap((dir) =>
      filesAt(resolve(relativeTo, dir), '.yaml').map((file) => namedAs(file, 'wording')),
    ),
  ];
}

const isPath = (value: unknown): value is string => typeof value === 'string' && value !== '';

const namedAs = (path: string, role: FileRole): NamedFile => ({ path, role });

function rawConfigOf(file: string): unknown {
  try {
    const { source, syntax } = parsePositioned(readSiteText(file), file);
    return syntax.length > 0 ? undefined : source.document.toJS();
  } catch {
    // Unreadable (missing, another encoding): the load says why; only the file is watched.
    return undefined;
  }
}

/**
 * A file, or the files of a folder; a path that is not there yet is watched as it is, so that
 * creating it reloads (the config naming it was refused for its absence).
 */
function filesAt(path: string, extension: string): string[] {
  try {
    return statSync(path).isDirectory() ? filesIn(path, extension) : [path];
  } catch {
    return [path];
  }
}
