/**
 * The pauses before the cluster's primary starts a worker again (src/cluster/cluster-restarts.ts):
 * 1 s, doubled after each worker that dies before it served or soon after, at most 30 s, and
 * back to 1 s after one that served a minute (docs/deploying.md, "Several cores").
 */
import { describe, expect, it } from 'vitest';
import {
  RESTART_TIMING,
  restartBackoff,
  scaledTiming,
} from '../../src/cluster/cluster-restarts.js';

/** A worker that served, then died after `livedMs`; one that died before serving. */
const served = (livedMs: number) => ({ livedMs, served: true });
const failedStart = (livedMs: number) => ({ livedMs, served: false });
const SOON = served(500);
const A_MINUTE = 60_000;

describe('restart pauses', () => {
  it('doubles from 1 s after each worker that dies soon, up to 30 s', () => {
    const next = restartBackoff(RESTART_TIMING);
    const pauses = Array.from({ length: 8 }, () => next(SOON));
    expect(pauses).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('starts again from 1 s after a worker that lived a minute', () => {
    const next = restartBackoff(RESTART_TIMING);
    for (let i = 0; i < 4; i += 1) next(SOON);
    expect([next(served(A_MINUTE)), next(SOON)]).toEqual([1_000, 2_000]);
  });

  it('pauses 1 s for each of several workers killed at once after serving a while', () => {
    const next = restartBackoff(RESTART_TIMING);
    expect([
      next(served(10 * A_MINUTE)),
      next(served(10 * A_MINUTE)),
      next(served(10 * A_MINUTE)),
    ]).toEqual([1_000, 1_000, 1_000]);
  });

  it('doubles after a worker that never served, however long its failed start took', () => {
    // A loaded host: each failing start takes longer than the while that resets the pause.
    const next = restartBackoff(RESTART_TIMING);
    const pauses = Array.from({ length: 4 }, () => next(failedStart(2 * A_MINUTE)));
    expect(pauses).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('shortens every duration for tests by EMD_CDS_CLUSTER_TIME_SCALE', () => {
    expect(scaledTiming(0.05)).toEqual({
      firstDelayMs: 50,
      maxDelayMs: 1_500,
      stableAfterMs: 3_000,
    });
  });
});
