/**
 * A folder a setting names, or the folder of a file it names, made and checked before anything
 * is written into it. One that cannot be used stops the start naming the setting, its value,
 * the system's code for why and what to name instead (docs/security.md, "Misconfiguration"):
 * before, the fatal line was Node's own (`ENOENT: … mkdir '/proc/z'`), naming no setting.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { makePrivateFolder } from './private-file.js';

/** How a start-up problem names the setting behind a folder. */
export interface SettingFolder {
  /** The setting as an operator sets it: `EMD_CDS_SQLITE_FILE`. */
  setting: string;
  /** What the value cannot be used for, after "cannot be used": "as this node's data folder". */
  use: string;
  /** What to name instead, before "the service's user may create": "a folder". */
  instead: string;
  /** The parenthesis's first part: the config file's key for the same setting. */
  aside: string;
  /** The page that describes the setting. */
  docs: string;
}

/**
 * Creates `folder` (mode 0700) if missing; throws, naming the setting and `value` (the folder,
 * or the file in it the setting names), if it cannot be used.
 */
export function prepareSettingFolder(folder: string, named: SettingFolder, value = folder): void {
  try {
    makePrivateFolder(folder);
    if (!statSync(folder).isDirectory())
      throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    // Read-only file systems (EROFS) refuse this even for root.
    accessSync(folder, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new Error(
      `${named.setting}: ${value} cannot be used ${named.use} (${code}): ${whatToName(named)}`,
      { cause: error },
    );
  }
}

/**
 * A file a setting names must not be a folder (`what`: what it is used as, after "cannot be
 * used"): Node's EISDIR, on the first read or open, named no setting.
 */
export function refuseFolderAsFile(file: string, named: SettingFolder, what: string): void {
  if (isFolder(file))
    throw new Error(
      `${named.setting}: ${file} cannot be used ${what}: it is a folder (EISDIR): ${whatToName(named)}`,
    );
}

/** What to name instead, and where the setting is described: the end of both lines above. */
function whatToName(named: SettingFolder): string {
  return `name ${named.instead} the service's user may create, or one it may write (${named.aside}; ${named.docs})`;
}

/** The SQLite file's folder (EMD_CDS_SQLITE_FILE, store.sqliteFile). */
export const SQLITE_FILE_FOLDER: SettingFolder = {
  setting: 'EMD_CDS_SQLITE_FILE',
  use: 'for the embedded database: its folder cannot be made or written',
  instead: 'a file in a folder',
  aside: 'store.sqliteFile in the config file is the same setting',
  docs: 'docs/configuring.md',
};

/** Whether `path` is a folder; false when it cannot be looked at (the caller's next step says why). */
function isFolder(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}
