/**
 * A folder on a tmpfs for the bench's row whose audit writes to no disk (bench-servers.ts):
 * Linux's /dev/shm, when it is a tmpfs with room enough, else why there is none.
 */
import { mkdtempSync, statfsSync } from 'node:fs';

export type TmpfsFolder = { dir: string } | { unavailable: string };

/** statfs(2)'s f_type for tmpfs (linux/magic.h). */
const TMPFS_MAGIC = 0x01021994;

/**
 * Room the row's audit needs: about 1.5 KiB a typical call, some 16,000 calls, and the WAL.
 * A container's /dev/shm is often 64 MiB in all, shared with whatever else uses it.
 */
const TMPFS_NEEDED_BYTES = 256 * 1024 * 1024;

/** A new folder on a tmpfs, or why there is none (not Linux, no tmpfs, or too little room). */
export function tmpfsFolder(): TmpfsFolder {
  try {
    const shm = statfsSync('/dev/shm');
    if (shm.type !== TMPFS_MAGIC) return { unavailable: '/dev/shm is not a tmpfs' };
    const free = shm.bavail * shm.bsize;
    if (free < TMPFS_NEEDED_BYTES)
      return {
        unavailable: `${String(Math.floor(free / 1024 / 1024))} MiB free on /dev/shm, ${String(TMPFS_NEEDED_BYTES / 1024 / 1024)} needed`,
      };
    return { dir: mkdtempSync('/dev/shm/emd-cds-bench-') };
  } catch {
    return { unavailable: 'no /dev/shm here' };
  }
}
