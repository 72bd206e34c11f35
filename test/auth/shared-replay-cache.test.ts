/**
 * The replay guard of cluster workers and fleet nodes (src/auth/replay-cache.ts) on the
 * real shared state of an SQLite file: a JWT id is accepted once across workers, and this
 * node's memory refuses a replay it has already seen without asking the database (issue
 * #15), but never admits one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SharedReplayCache } from '../../src/auth/replay-cache.js';
import { openStore } from '../../src/store/open-store.js';
import { NO_RESILIENCE_METRICS } from '../../src/store/resilience-metrics.js';
import { sharedStateCircuit } from '../../src/store/shared-state-circuit.js';
import type { SharedState } from '../../src/store/shared-state-contract.js';
import { openSharedState } from '../../src/store/shared-state.js';

const NOW = Date.parse('2026-03-01T10:00:00Z');
const MINUTE = 60_000;

describe('shared replay guard', () => {
  let dir: string;
  let states: SharedState[];
  /** Keys each worker asked the database about, in order. */
  let asked: string[][];
  let workers: [SharedReplayCache, SharedReplayCache];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'emd-cds-replay-'));
    const options = { sqliteFile: join(dir, 'emd-cds.sqlite') };
    const store = openStore(options);
    await store.migrate();
    await store.close();
    states = [openSharedState(options), openSharedState(options)];
    // Each state's writer thread is started before the test: a first answer slower than
    // the circuit's timeout (a cold thread on a loaded machine) would be taken from memory,
    // the outage path, which admits a use the other worker also admits by design.
    await Promise.all(states.map((state) => state.rememberOnce('warm-up', NOW + MINUTE, NOW)));
    asked = [[], []];
    const worker = (i: 0 | 1): SharedReplayCache => {
      const state = states[i] as SharedState;
      const counted: SharedState = {
        ...state,
        rememberOnce: (key, expiresAtMs, nowMs) => {
          asked[i]?.push(key);
          return state.rememberOnce(key, expiresAtMs, nowMs);
        },
      };
      const circuit = sharedStateCircuit({
        logger: pino({ level: 'silent' }),
        metrics: NO_RESILIENCE_METRICS,
        now: () => NOW,
      });
      return new SharedReplayCache(counted, circuit, () => NOW);
    };
    workers = [worker(0), worker(1)];
  });
  afterEach(async () => {
    await Promise.all(states.map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a replay to the same worker without asking the database', async () => {
    const [a] = workers;
    expect(await a.rememberOnce('iss|jti-1', NOW + MINUTE)).toBe(true);
    expect(await a.rememberOnce('iss|jti-1', NOW + MINUTE)).toBe(false);
    expect(await a.rememberOnce('iss|jti-1', NOW + MINUTE)).toBe(false);
    expect(asked[0]).toEqual(['iss|jti-1']);
  });

  it('refuses a replay to another worker, which has not seen the id, through the database', async () => {
    const [a, b] = workers;
    expect(await a.rememberOnce('iss|jti-1', NOW + MINUTE)).toBe(true);
    expect(await b.rememberOnce('iss|jti-1', NOW + MINUTE)).toBe(false);
    expect(asked).toEqual([['iss|jti-1'], ['iss|jti-1']]);
    // Now remembered by the second worker too: refused there without the database.
    expect(await b.rememberOnce('iss|jti-1', NOW + MINUTE)).toBe(false);
    expect(asked[1]).toEqual(['iss|jti-1']);
  });

  it('accepts a JWT id exactly once when uses race on both workers', async () => {
    const uses = Array.from({ length: 20 }, (_, i) =>
      workers[i % 2 === 0 ? 0 : 1].rememberOnce('iss|jti-race', NOW + MINUTE),
    );
    const answers = await Promise.all(uses);
    expect(answers.filter((fresh) => fresh)).toHaveLength(1);
    expect(answers.filter((fresh) => !fresh)).toHaveLength(19);
  });
});
