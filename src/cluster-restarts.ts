/**
 * When the cluster's primary starts a worker again, and when it stops trying (src/cluster.ts).
 * A worker that dies after serving a while is started again after a second. One that dies
 * soon after its start (a config file on disk that no longer loads, a port taken) would die
 * again each second for ever, so each quick death doubles the pause, up to a cap; a worker
 * that lives a while resets it. When no worker serves and the last workers started all died
 * before serving, restarting is not helping: the primary exits non-zero and the supervisor
 * (systemd's Restart=, Kubernetes) takes over, with its own logs and limits.
 */

export interface RestartTiming {
  /** The pause before the first restart, and after a worker that lived `stableAfterMs`. */
  firstDelayMs: number;
  /** The longest pause: quick deaths double it up to this. */
  maxDelayMs: number;
  /** A worker that lived this long died of something else than its start: the pause resets. */
  stableAfterMs: number;
}

export const RESTART_TIMING: RestartTiming = {
  firstDelayMs: 1_000,
  maxDelayMs: 30_000,
  stableAfterMs: 60_000,
};

/**
 * With no worker serving, this many workers in a row that died before they listened make the
 * primary give up (exit 1). Counted, not timed, so a slow start (a loaded host, a large
 * config) is never taken for a failed one; with the pauses above, five failed starts take
 * about half a minute (1 + 2 + 4 + 8 + 16 s, plus each start).
 */
export const GIVE_UP_AFTER_FAILED_STARTS = 5;

/**
 * The timing with every duration multiplied by `scale` (EMD_CDS_CLUSTER_TIME_SCALE, for
 * tests only, at most 1), so a test sees the pauses grow and the primary give up in seconds.
 */
export function scaledTiming(scale: number, timing: RestartTiming = RESTART_TIMING): RestartTiming {
  const scaled = (ms: number) => Math.max(1, Math.round(ms * scale));
  return {
    firstDelayMs: scaled(timing.firstDelayMs),
    maxDelayMs: scaled(timing.maxDelayMs),
    stableAfterMs: scaled(timing.stableAfterMs),
  };
}

/**
 * The pause before restarting a worker that died after `livedMs`: the first pause for the
 * first death and after a worker that lived `stableAfterMs`, else twice the previous pause,
 * at most `maxDelayMs`. One sequence for the node: the deaths of workers that all fail at
 * start follow each other, whichever worker it was.
 */
export function restartBackoff(timing: RestartTiming): (livedMs: number) => number {
  let previous: number | undefined;
  return (livedMs) => {
    previous =
      previous === undefined || livedMs >= timing.stableAfterMs
        ? timing.firstDelayMs
        : Math.min(previous * 2, timing.maxDelayMs);
    return previous;
  };
}
