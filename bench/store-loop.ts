/**
 * `npx tsx bench/store-loop.ts`: how much of the main thread the audit commit takes
 * (issue #15, docs/performance-log.md section 10). Ten writers record one card at a time
 * through group commit, for a few seconds, on an SQLite file (synchronous = FULL), once
 * with the connection on the main thread (the store before issue #15) and once through
 * the writer thread; meanwhile the event loop's delay is sampled. A delay is time the
 * loop could not serve anything else, such as another hook call. It reports; it asserts
 * nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { withGroupCommit } from '../src/store/group-commit.js';
import { openSqliteStore } from '../src/store/sqlite-store.js';
import { openSqliteThreadStore } from '../src/store/sqlite-thread-store.js';
import type { CardAuditRecord, Store } from '../src/store/store.js';
import { fmt } from './stats.js';

const WRITERS = 10;
const SECONDS = Number(process.argv[2] ?? 5);

const card = (cardUuid: string): CardAuditRecord => ({
  cardUuid,
  ruleId: 'emd-cns',
  serviceId: 'emd-patient-view',
  hook: 'patient-view',
  hookInstance: cardUuid,
  indicator: 'warning',
  servedAt: new Date().toISOString(),
  configHash: 'bench',
  patientKey: 'bench-patient',
  evidenceKeys: ['e1', 'e2'],
  clientKey: '',
});

async function measure(name: string, open: (file: string) => Store): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'emd-cds-store-loop-'));
  const inner = open(join(dir, 'audit.sqlite'));
  await inner.migrate();
  const store = withGroupCommit(inner);
  await store.recordCards([card('warm-up')]);
  const delay = monitorEventLoopDelay({ resolution: 1 });
  let started = 0;
  let written = 0;
  const until = performance.now() + SECONDS * 1000;
  delay.enable();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, writer) => {
      while (performance.now() < until) {
        await store.recordCards([card(`${String(writer)}-${String(started++)}`)]);
        written += 1;
      }
    }),
  );
  delay.disable();
  await inner.close();
  rmSync(dir, { recursive: true, force: true });
  const ms = (ns: number) => fmt(ns / 1e6, 2);
  console.log(
    `${name.padEnd(34)} ${fmt(written / SECONDS, 0).padStart(6)} calls/s  event-loop delay ` +
      `p50 ${ms(delay.percentile(50))} ms  p99 ${ms(delay.percentile(99))} ms  max ${ms(delay.max)} ms`,
  );
}

console.log(`${String(WRITERS)} writers, ${String(SECONDS)} s each, group commit, SQLite FULL`);
await measure('connection on the main thread', openSqliteStore);
await measure('writer thread (issue #15)', openSqliteThreadStore);
