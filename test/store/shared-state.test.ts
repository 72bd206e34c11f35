/**
 * The state cluster workers share (src/store/shared-state.ts), run against every store
 * database. Two SharedState connections on one database stand for two workers.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreOptions } from '../../src/store/open-store.js';
import type { SharedState } from '../../src/store/shared-state-contract.js';
import { openSharedState } from '../../src/store/shared-state.js';
import {
  STORE_TARGETS,
  suiteName,
  warnSkipped,
  type StoreKind,
  type TestLocation,
} from './targets.js';

warnSkipped();

const NOW = Date.parse('2026-03-01T10:00:00Z');
const MINUTE = 60_000;

function optionsFor(kind: StoreKind, location: string): StoreOptions {
  return kind === 'sqlite' ? { sqliteFile: location } : { postgresUrl: location };
}

for (const target of STORE_TARGETS) {
  describe.skipIf(target.skipReason !== undefined)(`shared state, ${suiteName(target)}`, () => {
    let place: TestLocation;
    let workers: [SharedState, SharedState];
    beforeEach(async () => {
      place = await target.create();
      const store = place.open();
      await store.migrate();
      await store.close();
      const options = optionsFor(target.kind, place.location);
      workers = [openSharedState(options), openSharedState(options)];
    });
    afterEach(async () => {
      await Promise.all(workers.map((w) => w.close()));
      await place.drop();
    });

    it('accepts a JWT id once, on whichever worker sees it first', async () => {
      const [a, b] = workers;
      expect(await a.rememberOnce('iss|jti-1', NOW + MINUTE, NOW)).toBe(true);
      expect(await b.rememberOnce('iss|jti-1', NOW + MINUTE, NOW)).toBe(false);
      expect(await a.rememberOnce('iss|jti-1', NOW + MINUTE, NOW + 1000)).toBe(false);
      expect(await b.rememberOnce('iss|jti-2', NOW + MINUTE, NOW)).toBe(true);
    });

    it('accepts a JWT id again only once its entry has expired', async () => {
      const [a, b] = workers;
      expect(await a.rememberOnce('iss|jti-1', NOW + MINUTE, NOW)).toBe(true);
      expect(await b.rememberOnce('iss|jti-1', NOW + 3 * MINUTE, NOW + MINUTE)).toBe(true);
      expect(await a.rememberOnce('iss|jti-1', NOW + 3 * MINUTE, NOW + 2 * MINUTE)).toBe(false);
    });

    it('accepts a JWT id exactly once when both workers race for it', async () => {
      const [a, b] = workers;
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 === 0 ? a : b).rememberOnce('iss|raced', NOW + MINUTE, NOW),
        ),
      );
      expect(answers.filter(Boolean)).toHaveLength(1);
    });

    it('counts a caller’s requests across workers, per window', async () => {
      const [a, b] = workers;
      expect(await a.countHit('iss:x', NOW)).toBe(1);
      expect(await b.countHit('iss:x', NOW)).toBe(2);
      expect(await a.countHit('iss:x', NOW)).toBe(3);
      expect(await b.countHit('iss:y', NOW)).toBe(1);
      expect(await a.countHit('iss:x', NOW + MINUTE)).toBe(1);
      await b.uncountHit('iss:x', NOW);
      expect(await a.countHit('iss:x', NOW)).toBe(3);
      await a.resetHits('iss:x');
      expect(await b.countHit('iss:x', NOW)).toBe(1);
    });

    it('purges expired JWT ids and old windows only', async () => {
      const [a] = workers;
      await a.rememberOnce('iss|old', NOW + MINUTE, NOW);
      await a.rememberOnce('iss|new', NOW + 10 * MINUTE, NOW);
      await a.countHit('iss:x', NOW);
      await a.countHit('iss:x', NOW + 5 * MINUTE);
      await a.purge(NOW + 5 * MINUTE, NOW + 5 * MINUTE);
      // The expired id is gone (accepted again), the live one is kept.
      expect(await a.rememberOnce('iss|old', NOW + 20 * MINUTE, NOW + 5 * MINUTE)).toBe(true);
      expect(await a.rememberOnce('iss|new', NOW + 20 * MINUTE, NOW + 5 * MINUTE)).toBe(false);
      expect(await a.countHit('iss:x', NOW)).toBe(1);
      expect(await a.countHit('iss:x', NOW + 5 * MINUTE)).toBe(2);
    });
  });
}
