/**
 * Issue #19: one request must never stall the service. For every field the service reads,
 * the same request is sent with that field 10 KB long and 100 KB long; the 100 KB one may
 * cost at most about 20× the 10 KB one. Linear work costs ~10×, quadratic work ~100× (the
 * 200 KB `subject.reference` that once took 22 s grew exactly so). A check of growth, not of
 * speed: both sizes are measured in the same run as CPU time of this process, best of a few
 * tries, so a slow or busy machine changes both alike.
 */
import { describe, expect, it } from 'vitest';
import { listeningTestApp } from '../support/app.js';
import { FIELDS, FILLERS, requestWith, type Field } from './request-fields.js';

const SMALL = 10 * 1024;
const LARGE = 100 * 1024;
/** Linear growth gives ~10×; quadratic ~100×. 20× leaves room for noise and GC. */
const MAX_GROWTH = 20;
const TRIES = 3;
const ROUNDS = 3;

const app = listeningTestApp();

/**
 * CPU milliseconds this process spent from sending the request to the end of the answer,
 * and the status. Client and service share the process, so this is the request's own work;
 * CPU time, unlike wall time, does not grow when other processes load the machine.
 */
async function timeCall(serviceId: string, body: string): Promise<{ ms: number; status: number }> {
  const started = process.cpuUsage();
  const res = await fetch(`${app.base()}/cds-services/${serviceId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  await res.arrayBuffer();
  const used = process.cpuUsage(started);
  return { ms: (used.user + used.system) / 1000, status: res.status };
}

/** Best time of a few interleaved tries at each size (the least disturbed by GC and JIT). */
async function bestTimes(field: Field, filler: string): Promise<[number, number, number[]]> {
  const small = requestWith(field, filler, SMALL);
  const large = requestWith(field, filler, LARGE);
  const best = [Infinity, Infinity];
  const statuses: number[] = [];
  await timeCall(field.serviceId, small); // warm-up: JIT and caches, not measured
  for (let i = 0; i < TRIES; i++) {
    for (const [slot, body] of [small, large].entries()) {
      const { ms, status } = await timeCall(field.serviceId, body);
      best[slot] = Math.min(best[slot] ?? Infinity, ms);
      statuses.push(status);
    }
  }
  return [best[0] ?? Infinity, best[1] ?? Infinity, statuses];
}

/**
 * Growth of the 100 KB request over the 10 KB one, measured up to ROUNDS times: quadratic
 * work exceeds the limit every round (about 100×), a pause of the collector only once.
 */
async function growthOf(field: Field, filler: string): Promise<Measured> {
  let measured: Measured = { small: 0, large: 0, statuses: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const [small, large, statuses] = await bestTimes(field, filler);
    measured = { small, large, statuses: [...measured.statuses, ...statuses] };
    if (large <= MAX_GROWTH * small) break;
  }
  return measured;
}

interface Measured {
  small: number;
  large: number;
  statuses: number[];
}

describe('the cost of a request grows linearly with every field the service reads', () => {
  for (const field of FIELDS) {
    it.each(Object.entries(FILLERS))(`${field.name}, filled with %s`, async (_kind, filler) => {
      const { small, large, statuses } = await growthOf(field, filler);
      // Never a 5xx, whatever the length: a value past its bound is refused or ignored.
      for (const status of statuses) expect(status).toBeLessThan(500);
      expect(
        large,
        `${field.name}: 10 KB took ${small.toFixed(1)} ms, 100 KB took ${large.toFixed(1)} ms`,
      ).toBeLessThanOrEqual(MAX_GROWTH * small);
    });
  }
});
