/**
 * "Cannot record audit": the state of a node whose hook call's audit could be written
 * neither to the audit store nor to its local spool (./spooled-store.ts). Cards are served
 * only once their audit is committed (issue #7), so such a node serves nothing and is not
 * ready (/readyz 503, src/http/health-probes.ts), unlike a node that spools (issue #16).
 *
 * A circuit breaker's half-open state: the node does not wait for traffic to find out that
 * it can record again (a balancer that stopped sending on the 503 would never send any).
 * While in the state it re-checks on its own, every `retryMs`, with a real write to each
 * place a call's audit may go (the spool's and the audit store's `checkWritable`), so the
 * node recovers when either accepts again: the database back while the spool's disk is still
 * full, or the disk freed while the database is still down. A check or a hook call's audit
 * that succeeds ends the state. Entered and ended once each in the log.
 */
import type { Logger } from 'pino';
import type { ResilienceMetrics } from './resilience-metrics.js';

export interface AuditRecording {
  /** True from an audit recorded nowhere until a write succeeds again. */
  cannotRecord(): boolean;
  /** A call's audit could be recorded nowhere: enter the state, and re-check until it ends. */
  failed(error: unknown): void;
  /** An audit write succeeded: end the state. A boolean test when not in it (hot path). */
  succeeded(): void;
  /** Stops the re-check (on close). */
  stop(): void;
}

export interface AuditRecordingOptions {
  logger: Logger;
  metrics: ResilienceMetrics;
  /** Real writes to where a call's audit may go; rejects while none can be made. */
  check: () => Promise<void>;
  /** Pause between checks. */
  retryMs: number;
  /** Called once the state has ended (after the log line). */
  onRecovered: () => void;
}

export function auditRecording(options: AuditRecordingOptions): AuditRecording {
  const { logger, metrics } = options;
  let cannot = false;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const end = () => {
    cannot = false;
    clearTimeout(timer);
    timer = undefined;
    metrics.auditCannotRecord(false);
    logger.info('audit can be recorded again: hook calls are served');
    options.onRecovered();
  };

  const scheduleCheck = () => {
    timer = setTimeout(() => {
      timer = undefined;
      options.check().then(
        () => {
          if (cannot && !stopped) end();
        },
        () => {
          // Still failing: logged once on entry, not at every check.
          if (cannot && !stopped) scheduleCheck();
        },
      );
    }, options.retryMs);
    timer.unref();
  };

  return {
    cannotRecord: () => cannot,
    failed: (error) => {
      if (cannot) return;
      cannot = true;
      metrics.auditCannotRecord(true);
      // The cause (a path, "database or disk is full") belongs here, not on the open /readyz.
      logger.error(
        { problem: error instanceof Error ? error.message : String(error) },
        'audit cannot be recorded: neither the audit store nor the local audit spool accepts writes; hook calls are refused (503) and /readyz answers 503 until one does. Check the audit database and the disk of the data folder',
      );
      scheduleCheck();
    },
    succeeded: () => {
      if (cannot) end();
    },
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
