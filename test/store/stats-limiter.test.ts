/**
 * The statistics limiter (docs/architecture.md, "The store's threads"): a PostgreSQL store
 * runs two statistics reads on its pool at once, SQLite's reader thread one; eight may wait or
 * run in all, and a ninth is refused at once as `unavailable` (503). Reads here are promises
 * the test settles by hand, so what runs when is an order of events, never a time.
 */
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../src/errors.js';
import { statsLimiter } from '../../src/store/stats-limiter.js';

/** A read the test ends when it likes, recording when it started. */
function heldRead(started: number[], index: number) {
  let end = (): void => undefined;
  const done = new Promise<number>((resolve) => {
    end = () => {
      resolve(index);
    };
  });
  return {
    read: () => {
      started.push(index);
      return done;
    },
    end: () => {
      end();
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('statistics reads, limited', () => {
  it('runs two at once on PostgreSQL, the next starting as one ends, in the order asked', async () => {
    const limit = statsLimiter(2);
    const started: number[] = [];
    const reads = [0, 1, 2, 3].map((i) => heldRead(started, i));
    const answers = reads.map(({ read }) => limit(read));
    await settle();
    expect(started).toEqual([0, 1]);
    reads[1]?.end();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    reads[0]?.end();
    await settle();
    expect(started).toEqual([0, 1, 2, 3]);
    reads[2]?.end();
    reads[3]?.end();
    expect(await Promise.all(answers)).toEqual([0, 1, 2, 3]);
  });

  it('never runs a third while two run, counting the read that took a place handed over', async () => {
    const limit = statsLimiter(2);
    const started: number[] = [];
    const reads = [0, 1, 2, 3].map((i) => heldRead(started, i));
    const [read0, read1, read2, read3] = reads;
    if (!read0 || !read1 || !read2 || !read3) throw new Error('four reads');
    const first = [read0, read1, read2].map(({ read }) => limit(read));
    await settle();
    read0.end();
    await settle();
    // Read 2 took read 0's place; reads 1 and 2 run, so read 3 waits, whenever it is asked.
    const late = limit(read3.read);
    await settle();
    expect(started).toEqual([0, 1, 2]);
    for (const { end } of [read1, read2, read3]) end();
    await Promise.all([...first, late]);
    expect(started).toEqual([0, 1, 2, 3]);
  });

  it('refuses a ninth read at once as unavailable while eight wait or run, and takes reads again after', async () => {
    const limit = statsLimiter(1);
    const started: number[] = [];
    const reads = Array.from({ length: 8 }, (_, i) => heldRead(started, i));
    const answers = reads.map(({ read }) => limit(read));
    const refused = await limit(() => Promise.resolve('ran')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ServiceError);
    expect((refused as ServiceError).code).toBe('unavailable');
    for (const { end } of reads) end();
    await Promise.all(answers);
    expect(await limit(() => Promise.resolve('ran'))).toBe('ran');
  });

  it('gives the place back when a read fails', async () => {
    const limit = statsLimiter(1);
    await expect(limit(() => Promise.reject(new Error('query failed')))).rejects.toThrow(
      'query failed',
    );
    expect(await limit(() => Promise.resolve('ran'))).toBe('ran');
  });
});
