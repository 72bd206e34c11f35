/**
 * The store's files hold the audit (pseudonymised patient keys, card evidence) and feedback
 * (a clinician's free-text comment may name a patient): readable by the service's own user
 * only, whatever the umask (docs/security.md §2.4). A folder the service creates is 0700, a
 * database file 0600; SQLite gives its -wal and -shm files the database file's permissions.
 * Folders and files that already exist keep theirs: a site that set them chose them.
 */
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Makes `folder` (and its missing parents) readable by this user only. */
export function makePrivateFolder(folder: string): void {
  makeFolders(folder, PRIVATE_FOLDER_MODE);
}

/**
 * `mkdir -p`, one folder at a time from the first missing one down. Not Node's
 * `mkdirSync(…, { recursive: true })`: where a folder's mkdir fails with ENOENT although its
 * parent exists (procfs: `EMD_CDS_DATA_DIR=/proc/x`), Node makes the parent again, gets
 * EEXIST, and retries the folder for ever, so the start hung instead of failing. Here each
 * mkdir's error is thrown as it comes; only EEXIST (another process made it first) is not one.
 */
export function makeFolders(folder: string, mode: number): void {
  const missing: string[] = [];
  for (let at = resolve(folder); !existsSync(at); at = dirname(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const at of missing) {
    try {
      mkdirSync(at, { mode });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** Creates `file` empty, this user's only, unless it exists; its folder too. */
export function makePrivateFile(file: string): void {
  makePrivateFolder(dirname(file));
  // 'a': creates the file when missing and never truncates one that exists.
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
}
