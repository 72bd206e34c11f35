/**
 * What GET /readyz answers, apart from the route (./health-probes.ts): why the node is
 * degraded, in words for a monitor and as fields for the console (web/console/node-health.ts),
 * which says each reason in the analyst's language rather than parsing the words.
 */
import type { ReloadRefusal } from '../config/reload-refusal.js';
import type { AuditHealth } from '../store/spooled-store.js';

/** A cluster node's workers: how many listen, of how many WORKERS asks for (src/cluster/cluster.ts). */
export interface Headcount {
  serving: number;
  wanted: number;
}

/**
 * What /readyz reports as degraded (issue #16): the audit spool, the shared state, a refused
 * reload, settings that wait for a restart, fewer cluster workers serving than configured;
 * and as not ready: an audit recorded nowhere.
 */
export interface NodeHealth {
  audit: AuditHealth | undefined;
  sharedStateDown: boolean;
  /** When the last reload of the config file was refused, if none has succeeded since. */
  configReloadRefusedAt?: string | undefined;
  /**
   * Why it was refused, for GET /admin/config behind the admin token; never on the open
   * /readyz, which says only when (a problem names the site's paths and keys).
   */
  configReloadRefusal?: ReloadRefusal | undefined;
  /** Start-only keys the file in force changed since the start (src/config/start-only-keys.ts). */
  restartNeededFor?: readonly string[] | undefined;
  /** In a cluster worker: how many of the node's workers serve, as the primary last said. */
  workers?: Headcount | undefined;
}

/**
 * The body of /readyz. Each reason field is present only while it holds, so a ready node's
 * answer is `status`, `configHash` and `auditSpooled` alone.
 */
export interface ReadinessReport {
  status: 'ready' | 'degraded' | 'cannot record audit' | 'shutting down';
  /** The configuration in force: after a refused reload, the previous one. */
  configHash?: string;
  auditSpooled?: number;
  /** Each reason the node is degraded, in words. */
  degraded?: string[];
  notReady?: string[];
  /** The audit database refused a write: records are spooled on this node. */
  auditStoreDown?: true;
  sharedStateDown?: true;
  configReloadRefusedAt?: string;
  /**
   * How many start-only keys wait for a restart. Not their names: this answer is open to
   * anyone who reaches the node, and "auth.enabled" there says what a restart would bring.
   * The log and GET /admin/config (behind the admin token) name them.
   */
  restartNeeded?: number;
  /** Fewer workers serve than WORKERS asks for: the primary is restarting the others. */
  workersShort?: Headcount;
}

/**
 * Said on the open /readyz instead of the cause, which may name a path or a host: the log
 * has it (src/store/audit-recording.ts).
 */
export const CANNOT_RECORD =
  "audit cannot be recorded: neither the audit database nor this node's local audit spool accepts writes, so hook calls are refused; check the audit database and the free space on the disk of the node's data folder (details in the log)";

/** Why the node is degraded, in words and as fields; nothing when it is not. */
export function degradedReasons(
  health: NodeHealth | undefined,
): Pick<
  ReadinessReport,
  | 'degraded'
  | 'auditStoreDown'
  | 'sharedStateDown'
  | 'configReloadRefusedAt'
  | 'restartNeeded'
  | 'workersShort'
> {
  // While the audit cannot be recorded at all, nothing is spooled either: that is said apart.
  const auditStoreDown = health?.audit?.degraded === true && !health.audit.cannotRecord;
  const refusedAt = health?.configReloadRefusedAt;
  const restartNeeded = health?.restartNeededFor?.length ?? 0;
  // Still ready: the worker answering serves; the node has less capacity, and the primary's
  // log says why each restarted worker exits.
  const workersShort =
    health?.workers && health.workers.serving < health.workers.wanted
      ? { ...health.workers }
      : undefined;
  const degraded = [
    ...(auditStoreDown ? ['audit store unavailable: cards are spooled locally'] : []),
    ...(health?.sharedStateDown ? ['shared state unavailable: replay guard is node-local'] : []),
    // The message only: the reason (file, line, key) is in the log, not on an open endpoint.
    ...(refusedAt
      ? [
          `configuration reload refused at ${refusedAt}: the previous configuration is in force (see the log)`,
        ]
      : []),
    ...(restartNeeded > 0 ? [restartNeededWords(restartNeeded)] : []),
    ...(workersShort
      ? [
          `workers short: ${String(workersShort.serving)} of ${String(workersShort.wanted)} workers serving; the primary is restarting the others (see the log)`,
        ]
      : []),
  ];
  if (degraded.length === 0) return {};
  return {
    degraded,
    ...(auditStoreDown ? { auditStoreDown: true } : {}),
    ...(health?.sharedStateDown ? { sharedStateDown: true } : {}),
    ...(refusedAt ? { configReloadRefusedAt: refusedAt } : {}),
    ...(restartNeeded > 0 ? { restartNeeded } : {}),
    ...(workersShort ? { workersShort } : {}),
  };
}

function restartNeededWords(count: number): string {
  const settings = count === 1 ? '1 setting' : `${String(count)} settings`;
  const take = count === 1 ? 'takes' : 'take';
  return `restart needed: ${settings} changed in the configuration in force ${take} effect only after a restart (the log names them)`;
}
