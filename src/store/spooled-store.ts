/**
 * Alerts are never stopped by the audit database (issue #16). The audit of served cards
 * stays "committed before the answer leaves", but the commit may be to the node's local
 * spool (./audit-spool.ts) when the database cannot take it: the call answers with its
 * cards, and the spool is replayed into the database, oldest first, once it answers again.
 * Replay is exactly once in effect: `card_audit` ignores a card uuid it already holds, so
 * a batch replayed again after a crash between the database commit and the spool delete
 * adds nothing.
 *
 * While the database is down (a write failed and the spool is not yet empty), the node
 * does not wait on it: new records go straight to the spool (keeping their order), the
 * suppression look-up fails fast (the card is shown: ../cds/suppression.ts), and feedback
 * is refused with 503 and Retry-After (the CDS client retries; feedback is not a safety
 * path, and storing it before its card is replayed would mark it "unknown card").
 *
 * When the spool cannot be written either, the database is tried too (while it was down it
 * was not, and it may be back), and only when neither takes the records does the call fail:
 * the node then "cannot record audit" (./audit-recording.ts) until a write to either succeeds
 * again. A record the database takes while older ones wait in the spool is committed before
 * them; each keeps its own served_at, and replay adds the older ones unchanged.
 */
import type { Logger } from 'pino';
import { ServiceError } from '../errors.js';
import type { AuditSpool } from './audit-spool.js';
import { auditRecording } from './audit-recording.js';
import type { ResilienceMetrics } from './resilience-metrics.js';
import { withTimeout } from './time-limit.js';
import type { CardAuditRecord, Store } from './store.js';

export interface AuditHealth {
  /** True from a failed audit write until the spool has been replayed. */
  degraded: boolean;
  /** Audit records waiting in the local spool. */
  spooled: number;
  /** True while neither the store nor the spool could take a call's audit: no cards are served. */
  cannotRecord: boolean;
}

export interface SpooledStore extends Store {
  health(): AuditHealth;
}

export interface SpoolOptions {
  logger: Logger;
  metrics: ResilienceMetrics;
  /** Pause between replay attempts while the database is down, and between spool checks. */
  retryMs?: number;
  /** A database write slower than this is spooled (a late commit is then a no-op replay). */
  writeTimeoutMs?: number;
}

/** Records per replay transaction, and transactions per replay run (bounded loops). */
const REPLAY_BATCH = 200;
const REPLAY_BATCHES_PER_RUN = 50;

