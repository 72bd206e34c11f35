/**
 * What a file holds at one moment, read through any links: enough to tell a file still being
 * written from a settled one, and a change to the file from a change beside it.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, realpathSync } from 'node:fs';

export type FileState =
  | {
      kind: 'file';
      /**
       * Where the links lead: a Kubernetes ConfigMap update moves it to a new folder, whose
       * other files (the value sets mounted beside the config) may have changed too.
       */
      realPath: string;
      size: number;
      mtimeMs: number;
      contentHash: string;
      isBlank: boolean;
    }
  | { kind: 'unreadable'; code: string };

export function readFileState(file: string): FileState {
  let fd: number | undefined;
  try {
    const realPath = realpathSync(file);
    fd = openSync(realPath, 'r');
    // Size and time from the open file, so they describe the same file as the bytes.
    const { size, mtimeMs } = fstatSync(fd);
    const bytes = readFileSync(fd);
    return {
      kind: 'file',
      realPath,
      size,
      mtimeMs,
      contentHash: createHash('sha256').update(bytes).digest('hex'),
      isBlank: bytes.toString('utf8').trim() === '',
    };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { kind: 'unreadable', code: typeof code === 'string' ? code : 'unknown' };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Nothing about the file moved: not its bytes, its size, its time, nor where its links lead.
 * Time counts, not only the bytes: saving the config file unchanged (or touching it) is the
 * documented way to reload a value set file added to a folder it names, and a ConfigMap update
 * moves the links even when the config's own bytes stay.
 */
export function isSameState(a: FileState, b: FileState): boolean {
  if (a.kind === 'unreadable' || b.kind === 'unreadable') return isSameProblem(a, b);
  return (
    a.realPath === b.realPath &&
    a.contentHash === b.contentHash &&
    a.size === b.size &&
    a.mtimeMs === b.mtimeMs
  );
}

/** Two reads that both failed, for the same reason (the file still missing). */
function isSameProblem(a: FileState, b: FileState): boolean {
  return a.kind === 'unreadable' && b.kind === 'unreadable' && a.code === b.code;
}
