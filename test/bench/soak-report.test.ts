/**
 * The soak's verdict (issue #16: "growth of RSS after warm-up ≤ 10 %"): growth is measured
 * from the first third of the windows after warm-up to the last third, warm-up growth does
 * not count, and a failed request fails the soak too.
 */
import { describe, expect, it } from 'vitest';
import { rssGrowth, soakVerdict, type SoakWindow } from '../../bench/soak-report.js';

const MB = 1024 * 1024;
const window = (warmUp: boolean, rssMb: number[], errors = 0): SoakWindow => ({
  atMinutes: 1,
  warmUp,
  requestsPerSecond: 100,
  p50Ms: 5,
  p99Ms: 20,
  errors,
  rss: { 'node-1': rssMb.map((value) => value * MB) },
});

describe('soak verdict', () => {
  it('ignores growth during warm-up and passes 10 % growth after it', () => {
    const windows = [window(true, [100]), window(false, [200]), window(false, [220])];
    const [growth] = rssGrowth(windows);
    expect(growth?.afterWarmUp).toBe(200 * MB);
    expect(growth?.atEnd).toBe(220 * MB);
    expect(growth?.growth).toBeCloseTo(0.1, 6);
    expect(soakVerdict(windows)).toEqual({ passed: true, reasons: [] });
  });

  it('fails growth above 10 % after warm-up, naming the node', () => {
    const verdict = soakVerdict([window(true, [200]), window(false, [200]), window(false, [230])]);
    expect(verdict.passed).toBe(false);
    expect(verdict.reasons).toEqual(['node-1: RSS grew 15.0 % after warm-up (limit 10 %)']);
  });

  it('takes each window’s median, so one sample during a collection does not decide', () => {
    const windows = [window(false, [200, 200, 400]), window(false, [200, 300, 200])];
    expect(rssGrowth(windows)[0]?.growth).toBe(0);
  });

  it('fails a run with failed requests, or with no window after warm-up', () => {
    expect(soakVerdict([window(false, [200]), window(false, [200], 3)]).reasons).toEqual([
      '3 failed requests',
    ]);
    expect(soakVerdict([window(true, [200])]).reasons).toEqual([
      'no window after warm-up: run longer',
    ]);
  });

  it('is not fooled by a heap given back after the first window past warm-up', () => {
    // Six windows after warm-up: the first third is 185 and 143 MB, the last third 143 and 144.
    const windows = [
      window(true, [180]),
      ...[185, 143, 143, 143, 143, 144].map((rss) => window(false, [rss])),
    ];
    const [growth] = rssGrowth(windows);
    expect(growth?.afterWarmUp).toBe(143 * MB);
    expect(growth?.atEnd).toBe(143 * MB);
  });

  it('sees slow growth across the run', () => {
    const windows = [100, 100, 100, 105, 110, 115, 120].map((rss, i) => window(i === 0, [rss]));
    const [growth] = rssGrowth(windows);
    expect(growth?.afterWarmUp).toBe(100 * MB);
    expect(growth?.atEnd).toBe(115 * MB);
    expect(soakVerdict(windows).passed).toBe(false);
  });
});
