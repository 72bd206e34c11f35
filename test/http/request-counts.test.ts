/**
 * Issue #19: one request must never stall the service, however many items its lists hold.
 * For every list the service walks (./request-counts.ts), the same request is sent with 300
 * items and with 3,000 (two lists grown together: 150 and 1,500); the larger may cost at most about 20× the smaller
 * (./request-growth.ts). A report with 65,000 copies of one conclusion code once took 158 s,
 * and 12,000 selected draft orders 151 s: each item was compared with every one before it.
 * How long each field may be is the other dimension: ./request-complexity.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { listeningTestApp } from '../support/app.js';
import { COUNTED_LISTS } from './request-counts.js';
import { growthOf, MAX_GROWTH } from './request-growth.js';

/** Items in the small request; the large one holds ten times as many. */
const SMALL = 300;

const app = listeningTestApp();

describe('the cost of a request grows linearly with the items of every list the service walks', () => {
  it.each(COUNTED_LISTS.map((list) => [list.name, list] as const))('%s', async (name, list) => {
    const count = list.smallCount ?? SMALL;
    const { small, large, statuses } = await growthOf(
      `${app.base()}/cds-services/${list.serviceId}`,
      JSON.stringify(list.build(count)),
      JSON.stringify(list.build(10 * count)),
    );
    // Answered, not refused: a list this long is still a request the service reads.
    for (const status of statuses) expect(status, name).toBe(200);
    expect(
      large,
      `${name}: ${String(count)} items took ${small.toFixed(1)} ms, ${String(10 * count)} took ${large.toFixed(1)} ms`,
    ).toBeLessThanOrEqual(MAX_GROWTH * small);
  });
});
