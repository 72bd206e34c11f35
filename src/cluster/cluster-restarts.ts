/**
 * When the cluster's primary starts a worker again, and when it stops trying (src/cluster/cluster.ts).
 * A worker that dies after serving a while is started again after a second. One that dies
 * before it serves (a config file on disk that no longer loads, a port taken) would die again
 * each second for ever, so each such death, and each soon after serving, doubles the pause,
 * up to a cap; a worker that served a while resets it. Whether it served is known, not timed:
 * on a loaded host a start that fails may take longer than the while, as the give-up below
 * counts failed starts rather than timing them. When no worker serves and the last workers
 * started all died before serving, restarting is not helping: the primary exits non-zero and
 * the supervisor (systemd's Restart=, Kubernetes) takes over, with its own logs and limits.
 */

export interface RestartTiming {
  /** The pause before the first restart, and after a worker that served `stableAfterMs`. */
  firstDelayMs: number;
  /** The longest pause: quick deaths double it up to this. */
  maxDelayMs: number;
  /** A worker that served and lived this long died of something else than its start: reset. */
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

/** How a worker ended: how long it lived, and whether it ever listened on the service's port. */
export interface WorkerDeath {
  livedMs: number;
  served: boolean;
}

/**
 * The pause before restarting a worker that died: the first pause for the first death and
 * after a worker that served and lived `stableAfterMs`, else twice the previous pause, at most
 * `maxDelayMs`. One sequence for the node: the deaths of workers that all fail at start follow
 * each other, whichever worker it was.
 */
export function restartBackoff(timing: RestartTiming): (death: WorkerDeath) => number {
  let previous: number | undefined;
  return ({ livedMs, served }) => {
    previous =
      previous === undefined || (served && livedMs >= timing.stableAfterMs)
        ? timing.firstDelayMs
        : Math.min(previous * 2, timing.maxDelayMs);
    return previous;
  };
}
