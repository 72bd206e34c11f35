/**
 * A reader that goes away before `emd-cds` has written everything (`emd-cds stats --json |
 * head -1`, a jq filter that fails) is normal use of a pipe, not a crash: the next write to
 * stdout fails with EPIPE, which with no listener became an uncaught exception and a stack
 * trace on stderr (./crash-exit.ts). The command ends quietly instead, with the status a
 * shell gives a command that SIGPIPE ended, 128 + 13 = 141, as `cat` or `grep` would have in
 * the same place: Node ignores SIGPIPE, so it cannot die of it, but a script (`set -o
 * pipefail`) can still tell output cut short from output written in full, which 0 would hide.
 * Any other error on stdout is still a crash.
 */

/** 128 + SIGPIPE (13): the shell's status for a command a closed pipe ended. */
export const CLOSED_STDOUT_STATUS = 141;

export function endQuietlyWhenStdoutCloses(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(CLOSED_STDOUT_STATUS);
  });
}
