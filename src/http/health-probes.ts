/**
 * The balancer's and the orchestrator's probes: GET /healthz (the process answers) and
 * GET /readyz (send it calls). A degraded node is still ready, since it serves alerts
 * (issue #16); a node shutting down is not, so the balancer stops sending before it closes,
 * and nor is a node that can record its audit nowhere, as it serves no cards.
 */
import type { Express } from 'express';
import type { ServiceSettings } from '../cds/service-settings.js';
import type { AuditHealth } from '../store/spooled-store.js';

/**
 * What /readyz reports as degraded (issue #16): the audit spool, the shared state, a refused
 * reload; and as not ready: an audit recorded nowhere.
 */
export interface NodeHealth {
  audit: AuditHealth | undefined;
  sharedStateDown: boolean;
  /** When the last reload of the config file was refused, if none has succeeded since. */
  configReloadRefusedAt?: string | undefined;
}

export interface HealthProbeDeps {
  /** The settings in force: /readyz shows their configHash. */
  settings: () => ServiceSettings;
  health?: () => NodeHealth;
  /** True once shutdown has begun: /readyz then answers 503. */
  isShuttingDown: () => boolean;
}

/**
 * Said on the open /readyz instead of the cause, which may name a path or a host: the log
 * has it (src/store/audit-recording.ts).
 */
const CANNOT_RECORD =
  "audit cannot be recorded: neither the audit database nor this node's local audit spool accepts writes, so hook calls are refused; check the audit database and the free space on the disk of the node's data folder (details in the log)";

/** Why the node is degraded, in words for the operator; empty when it is not. */
function degradedReasons(health: NodeHealth | undefined): string[] {
  return [
    // While the audit cannot be recorded at all, nothing is spooled either: that is said apart.
    ...(health?.audit?.degraded && !health.audit.cannotRecord
      ? ['audit store unavailable: cards are spooled locally']
      : []),
    ...(health?.sharedStateDown ? ['shared state unavailable: replay guard is node-local'] : []),
    // The message only: the reason (file, line, key) is in the log, not on an open endpoint.
    ...(health?.configReloadRefusedAt
      ? [
          `configuration reload refused at ${health.configReloadRefusedAt}: the previous configuration is in force (see the log)`,
        ]
      : []),
  ];
}

export function serveHealthProbes(app: Express, deps: HealthProbeDeps): void {
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    if (deps.isShuttingDown()) {
      res.status(503).json({ status: 'shutting down' });
      return;
    }
    const health = deps.health?.();
    const degraded = degradedReasons(health);
    const body = {
      configHash: deps.settings().configHash,
      ...(health?.audit ? { auditSpooled: health.audit.spooled } : {}),
      ...(degraded.length > 0 ? { degraded } : {}),
    };
    // Every card is audited before it is served (issue #7): a node that can record its audit
    // nowhere serves nothing, so the balancer must send its calls elsewhere.
    if (health?.audit?.cannotRecord) {
      res.status(503).json({ status: 'cannot record audit', ...body, notReady: [CANNOT_RECORD] });
      return;
    }
    // Degraded is still ready: the node serves alerts (issue #16), so the balancer keeps it.
    res.json({ status: degraded.length > 0 ? 'degraded' : 'ready', ...body });
  });
}
