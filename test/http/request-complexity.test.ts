/**
 * Issue #19: one request must never stall the service. For every field the service reads,
 * the same request is sent with that field 10 KB long and 100 KB long; the 100 KB one may
 * cost at most about 20× the 10 KB one (./request-growth.ts). The 200 KB `subject.reference`
 * that once took 22 s grew quadratically. How many of a thing a request holds is the other
 * dimension: ./request-counts.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { listeningTestApp } from '../support/app.js';
import { FIELDS, FILLERS, requestWith } from './request-fields.js';
import { growthOf, MAX_GROWTH } from './request-growth.js';

const SMALL = 10 * 1024;
const LARGE = 100 * 1024;

const app = listeningTestApp();

describe('the cost of a request grows linearly with every field the service reads', () => {
  for (const field of FIELDS) {
    it.each(Object.entries(FILLERS))(`${field.name}, filled with %s`, async (_kind, filler) => {
      const { small, large, statuses } = await growthOf(
        `${app.base()}/cds-services/${field.serviceId}`,
        requestWith(field, filler, SMALL),
        requestWith(field, filler, LARGE),
      );
      // Never a 5xx, whatever the length: a value past its bound is refused or ignored.
      for (const status of statuses) expect(status).toBeLessThan(500);
      expect(
        large,
        `${field.name}: 10 KB took ${small.toFixed(1)} ms, 100 KB took ${large.toFixed(1)} ms`,
      ).toBeLessThanOrEqual(MAX_GROWTH * small);
    });
  }
});