export function withAuditSpool(
  store: Store,
  spool: AuditSpool,
  options: SpoolOptions,
): SpooledStore {
  const { logger, metrics } = options;
  const retryMs = options.retryMs ?? 2000;
  const writeTimeoutMs = options.writeTimeoutMs ?? 3000;
  let spooled = spool.depth();
  let degraded = spooled > 0;
  let timer: NodeJS.Timeout | undefined;
  let replaying: Promise<void> | undefined;
  metrics.auditSpoolDepth(spooled);

  const markDown = (error: unknown) => {
    if (!degraded)
      logger.warn(
        { problem: error instanceof Error ? error.message : String(error) },
        'audit store unavailable: served cards are spooled locally and replayed when it answers',
      );
    degraded = true;
  };

  /** Replays up to REPLAY_BATCHES_PER_RUN batches; the delay before the next run, or undefined when done. */
  const replay = async (): Promise<number | undefined> => {
    for (let run = 0; run < REPLAY_BATCHES_PER_RUN; run += 1) {
      const batch = spool.oldest(REPLAY_BATCH);
      if (!batch) {
        // Empty, whatever this process last read: the node's cluster workers share the spool
        // file, and another of them may have replayed what this one spooled.
        spooled = 0;
        metrics.auditSpoolDepth(0);
        if (degraded) logger.info('audit store answers again: spool replayed');
        degraded = false;
        return undefined;
      }
      await store.recordCards(batch.records);
      spool.remove(batch.upTo);
      spooled = spool.depth();
      metrics.auditReplayed(batch.records.length);
      metrics.auditSpoolDepth(spooled);
    }
    return 0;
  };

  const scheduleReplay = (delayMs: number) => {
    if (timer || replaying) return;
    timer = setTimeout(() => {
      timer = undefined;
      replaying = replay()
        .catch((error: unknown) => {
          markDown(error);
          return retryMs;
        })
        .then((next) => {
          replaying = undefined;
          if (next !== undefined) scheduleReplay(next);
        });
    }, delayMs);
    timer.unref();
  };
  if (degraded) scheduleReplay(0);
  const recording = auditRecording({
    logger,
    metrics,
    retryMs,
    // Either place will do: the spool first (local, at once), then the database.
    check: async () => {
      try {
        spool.checkWritable();
      } catch (spoolError) {
        await withTimeout(store.checkWritable(), writeTimeoutMs).catch(() => {
          throw spoolError;
        });
      }
    },
    // Nothing waits in the spool: the next call tries the database again, as after a replay.
    // Records waiting are replayed by the timer that has been retrying them all along.
    onRecovered: () => {
      if (spooled === 0) degraded = false;
    },
  });

  /** Throws when the spool cannot take the records. */
  const spoolCards = (records: readonly CardAuditRecord[]) => {
    spool.append(records);
    spooled += records.length;
    // After the count: with records waiting, ending the state leaves the node degraded.
    recording.succeeded();
    metrics.auditSpooled(records.length);
    metrics.auditSpoolDepth(spooled);
    scheduleReplay(retryMs);
  };

  /** Whether the database took the records (within the write timeout); marks it down if not. */
  const stored = async (records: readonly CardAuditRecord[]): Promise<boolean> => {
    try {
      await withTimeout(store.recordCards(records), writeTimeoutMs);
    } catch (error) {
      markDown(error);
      return false;
    }
    recording.succeeded();
    return true;
  };

  const unavailable = (what: string, cause?: unknown) =>
    new ServiceError(
      'unavailable',
      [{ severity: 'error', code: 'transient', diagnostics: `${what}; try again shortly` }],
      { cause },
    );

  return {
    ...store,
    recordCards: async (records) => {
      const storeTried = !degraded;
      if (storeTried && (await stored(records))) return;
      try {
        spoolCards(records);
      } catch (spoolError) {
        // Not while the node cannot record: its check tries the database every retryMs, and a
        // call need not wait out the write timeout on a database that hangs.
        if (!storeTried && !recording.cannotRecord() && (await stored(records))) return;
        // Then, and only then, the call fails.
        recording.failed(spoolError);
        throw spoolError;
      }
    },
    recordFeedback: async (records) => {
      if (degraded) throw unavailable('feedback cannot be stored while the audit store is down');
      try {
        // Bounded as every other database call here: a database that hangs (a lock held on the
        // feedback table) would otherwise hold the call and a pooled connection with no end,
        // and the audit writes behind them. A late commit is harmless: the client retries on
        // 503 and the retry is stored as a duplicate of the same feedback.
        return await withTimeout(store.recordFeedback(records), writeTimeoutMs);
      } catch (error) {
        markDown(error);
        scheduleReplay(retryMs);
        throw unavailable('feedback could not be stored', error);
      }
    },
    // Read before feedback is stored, so refused in the same way while the store is down.
    servedCards: async (cardUuids) => {
      if (degraded) throw unavailable('feedback cannot be checked while the audit store is down');
      try {
        return await withTimeout(store.servedCards(cardUuids), writeTimeoutMs);
      } catch (error) {
        throw unavailable('feedback could not be checked', error);
      }
    },
    lastOverride: (ruleId, patientKey, clientKey, since) =>
      degraded
        ? Promise.reject(new Error('audit store unavailable'))
        : withTimeout(store.lastOverride(ruleId, patientKey, clientKey, since), writeTimeoutMs),
    health: () => ({ degraded, spooled, cannotRecord: recording.cannotRecord() }),
    close: async () => {
      recording.stop();
      clearTimeout(timer);
      await replaying;
      spool.close();
      await store.close();
    },
  };
}
