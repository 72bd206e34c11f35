/**
 * The pauses before the cluster's primary starts a worker again (src/cluster-restarts.ts):
 * 1 s, doubled after each worker that dies before it has lived a minute, at most 30 s, and
 * back to 1 s after one that lived a minute (docs/deploying.md, "Several cores").
 */
import { describe, expect, it } from 'vitest';
import { RESTART_TIMING, restartBackoff, scaledTiming } from '../src/cluster-restarts.js';

const SOON = 500;
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
    expect([next(A_MINUTE), next(SOON)]).toEqual([1_000, 2_000]);
  });

  it('pauses 1 s for each of several workers killed at once after serving a while', () => {
    const next = restartBackoff(RESTART_TIMING);
    expect([next(10 * A_MINUTE), next(10 * A_MINUTE), next(10 * A_MINUTE)]).toEqual([
      1_000, 1_000, 1_000,
    ]);
  });

  it('shortens every duration for tests by EMD_CDS_CLUSTER_TIME_SCALE', () => {
    expect(scaledTiming(0.05)).toEqual({
      firstDelayMs: 50,
      maxDelayMs: 1_500,
      stableAfterMs: 3_000,
    });
  });
});
