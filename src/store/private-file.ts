/**
 * The store's files hold the audit (pseudonymised patient keys, card evidence) and feedback
 * (a clinician's free-text comment may name a patient): readable by the service's own user
 * only, whatever the umask (docs/security.md §2.4). A folder the service creates is 0700, a
 * database file 0600; SQLite gives its -wal and -shm files the database file's permissions.
 * Folders and files that already exist keep theirs: a site that set them chose them.
 */
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Makes `folder` (and its missing parents) readable by this user only. */
export function makePrivateFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
}

/** Creates `file` empty, this user's only, unless it exists; its folder too. */
export function makePrivateFile(file: string): void {
  makePrivateFolder(dirname(file));
  // 'a': creates the file when missing and never truncates one that exists.
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
}
