import { afterEach, describe, expect, it, vi } from 'vitest';
import { sample } from '../../bench/sample.js';

/** A clock that moves only when the test moves it, so no assertion depends on the machine. */
function fakeClock() {
  let now = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => now);
  return {
    advance: (ms: number) => {
      now += ms;
    },
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('sample (the in-process micro-benchmark)', () => {
  it('warms up for the count asked, then times the runs asked', async () => {
    const clock = fakeClock();
    let runs = 0;
    const samples = await sample({ warmup: 4, measured: 6 }, () => {
      runs += 1;
      clock.advance(2);
      return Promise.resolve();
    });
    expect(runs).toBe(10);
    expect(samples).toEqual([2, 2, 2, 2, 2, 2]);
  });

  it('keeps warming up until the minimum time has passed, however few runs were asked', async () => {
    const clock = fakeClock();
    let runs = 0;
    const samples = await sample({ warmup: 1, warmupMs: 60, measured: 1 }, () => {
      runs += 1;
      clock.advance(5);
      return Promise.resolve();
    });
    // 12 warm-up runs of 5 ms fill the 60 ms; then the one measured run.
    expect(runs).toBe(13);
    expect(samples).toEqual([5]);
  });

  it('hands each run its own freshly prepared input, built outside the timed part', async () => {
    const clock = fakeClock();
    const seen: object[] = [];
    const samples = await sample(
      {
        warmup: 1,
        measured: 3,
        prepare: () => {
          clock.advance(30);
          return {};
        },
      },
      (input) => {
        seen.push(input);
        clock.advance(1);
        return Promise.resolve();
      },
    );
    expect(new Set(seen).size).toBe(4);
    expect(samples).toEqual([1, 1, 1]);
  });

  it('stops timing once the cap has passed, after at least 3 runs', async () => {
    const clock = fakeClock();
    const samples = await sample({ warmup: 0, measured: 100, capMs: 10 }, () => {
      clock.advance(2);
      return Promise.resolve();
    });
    // Past 10 ms after the sixth run (12 ms).
    expect(samples).toHaveLength(6);
    const few = await sample({ warmup: 0, measured: 100, capMs: 1 }, () => {
      clock.advance(2);
      return Promise.resolve();
    });
    expect(few).toHaveLength(3);
  });
});
