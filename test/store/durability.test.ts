/**
 * An acknowledged write survives the process being killed (kill -9) at any moment: a child
 * writes feedback in a loop, printing each cardUuid once recordFeedback has resolved; it is
 * SIGKILLed mid-write after ACKNOWLEDGED acknowledgements, and every one printed must then
 * be in the store. (Power loss is beyond a test: it depends on fsync, which SQLite is set
 * to do at every commit and PostgreSQL does by default.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { feedback } from './records.js';
import {
  STORE_TARGETS,
  suiteName,
  warnSkipped,
  type StoreKind,
  type TestLocation,
} from './targets.js';

warnSkipped();

const WRITER = fileURLToPath(new URL('fixtures/feedback-writer.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ACKNOWLEDGED = 150;
/**
 * Only a guard against a writer that hangs without dying: the test waits on the child's
 * events (enough acknowledgements, or its exit), never on how fast this machine is, so the
 * bound is far above any start-up plus writes; a writer that dies early fails at once.
 */
const HANG_GUARD_MS = 120_000;

/** The writer of the running test, killed after it if it is still alive. */
let writer: ChildProcess | undefined;

interface KilledRun {
  acknowledged: string[];
  /** Acknowledgements received when SIGKILL was sent (more may still arrive from the pipe). */
  atKill: number;
  elapsedMs: number;
}

/** Runs the writer until ACKNOWLEDGED acknowledgements, then SIGKILLs it; resolves once its output is drained. */
function writeUntilKilled(kind: StoreKind, location: string): Promise<KilledRun> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, kind, location], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  writer = child;
  const acknowledged: string[] = [];
  let atKill = -1;
  let pending = '';
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      acknowledged.push(...lines);
      if (atKill < 0 && acknowledged.length >= ACKNOWLEDGED) {
        atKill = acknowledged.length;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    // 'close' comes after stdout has ended, so every line written before the kill is counted.
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL' || atKill < 0) {
        reject(
          new Error(`writer ended early (code ${String(code)}, ${String(signal)}): ${stderr}`),
        );
        return;
      }
      resolve({ acknowledged, atKill, elapsedMs: Date.now() - started });
    });
  });
}

for (const target of STORE_TARGETS) {
  describe.skipIf(target.skipReason !== undefined)(suiteName(target), () => {
    let place: TestLocation | undefined;
    afterEach(async () => {
      // After a hang (the test timed out), the writer must not outlive the test.
      if (writer && writer.exitCode === null && writer.signalCode === null) writer.kill('SIGKILL');
      writer = undefined;
      await place?.drop();
      place = undefined;
    });

    it(
      'keeps every acknowledged feedback record when the writer is killed with SIGKILL',
      async () => {
        place = await target.create();
        const setup = place.open();
        await setup.migrate();
        await setup.close();

        const run = await writeUntilKilled(target.kind, place.location);
        console.info(
          `${target.kind}: ${String(run.acknowledged.length)} acknowledged ` +
            `(SIGKILL after ${String(run.atKill)}) in ${String(run.elapsedMs)} ms`,
        );

        if (target.kind === 'sqlite') {
          // Opening the file replays (recovers) the WAL the killed writer left.
          const db = new Database(place.location);
          expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
          db.close();
        }
        const store = place.open();
        try {
          await store.migrate();
          // Sending them all again must find every one already there.
          const records = run.acknowledged.map((cardUuid) => feedback({ cardUuid }));
          const again = await store.recordFeedback(records);
          expect(run.acknowledged.length).toBeGreaterThanOrEqual(ACKNOWLEDGED);
          expect(again).toEqual({
            stored: 0,
            duplicates: run.acknowledged.length,
            unknownCards: 0,
            otherClient: 0,
            unofferedReasons: 0,
          });
        } finally {
          await store.close();
        }
      },
      HANG_GUARD_MS,
    );
  });
}
